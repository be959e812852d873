import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { QueueController } from './queue.controller';

/** The queue's HTTP routes, and its real-time updates over socket.io. */
@Module({
  imports: [RealtimeModule],
  controllers: [QueueController],
})
export class QueueModule {}
