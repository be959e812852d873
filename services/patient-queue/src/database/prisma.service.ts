import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createMariaDbAdapter } from '@mediq/common';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';

/** Prisma Client for the queue's cold paths; its transactions run on QueueWritePool. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(PATIENT_QUEUE_CONFIG) config: PatientQueueConfig) {
    super({ adapter: createMariaDbAdapter(config.QUEUE_DATABASE_URL) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
