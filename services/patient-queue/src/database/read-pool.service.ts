import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DriverPool, SqlReader } from '@mediq/common';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';

/** Prepared-statement reads of the queue's own database outside a transaction: the ticket read's row, position and pace (see DriverPool). */
@Injectable()
export class QueueReadPool implements SqlReader, OnModuleDestroy {
  private readonly pool: DriverPool;

  constructor(@Inject(PATIENT_QUEUE_CONFIG) config: PatientQueueConfig) {
    this.pool = new DriverPool(config.QUEUE_DATABASE_URL, { connectionLimit: 4 });
  }

  execute<T>(sql: string, values: readonly unknown[]): Promise<T[]> {
    return this.pool.execute(sql, values);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
