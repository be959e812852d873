import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createMariaDbAdapter } from '@mediq/common';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';

/** Every connection at READ COMMITTED (createMariaDbAdapter): the queue's transactions rely on it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(PATIENT_QUEUE_CONFIG) config: PatientQueueConfig) {
    super({ adapter: createMariaDbAdapter(config.QUEUE_DATABASE_URL, { readCommitted: true }) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
