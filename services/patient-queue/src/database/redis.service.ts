import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createRedis, HealthIndicator, pingRedis } from '@mediq/common';
import type Redis from 'ioredis';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';

/** The service's Redis connection: caches only, never the source of truth. */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: Redis;

  constructor(@Inject(PATIENT_QUEUE_CONFIG) config: PatientQueueConfig) {
    this.client = createRedis(config.REDIS_URL, 'patient-queue');
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}

@Injectable()
export class RedisHealthIndicator implements HealthIndicator {
  readonly name = 'redis';
  constructor(private readonly redis: RedisService) {}

  check(): Promise<void> {
    return pingRedis(this.redis.client);
  }
}
