import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthContracts, LoginReply, RequestOf, RpcEnvelope, TemporaryPasswordReply, UserContracts } from '@mediq/contracts';
import { StaffPasswordsService } from '../services/staff-passwords.service';

@Controller()
export class StaffPasswordsController {
  constructor(private readonly passwords: StaffPasswordsService) {}

  @MessagePattern(UserContracts.resetStaffPassword.pattern)
  reset(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.resetStaffPassword>>): Promise<TemporaryPasswordReply> {
    return this.passwords.reset(actor, data.id);
  }

  @MessagePattern(AuthContracts.changePassword.pattern)
  change(@Payload() { data }: RpcEnvelope<RequestOf<typeof AuthContracts.changePassword>>): Promise<LoginReply> {
    return this.passwords.change(data);
  }
}
