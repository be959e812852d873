import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DriverPool, SqlTransaction } from '@mediq/common';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';

/**
 * The queue's write transactions (issue, call, status changes, transfer, the outbox relay's batches) on plain
 * driver connections, every one at READ COMMITTED: locking reads see the latest committed rows and take no gap
 * locks. Prisma Client stays for the cold paths (lists, history, the board, pruning).
 */
@Injectable()
export class QueueWritePool implements OnModuleDestroy {
  private readonly pool: DriverPool;

  constructor(@Inject(PATIENT_QUEUE_CONFIG) config: PatientQueueConfig) {
    this.pool = new DriverPool(config.QUEUE_DATABASE_URL, { readCommitted: true });
  }

  /** Runs `work` in one transaction, retried on a deadlock (DriverPool.transaction). */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.pool.transaction(work);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
