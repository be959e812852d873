import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ANONYMOUS_ACTOR } from '@mediq/common';
import { InstitutionContracts, RequestOf, RpcEnvelope } from '@mediq/contracts';
import { ServiceCatalogService } from '../services/service-catalog.service';

@Controller()
export class ServicesController {
  constructor(private readonly catalog: ServiceCatalogService) {}

  @MessagePattern(InstitutionContracts.getServices.pattern)
  getServices(@Payload() { data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.getServices>>) {
    return this.catalog.getServices(data);
  }

  @MessagePattern(InstitutionContracts.createService.pattern)
  create(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.createService>>) {
    return this.catalog.createService(actor ?? ANONYMOUS_ACTOR, data);
  }

  @MessagePattern(InstitutionContracts.updateService.pattern)
  update(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.updateService>>) {
    return this.catalog.updateService(actor ?? ANONYMOUS_ACTOR, data);
  }

  @MessagePattern(InstitutionContracts.deleteService.pattern)
  delete(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.deleteService>>) {
    return this.catalog.deleteService(actor ?? ANONYMOUS_ACTOR, data);
  }

  @MessagePattern(InstitutionContracts.isServiceOpen.pattern)
  isOpen(@Payload() { data }: RpcEnvelope<RequestOf<typeof InstitutionContracts.isServiceOpen>>) {
    return this.catalog.isServiceOpen(data);
  }
}
