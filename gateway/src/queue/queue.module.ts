import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { QueueController } from './queue.controller';
import { TicketFollowController } from './ticket-follow.controller';

/** The queue's HTTP routes, and its real-time updates over socket.io. */
@Module({
  imports: [RealtimeModule],
  controllers: [TicketFollowController, QueueController],
})
export class QueueModule {}
