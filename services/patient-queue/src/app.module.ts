import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@mediq/common';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from './config';

@Module({})
export class AppModule {
  static register(config: PatientQueueConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [HealthModule.forService('patient-queue', [])],
      providers: [{ provide: PATIENT_QUEUE_CONFIG, useValue: config }],
      exports: [PATIENT_QUEUE_CONFIG],
    };
  }
}
