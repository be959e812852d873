import { Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, TemporaryPasswordReply, UserContracts } from '@mediq/contracts';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { DownstreamService } from '../rpc/downstream.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class StaffPasswordsController {
  constructor(private readonly downstream: DownstreamService) {}

  /**
   * An administrator sets a one-time password for a staff member of their institution (not
   * themselves): hand it over in person; the staff member's sessions end, and signing in with it
   * answers PASSWORD_CHANGE_REQUIRED until they choose their own at POST /api/auth/password.
   */
  @Post(':id/password-reset')
  @Roles('ADMIN_FASKES')
  @HttpCode(HttpStatus.OK)
  reset(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TemporaryPasswordReply> {
    return this.downstream.call(UserContracts.resetStaffPassword, { id }, { actor });
  }
}
