import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ANONYMOUS_ACTOR } from '@mediq/common';
import { InstitutionContracts, RequestOf, RpcEnvelope } from '@mediq/contracts';
import { InstitutionSeedService } from '../services/institution-seed.service';
import { InstitutionsService } from '../services/institutions.service';

@Controller()
export class InstitutionsController {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly seed: InstitutionSeedService,
  ) {}

  @MessagePattern(InstitutionContracts.create.pattern)
  create(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.create>>) {
    return this.institutions.create(actor ?? ANONYMOUS_ACTOR, data);
  }

  @MessagePattern(InstitutionContracts.findAll.pattern)
  findAll(@Payload() { data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.findAll>>) {
    return this.institutions.findAll(data);
  }

  @MessagePattern(InstitutionContracts.findOne.pattern)
  findOne(@Payload() { data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.findOne>>) {
    return this.institutions.findOne(data);
  }

  @MessagePattern(InstitutionContracts.findByCode.pattern)
  findByCode(@Payload() { data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.findByCode>>) {
    return this.institutions.findByCode(data);
  }

  @MessagePattern(InstitutionContracts.search.pattern)
  search(@Payload() { data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.search>>) {
    return this.institutions.search(data);
  }

  @MessagePattern(InstitutionContracts.update.pattern)
  update(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.update>>) {
    return this.institutions.update(actor ?? ANONYMOUS_ACTOR, data);
  }

  @MessagePattern(InstitutionContracts.delete.pattern)
  delete(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.delete>>) {
    return this.institutions.delete(actor ?? ANONYMOUS_ACTOR, data);
  }

  @MessagePattern(InstitutionContracts.ensure.pattern)
  ensure(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.ensure>>) {
    return this.seed.ensure(actor ?? ANONYMOUS_ACTOR, data);
  }
}
