import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, requestContext } from '@mediq/common';
import { Actor, QueueContracts, TicketSource } from '@mediq/contracts';
import type { Response } from 'express';
import { AllowKiosk, CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../common/idempotency/idempotency.decorator';
import { DownstreamService } from '../rpc/downstream.service';
import {
  AddToQueueDto,
  CallNextDto,
  CallTicketDto,
  CancelTicketQueryDto,
  ListTicketsQueryDto,
  QueueStatsQueryDto,
  TransferTicketDto,
  UpdateTicketStatusDto,
  WaitingLineQueryDto,
} from './dtos/queue.dtos';

const uuid = new ParseUUIDPipe();

@ApiTags('queue')
@Controller('queue')
export class QueueController {
  constructor(private readonly downstream: DownstreamService) {}

  /** Take a ticket: staff and kiosks for a patient, a patient for themself. 201 when issued, 200 when it already existed. */
  @Post()
  @Roles('PASIEN', 'OPERATOR', 'ADMIN_FASKES')
  @AllowKiosk()
  @Idempotent()
  async add(@CurrentActor() actor: Actor, @Body() body: AddToQueueDto, @Res({ passthrough: true }) res: Response) {
    const patientUserId = body.patientUserId ?? (actor.role === 'PASIEN' ? actor.userId : undefined);
    if (!patientUserId) throw DomainError.validation('patientUserId is required when staff or a kiosk takes a ticket', { patientUserId: 'required' });
    const reply = await this.downstream.call(
      QueueContracts.addToQueue,
      {
        institutionId: body.institutionId,
        serviceId: body.serviceId,
        patientUserId,
        requestId: body.requestId ?? requestContext.requestId()!,
        priority: body.priority,
        category: body.category,
        patientBirthDate: body.patientBirthDate,
        notes: body.notes,
        source: sourceOf(actor),
      },
      { actor },
    );
    res.status(reply.created ? HttpStatus.CREATED : HttpStatus.OK);
    return reply;
  }

  @Get()
  @Roles('OPERATOR', 'ADMIN_FASKES')
  list(@CurrentActor() actor: Actor, @Query() query: ListTicketsQueryDto) {
    return this.downstream.call(QueueContracts.list, query, { actor });
  }

  @Get('my-queue')
  @Roles('PASIEN')
  myQueue(@CurrentActor() actor: Actor) {
    return this.downstream.call(QueueContracts.myQueue, {}, { actor });
  }

  /** The signed-in operator's own ticket called or in service ({ticket: null} when none): the console after a reload. */
  @Get('mine/active')
  @Roles('OPERATOR', 'ADMIN_FASKES')
  myActive(@CurrentActor() actor: Actor) {
    return this.downstream.call(QueueContracts.myActive, {}, { actor });
  }

  @Get('stats')
  @Roles('OPERATOR', 'ADMIN_FASKES')
  stats(@CurrentActor() actor: Actor, @Query() query: QueueStatsQueryDto) {
    return this.downstream.call(QueueContracts.getStats, query, { actor });
  }

  /** What the display board shows: numbers only. */
  @Get('institution/:institutionId/current')
  @Public()
  current(@Param('institutionId', uuid) institutionId: string) {
    return this.downstream.call(QueueContracts.current, { institutionId });
  }

  /** The operator's console: a service's waiting tickets in the order call-next calls them (priority lanes applied). */
  @Get('institution/:institutionId/waiting')
  @Roles('OPERATOR', 'ADMIN_FASKES')
  waitingLine(@CurrentActor() actor: Actor, @Param('institutionId', uuid) institutionId: string, @Query() query: WaitingLineQueryDto) {
    return this.downstream.call(QueueContracts.waitingLine, { institutionId, serviceId: query.serviceId }, { actor });
  }

  /** The operator calls the next patient; 204 when nobody waits. */
  @Post('institution/:institutionId/next')
  @Roles('OPERATOR', 'ADMIN_FASKES')
  async next(
    @CurrentActor() actor: Actor,
    @Param('institutionId', uuid) institutionId: string,
    @Body() body: CallNextDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const reply = await this.downstream.call(QueueContracts.getNext, { institutionId, serviceId: body.serviceId, counter: body.counter }, { actor });
    if (!reply.ticket) {
      res.status(HttpStatus.NO_CONTENT);
      return undefined;
    }
    res.status(HttpStatus.OK);
    return reply;
  }

  @Get(':id')
  @Roles('PASIEN', 'OPERATOR', 'ADMIN_FASKES')
  @AllowKiosk()
  findOne(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.downstream.call(QueueContracts.findOne, { id }, { actor });
  }

  @Patch(':id/status')
  @Roles('OPERATOR', 'ADMIN_FASKES')
  updateStatus(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: UpdateTicketStatusDto) {
    return this.downstream.call(QueueContracts.updateStatus, { id, status: body.status, notes: body.notes }, { actor });
  }

  @Post(':id/call')
  @HttpCode(HttpStatus.OK)
  @Roles('OPERATOR', 'ADMIN_FASKES')
  call(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: CallTicketDto) {
    return this.downstream.call(QueueContracts.call, { id, counter: body.counter }, { actor });
  }

  /** A no-show of today comes back: WAITING again, next in line of its priority; audited. */
  @Post(':id/reinstate')
  @HttpCode(HttpStatus.OK)
  @Roles('OPERATOR', 'ADMIN_FASKES')
  reinstate(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.downstream.call(QueueContracts.reinstate, { id }, { actor });
  }

  @Post(':id/transfer')
  @HttpCode(HttpStatus.OK)
  @Roles('OPERATOR', 'ADMIN_FASKES')
  transfer(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: TransferTicketDto) {
    return this.downstream.call(QueueContracts.transfer, { id, serviceId: body.serviceId }, { actor });
  }

  /** Cancel: the patient their own ticket, staff any of their institution's. */
  @Delete(':id')
  @Roles('PASIEN', 'OPERATOR', 'ADMIN_FASKES')
  cancel(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Query() query: CancelTicketQueryDto) {
    return this.downstream.call(QueueContracts.cancel, { id, reason: query.reason }, { actor });
  }
}

function sourceOf(actor: Actor): TicketSource {
  if (actor.kind === 'kiosk') return 'KIOSK';
  return actor.role === 'PASIEN' ? 'APP' : 'OPERATOR';
}
