import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createMariaDbAdapter } from '@mediq/common';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';

/** Connections of Prisma's pool: with the write pool's (the URL's `connection_limit`, else 10) and the read pool's 4, a replica holds at most 18. */
const COLD_PATH_CONNECTIONS = 4;

/**
 * Prisma Client for the queue's cold paths (lists, history, the board, pruning); the hot reads and every
 * transaction run on the driver pools, so it keeps a pool of its own of COLD_PATH_CONNECTIONS.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(PATIENT_QUEUE_CONFIG) config: PatientQueueConfig) {
    super({ adapter: createMariaDbAdapter(config.QUEUE_DATABASE_URL, { connectionLimit: COLD_PATH_CONNECTIONS }) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
