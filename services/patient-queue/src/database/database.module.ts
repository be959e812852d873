import { Global, Module } from '@nestjs/common';
import { DatabaseHealthIndicator, PRISMA_CLIENT } from '@mediq/common';
import { PrismaService } from './prisma.service';
import { QueueReadPool } from './read-pool.service';
import { QueueWritePool } from './write-pool.service';
import { RedisHealthIndicator, RedisService } from './redis.service';

@Global()
@Module({
  providers: [PrismaService, QueueReadPool, QueueWritePool, { provide: PRISMA_CLIENT, useExisting: PrismaService }, DatabaseHealthIndicator, RedisService, RedisHealthIndicator],
  exports: [PrismaService, QueueReadPool, QueueWritePool, PRISMA_CLIENT, DatabaseHealthIndicator, RedisService, RedisHealthIndicator],
})
export class DatabaseModule {}
