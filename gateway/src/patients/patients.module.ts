import { Module } from '@nestjs/common';
import { PatientsController } from './patients.controller';

/** Patients' record keeping for staff: review flags, history, identity corrections. */
@Module({ controllers: [PatientsController] })
export class PatientsModule {}
