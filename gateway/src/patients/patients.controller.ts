import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, PatientContracts } from '@mediq/contracts';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { DownstreamService } from '../rpc/downstream.service';
import { CorrectIdentityDto } from './dtos/patient-identity.dtos';

/**
 * A patient's record keeping, for staff of an institution the patient visited: review flags raised
 * at the kiosk, the history of every change, and identity corrections with a reason.
 */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('users/:id')
@Roles('OPERATOR', 'ADMIN_FASKES')
export class PatientsController {
  constructor(private readonly downstream: DownstreamService) {}

  /** Open review flags and the history of the patient's record, newest first. */
  @Get('record')
  record(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.downstream.call(PatientContracts.record, { id }, { actor });
  }

  /** Corrects identity fields (name, birth date, sex, birth place) with a reason; recorded in the history. */
  @Post('identity-corrections')
  correct(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CorrectIdentityDto) {
    return this.downstream.call(PatientContracts.correctIdentity, { ...body, id }, { actor });
  }
}
