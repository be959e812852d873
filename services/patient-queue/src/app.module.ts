import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseHealthIndicator, HealthModule } from '@mediq/common';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { RedisHealthIndicator } from './database/redis.service';
import { QueueModule } from './queue.module';

@Module({})
export class AppModule {
  static register(config: PatientQueueConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [DatabaseModule, QueueModule, HealthModule.forService('patient-queue', [DatabaseHealthIndicator, RedisHealthIndicator])],
      providers: [{ provide: PATIENT_QUEUE_CONFIG, useValue: config }],
      exports: [PATIENT_QUEUE_CONFIG],
    };
  }
}
