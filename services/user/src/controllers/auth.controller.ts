import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthContracts, LoginReply, RequestOf, RpcEnvelope, TokenPair, TotpEnrolment } from '@mediq/contracts';
import { AuthService } from '../services/auth.service';
import { TotpService } from '../services/totp.service';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly totp: TotpService,
  ) {}

  @MessagePattern(AuthContracts.loginAdmin.pattern)
  loginAdmin(@Payload() { data }: RpcEnvelope<RequestOf<typeof AuthContracts.loginAdmin>>): Promise<LoginReply> {
    return this.auth.loginAdmin(data);
  }

  @MessagePattern(AuthContracts.loginUser.pattern)
  loginUser(@Payload() { data }: RpcEnvelope<RequestOf<typeof AuthContracts.loginUser>>): Promise<LoginReply> {
    return this.auth.loginUser(data);
  }

  @MessagePattern(AuthContracts.refresh.pattern)
  refresh(@Payload() { data }: RpcEnvelope<RequestOf<typeof AuthContracts.refresh>>): Promise<TokenPair> {
    return this.auth.refresh(data.refreshToken);
  }

  @MessagePattern(AuthContracts.logout.pattern)
  logout(@Payload() { data }: RpcEnvelope<RequestOf<typeof AuthContracts.logout>>): Promise<{ loggedOut: true }> {
    return this.auth.logout(data.token);
  }


  @MessagePattern(AuthContracts.totpEnrol.pattern)
  totpEnrol(@Payload() { actor }: RpcEnvelope<RequestOf<typeof AuthContracts.totpEnrol>>): Promise<TotpEnrolment> {
    return this.totp.enrol(actor);
  }

  @MessagePattern(AuthContracts.totpConfirm.pattern)
  totpConfirm(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof AuthContracts.totpConfirm>>): Promise<{ totpEnabled: true }> {
    return this.totp.confirm(actor, data.code);
  }
}
