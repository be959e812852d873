import { Body, Controller, Delete, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Actor, Page, UserContracts, UserView, UserWithWarnings } from '@mediq/contracts';
import { AllowKiosk, CurrentActor, Roles } from '../auth/auth.decorators';
import { DownstreamService } from '../rpc/downstream.service';
import { CreatePatientDto, CreateStaffDto, ListUsersQuery, UpdateRoleDto, UpdateUserDto } from './dtos/users.dtos';

const IDEMPOTENCY_HEADER = 'idempotency-key';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly downstream: DownstreamService) {}

  /** Registers a patient (kiosk or staff). NIK warnings (e.g. its date differs from the printed one) come back in `warnings`. */
  @Post()
  @Roles('OPERATOR', 'ADMIN_FASKES')
  @AllowKiosk()
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false, description: 'Retrying with the same key returns the first registration' })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreatePatientDto,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey?: string,
  ): Promise<UserWithWarnings> {
    return this.downstream.call(UserContracts.create, { ...body, role: 'PASIEN', ...(idempotencyKey ? { idempotencyKey } : {}) }, { actor });
  }

  /** An ADMIN_FASKES creates an OPERATOR or ADMIN_FASKES account for their own institution. */
  @Post('staff')
  @Roles('ADMIN_FASKES')
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false })
  async createStaff(
    @CurrentActor() actor: Actor,
    @Body() body: CreateStaffDto,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey?: string,
  ): Promise<UserView> {
    const request = { ...body, institutionId: actor.institutionId!, ...(idempotencyKey ? { idempotencyKey } : {}) };
    return (await this.downstream.call(UserContracts.create, request, { actor })).user;
  }

  /** Whether a NIK is registered; kiosks and staff only, so strangers cannot probe who is a patient. */
  @Get('check-nik/:nik')
  @Roles('OPERATOR', 'ADMIN_FASKES')
  @AllowKiosk()
  checkNik(@CurrentActor() actor: Actor, @Param('nik') nik: string): Promise<{ exists: boolean }> {
    return this.downstream.call(UserContracts.checkNikExists, { nik }, { actor });
  }

  @Get('profile')
  profile(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.downstream.call(UserContracts.profile, {}, { actor });
  }

  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.downstream.call(UserContracts.profile, {}, { actor });
  }

  /** Users of the administrator's institution, paginated; filter by role, search by name. */
  @Get()
  @Roles('ADMIN_FASKES')
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.downstream.call(UserContracts.list, { ...query, institutionId: actor.institutionId }, { actor });
  }

  @Get(':id')
  findOne(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.downstream.call(UserContracts.findOne, { id }, { actor });
  }

  /** The user themselves, or an ADMIN_FASKES of their institution; `disabled` (administrators, staff accounts) in its own call. */
  @Patch(':id')
  async update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<UserWithWarnings> {
    const { disabled, ...fields } = body;
    if (disabled === undefined) return this.downstream.call(UserContracts.update, { ...fields, id }, { actor });
    const view = await this.downstream.call(UserContracts.setDisabled, { id, disabled }, { actor });
    return Object.keys(fields).length ? this.downstream.call(UserContracts.update, { ...fields, id }, { actor }) : { user: view, warnings: [] };
  }

  @Patch(':id/role')
  @Roles('ADMIN_FASKES')
  updateRole(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateRoleDto): Promise<UserView> {
    return this.downstream.call(UserContracts.updateRole, { id, role: body.role }, { actor });
  }

  @Delete(':id')
  @Roles('ADMIN_FASKES')
  delete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<{ id: string; deleted: true }> {
    return this.downstream.call(UserContracts.delete, { id }, { actor });
  }
}
