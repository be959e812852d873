import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Page, RequestOf, RpcEnvelope, SeedInstitutionAccessReply, UserContracts, UserView, UserWithWarnings } from '@mediq/contracts';
import { InstitutionAccessSeed } from '../seed/institution-access.seed';
import { UsersService } from '../services/users.service';

@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly seed: InstitutionAccessSeed,
  ) {}

  @MessagePattern(UserContracts.create.pattern)
  create(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.create>>): Promise<UserWithWarnings> {
    return this.users.create(actor, data);
  }

  @MessagePattern(UserContracts.checkNikExists.pattern)
  checkNikExists(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.checkNikExists>>): Promise<{ exists: boolean }> {
    return this.users.checkNikExists(actor, data.nik);
  }

  @MessagePattern(UserContracts.findByNik.pattern)
  findByNik(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.findByNik>>): Promise<UserView> {
    return this.users.findByNik(actor, data.nik);
  }

  @MessagePattern(UserContracts.findOne.pattern)
  findOne(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.findOne>>): Promise<UserView> {
    return this.users.findOne(actor, data.id);
  }

  @MessagePattern(UserContracts.profile.pattern)
  profile(@Payload() { actor }: RpcEnvelope<RequestOf<typeof UserContracts.profile>>): Promise<UserView> {
    return this.users.profile(actor);
  }

  @MessagePattern(UserContracts.update.pattern)
  update(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.update>>): Promise<UserWithWarnings> {
    return this.users.update(actor, data);
  }

  @MessagePattern(UserContracts.list.pattern)
  list(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.list>>): Promise<Page<UserView>> {
    return this.users.list(actor, data);
  }

  @MessagePattern(UserContracts.setDisabled.pattern)
  setDisabled(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.setDisabled>>): Promise<UserView> {
    return this.users.setDisabled(actor, data.id, data.disabled);
  }

  @MessagePattern(UserContracts.updateRole.pattern)
  updateRole(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.updateRole>>): Promise<UserView> {
    return this.users.updateRole(actor, data.id, data.role);
  }

  @MessagePattern(UserContracts.delete.pattern)
  delete(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.delete>>): Promise<{ id: string; deleted: true }> {
    return this.users.delete(actor, data.id);
  }

  @MessagePattern(UserContracts.seedInstitutionAccess.pattern)
  seedInstitutionAccess(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof UserContracts.seedInstitutionAccess>>): Promise<SeedInstitutionAccessReply> {
    return this.seed.run(actor, data);
  }
}
