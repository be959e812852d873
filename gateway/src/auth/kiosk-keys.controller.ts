import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, IssuedKioskKey, KioskKeyContracts, KioskKeyView } from '@mediq/contracts';
import { DownstreamService } from '../rpc/downstream.service';
import { CurrentActor, Roles } from './auth.decorators';
import { IssueKioskKeyDto } from './dtos/auth.dtos';

/** An ADMIN_FASKES issues, lists and revokes the x-api-keys of their institution's kiosks. */
@ApiTags('kiosk-keys')
@ApiBearerAuth()
@Roles('ADMIN_FASKES')
@Controller('kiosk-keys')
export class KioskKeysController {
  constructor(private readonly downstream: DownstreamService) {}

  /** The key itself is in this answer only; it is stored hashed. */
  @Post()
  issue(@CurrentActor() actor: Actor, @Body() body: IssueKioskKeyDto): Promise<IssuedKioskKey> {
    return this.downstream.call(KioskKeyContracts.issue, { institutionId: actor.institutionId!, label: body.label }, { actor });
  }

  @Get()
  list(@CurrentActor() actor: Actor): Promise<KioskKeyView[]> {
    return this.downstream.call(KioskKeyContracts.list, { institutionId: actor.institutionId! }, { actor });
  }

  @Delete(':id')
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<KioskKeyView> {
    return this.downstream.call(KioskKeyContracts.revoke, { id }, { actor });
  }
}
