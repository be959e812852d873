import { Global, Module } from '@nestjs/common';
import { DatabaseHealthIndicator, PrismaService } from './prisma.service';
import { RedisHealthIndicator, RedisService } from './redis.service';

@Global()
@Module({
  providers: [PrismaService, DatabaseHealthIndicator, RedisService, RedisHealthIndicator],
  exports: [PrismaService, DatabaseHealthIndicator, RedisService, RedisHealthIndicator],
})
export class DatabaseModule {}
