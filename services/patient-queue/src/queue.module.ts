import { Module } from '@nestjs/common';
import { RpcClient } from '@mediq/common';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from './config';
import { QueueController } from './controllers/queue.controller';
import { TicketFollowController } from './controllers/ticket-follow.controller';
import { FollowLinkRepository } from './repositories/follow-link.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { StatsCacheRepository } from './repositories/stats-cache.repository';
import { TicketRepository } from './repositories/ticket.repository';
import { InstitutionDirectory } from './services/institution-directory.service';
import { OutboxRelay } from './services/outbox-relay.service';
import { PositionService } from './services/position.service';
import { QueueService } from './services/queue.service';
import { StatsService } from './services/stats.service';
import { TicketFollowService } from './services/ticket-follow.service';

@Module({
  controllers: [QueueController, TicketFollowController],
  providers: [
    { provide: RpcClient, useFactory: (config: PatientQueueConfig) => new RpcClient(config), inject: [PATIENT_QUEUE_CONFIG] },
    TicketRepository,
    OutboxRepository,
    StatsCacheRepository,
    InstitutionDirectory,
    OutboxRelay,
    PositionService,
    StatsService,
    QueueService,
    FollowLinkRepository,
    TicketFollowService,
  ],
})
export class QueueModule {}
