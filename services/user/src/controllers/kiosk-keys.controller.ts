import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IssuedKioskKey, KioskKeyContracts, KioskKeyIdentity, KioskKeyView, RequestOf, RpcEnvelope } from '@mediq/contracts';
import { KioskKeysService } from '../services/kiosk-keys.service';

@Controller()
export class KioskKeysController {
  constructor(private readonly kioskKeys: KioskKeysService) {}

  @MessagePattern(KioskKeyContracts.issue.pattern)
  issue(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof KioskKeyContracts.issue>>): Promise<IssuedKioskKey> {
    return this.kioskKeys.issue(actor, data.institutionId, data.label);
  }

  @MessagePattern(KioskKeyContracts.verify.pattern)
  verify(@Payload() { data }: RpcEnvelope<RequestOf<typeof KioskKeyContracts.verify>>): Promise<KioskKeyIdentity> {
    return this.kioskKeys.verify(data.key);
  }

  @MessagePattern(KioskKeyContracts.revoke.pattern)
  revoke(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof KioskKeyContracts.revoke>>): Promise<KioskKeyView> {
    return this.kioskKeys.revoke(actor, data.id);
  }

  @MessagePattern(KioskKeyContracts.list.pattern)
  list(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof KioskKeyContracts.list>>): Promise<KioskKeyView[]> {
    return this.kioskKeys.list(actor, data.institutionId);
  }
}
