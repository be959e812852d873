import { Module } from '@nestjs/common';
import { StaffPasswordsController } from './staff-passwords.controller';
import { UsersController } from './users.controller';

@Module({ controllers: [UsersController, StaffPasswordsController] })
export class UsersModule {}
