import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddToQueueRequest,
  CallNextRequest,
  CallTicketRequest,
  CancelTicketRequest,
  ListTicketsRequest,
  QueueContracts,
  QueueStatsRequest,
  RpcEnvelope,
  TransferTicketRequest,
  UpdateTicketStatusRequest,
  WaitingLineRequest,
} from '@mediq/contracts';
import { QueueService } from '../services/queue.service';
import { StatsService } from '../services/stats.service';

@Controller()
export class QueueController {
  constructor(
    private readonly queue: QueueService,
    private readonly stats: StatsService,
  ) {}

  @MessagePattern(QueueContracts.addToQueue.pattern)
  add(@Payload() { actor, data }: RpcEnvelope<AddToQueueRequest>) {
    return this.queue.add(actor, data);
  }

  @MessagePattern(QueueContracts.getNext.pattern)
  callNext(@Payload() { actor, data }: RpcEnvelope<CallNextRequest>) {
    return this.queue.callNext(actor, data);
  }

  @MessagePattern(QueueContracts.call.pattern)
  call(@Payload() { actor, data }: RpcEnvelope<CallTicketRequest>) {
    return this.queue.call(actor, data);
  }

  @MessagePattern(QueueContracts.updateStatus.pattern)
  updateStatus(@Payload() { actor, data }: RpcEnvelope<UpdateTicketStatusRequest>) {
    return this.queue.updateStatus(actor, data);
  }

  @MessagePattern(QueueContracts.cancel.pattern)
  cancel(@Payload() { actor, data }: RpcEnvelope<CancelTicketRequest>) {
    return this.queue.cancel(actor, data);
  }

  @MessagePattern(QueueContracts.reinstate.pattern)
  reinstate(@Payload() { actor, data }: RpcEnvelope<{ id: string }>) {
    return this.queue.reinstate(actor, data);
  }

  @MessagePattern(QueueContracts.transfer.pattern)
  transfer(@Payload() { actor, data }: RpcEnvelope<TransferTicketRequest>) {
    return this.queue.transfer(actor, data);
  }

  @MessagePattern(QueueContracts.findOne.pattern)
  findOne(@Payload() { actor, data }: RpcEnvelope<{ id: string }>) {
    return this.queue.findOne(actor, data);
  }

  @MessagePattern(QueueContracts.list.pattern)
  list(@Payload() { actor, data }: RpcEnvelope<ListTicketsRequest>) {
    return this.queue.list(actor, data);
  }

  @MessagePattern(QueueContracts.waitingLine.pattern)
  waitingLine(@Payload() { actor, data }: RpcEnvelope<WaitingLineRequest>) {
    return this.queue.waitingLine(actor, data);
  }

  @MessagePattern(QueueContracts.myQueue.pattern)
  myQueue(@Payload() { actor }: RpcEnvelope<Record<string, never>>) {
    return this.queue.myQueue(actor);
  }

  @MessagePattern(QueueContracts.myActive.pattern)
  myActive(@Payload() { actor }: RpcEnvelope<Record<string, never>>) {
    return this.queue.myActive(actor);
  }

  @MessagePattern(QueueContracts.getStats.pattern)
  getStats(@Payload() { actor, data }: RpcEnvelope<QueueStatsRequest>) {
    return this.stats.stats(actor, data);
  }

  @MessagePattern(QueueContracts.issuedToday.pattern)
  issuedToday(@Payload() { data }: RpcEnvelope<{ institutionId: string }>) {
    return this.queue.issuedToday(data);
  }

  @MessagePattern(QueueContracts.current.pattern)
  current(@Payload() { data }: RpcEnvelope<{ institutionId: string }>) {
    return this.queue.current(data);
  }
}
