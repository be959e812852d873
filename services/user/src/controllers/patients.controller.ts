import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PatientContracts, ReplyOf, RequestOf, RpcEnvelope } from '@mediq/contracts';
import { PatientIdentityService } from '../services/patient-identity.service';

@Controller()
export class PatientsController {
  constructor(private readonly identity: PatientIdentityService) {}

  @MessagePattern(PatientContracts.registerFromCard.pattern)
  registerFromCard(
    @Payload() { actor, data }: RpcEnvelope<RequestOf<typeof PatientContracts.registerFromCard>>,
  ): Promise<ReplyOf<typeof PatientContracts.registerFromCard>> {
    return this.identity.registerFromCard(actor, data);
  }

  @MessagePattern(PatientContracts.record.pattern)
  record(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof PatientContracts.record>>): Promise<ReplyOf<typeof PatientContracts.record>> {
    return this.identity.record(actor, data.id);
  }

  @MessagePattern(PatientContracts.correctIdentity.pattern)
  correctIdentity(
    @Payload() { actor, data }: RpcEnvelope<RequestOf<typeof PatientContracts.correctIdentity>>,
  ): Promise<ReplyOf<typeof PatientContracts.correctIdentity>> {
    return this.identity.correctIdentity(actor, data);
  }
}
