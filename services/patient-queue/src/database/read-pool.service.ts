import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createReadPool } from '@mediq/common';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';

/** Prepared-statement reads of the queue's own database, for the ticket read's position and pace (see createReadPool). */
@Injectable()
export class QueueReadPool implements OnModuleDestroy {
  private readonly pool: ReturnType<typeof createReadPool>;

  constructor(@Inject(PATIENT_QUEUE_CONFIG) config: PatientQueueConfig) {
    this.pool = createReadPool(config.QUEUE_DATABASE_URL);
  }

  execute<T>(sql: string, values: unknown[]): Promise<T[]> {
    return this.pool.execute(sql, values);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
