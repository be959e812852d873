import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { QueueEventRelay } from './queue-event-relay.service';
import { QueueGateway } from './queue.gateway';

/** socket.io relay of queue events (namespace /queue). */
@Module({
  imports: [AuthModule],
  providers: [QueueEventRelay, QueueGateway],
})
export class RealtimeModule {}
