import { Global, Module } from '@nestjs/common';
import { DatabaseHealthIndicator, PRISMA_CLIENT } from '@mediq/common';
import { PrismaService } from './prisma.service';
import { RedisHealthIndicator, RedisService } from './redis.service';

@Global()
@Module({
  providers: [PrismaService, { provide: PRISMA_CLIENT, useExisting: PrismaService }, DatabaseHealthIndicator, RedisService, RedisHealthIndicator],
  exports: [PrismaService, PRISMA_CLIENT, DatabaseHealthIndicator, RedisService, RedisHealthIndicator],
})
export class DatabaseModule {}
