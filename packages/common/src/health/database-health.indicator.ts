import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicator } from './health.service';

/** The service's Prisma client, registered under this token with `useExisting`. */
export const PRISMA_CLIENT = Symbol('PRISMA_CLIENT');

interface SqlClient {
  $queryRawUnsafe(query: string): Promise<unknown>;
}

/** The service's own database answers a trivial query. */
@Injectable()
export class DatabaseHealthIndicator implements HealthIndicator {
  readonly name = 'database';

  constructor(@Inject(PRISMA_CLIENT) private readonly prisma: SqlClient) {}

  async check(): Promise<void> {
    await this.prisma.$queryRawUnsafe('SELECT 1');
  }
}
