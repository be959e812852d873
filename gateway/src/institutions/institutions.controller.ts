import { BadRequestException, Body, Controller, Logger, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, InstitutionContracts, QueueContracts, ServiceTile } from '@mediq/contracts';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { DownstreamService } from '../rpc/downstream.service';
import { CreateInstitutionDto, ListInstitutionsQueryDto, SearchInstitutionsQueryDto, UpdateInstitutionDto } from './dtos/institution.dtos';
import { CreateServiceDto, ListServicesQueryDto, UpdateServiceDto } from './dtos/service.dtos';

/** How long the services listing waits for the queue's counts before listing without them. */
const ISSUED_TIMEOUT_MS = 2_000;

/** A path parameter that must be a UUID: a 400 naming it otherwise. */
export const uuidParam = (name: string) => new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`${name} must be a UUID`) });

/**
 * Health facilities and their services (poli). Reads are public; writes need an ADMIN_FASKES, and
 * the institution service checks it is an administrator of that institution (creating one needs a
 * platform administrator: an ADMIN_FASKES bound to no institution).
 */
@ApiTags('institutions')
@Controller('institutions')
export class InstitutionsController {
  private readonly logger = new Logger(InstitutionsController.name);

  constructor(private readonly downstream: DownstreamService) {}

  @Public()
  @Get()
  list(@Query() query: ListInstitutionsQueryDto) {
    return this.downstream.call(InstitutionContracts.findAll, query);
  }

  /** Declared before :id so "search" is not taken for an id. */
  @Public()
  @Get('search')
  search(@Query() query: SearchInstitutionsQueryDto) {
    return this.downstream.call(InstitutionContracts.search, query);
  }

  @Public()
  @Get(':id')
  findOne(@Param('id', uuidParam('id')) id: string) {
    return this.downstream.call(InstitutionContracts.findOne, { id });
  }

  @ApiBearerAuth()
  @Roles('ADMIN_FASKES')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateInstitutionDto) {
    return this.downstream.call(InstitutionContracts.create, body, { actor });
  }

  @ApiBearerAuth()
  @Roles('ADMIN_FASKES')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateInstitutionDto) {
    return this.downstream.call(InstitutionContracts.update, { ...body, id }, { actor });
  }

  @ApiBearerAuth()
  @Roles('ADMIN_FASKES')
  @Delete(':id')
  remove(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.downstream.call(InstitutionContracts.delete, { id }, { actor });
  }

  /**
   * The services with, for the kiosk's tiles, whether each is open now (and when it opens next) and
   * how many tickets it may still issue today (null: no quota). Public.
   */
  @Public()
  @Get(':id/services')
  async services(@Param('id', uuidParam('id')) institutionId: string, @Query() query: ListServicesQueryDto): Promise<ServiceTile[]> {
    const [services, issued] = await Promise.all([
      this.downstream.call(InstitutionContracts.getServices, { institutionId, ...query }),
      // Best effort: without the queue the services are still listed (a full poli then refuses at the ticket).
      this.downstream.call(QueueContracts.issuedToday, { institutionId }, { timeoutMs: ISSUED_TIMEOUT_MS, idempotent: true }).catch((error: unknown) => {
        this.logger.warn(`tickets issued today unknown for ${institutionId}: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      }),
    ]);
    return services.map((service) => ({
      ...service,
      ticketsLeftToday:
        service.dailyQuota === null || issued === null ? null : Math.max(0, service.dailyQuota - (issued.issued[service.id] ?? 0)),
    }));
  }

  @ApiBearerAuth()
  @Roles('ADMIN_FASKES')
  @Post(':id/services')
  createService(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) institutionId: string, @Body() body: CreateServiceDto) {
    return this.downstream.call(InstitutionContracts.createService, { ...body, institutionId }, { actor });
  }

  @ApiBearerAuth()
  @Roles('ADMIN_FASKES')
  @Patch(':id/services/:serviceId')
  updateService(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) institutionId: string,
    @Param('serviceId', uuidParam('serviceId')) serviceId: string,
    @Body() body: UpdateServiceDto,
  ) {
    return this.downstream.call(InstitutionContracts.updateService, { ...body, institutionId, serviceId }, { actor });
  }

  @ApiBearerAuth()
  @Roles('ADMIN_FASKES')
  @Delete(':id/services/:serviceId')
  removeService(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) institutionId: string,
    @Param('serviceId', uuidParam('serviceId')) serviceId: string,
  ) {
    return this.downstream.call(InstitutionContracts.deleteService, { institutionId, serviceId }, { actor });
  }
}
