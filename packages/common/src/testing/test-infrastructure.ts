import { randomBytes } from 'node:crypto';
import { connect } from 'amqplib';
import { SERVICE_NAMES } from '@mediq/contracts';
import { baseEnvSchema, BaseConfig } from '../config';
import { deadLetterExchange, deadLetterQueue, requestQueue } from '../rmq';

/**
 * Helpers for integration tests against the real MariaDB, RabbitMQ and Redis. Each test file gets
 * its own database names and queue prefix, so files run in parallel without seeing each other.
 */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
export const TEST_RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** Connections per service pool in tests. */
export const TEST_CONNECTION_LIMIT = 4;

export function testDatabaseUrl(label: string, suffix = uniqueSuffix()): string {
  // A small pool: many test files run at once, beside a running `npm start`, under MariaDB's max_connections.
  return `${TEST_MYSQL_URL}/mediq_test_${label.replace(/[^a-z0-9]/gi, '_')}_${suffix}?connection_limit=${TEST_CONNECTION_LIMIT}`;
}

/** Environment variables for one test file: silent logs and a queue prefix of its own. */
export function testEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv & { RABBITMQ_URL: string; RMQ_PREFIX: string } {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    RMQ_PREFIX: `t${uniqueSuffix()}.`,
    REDIS_URL: TEST_REDIS_URL,
    ...overrides,
  };
}

/** A validated base configuration for code that takes one directly (an RpcClient in a test). */
export function testBaseConfig(env = testEnv()): BaseConfig {
  return baseEnvSchema.parse(env);
}

/** Removes the queues and exchange a test prefix created in the broker. */
export async function deleteTestTopology(config: Pick<BaseConfig, 'RABBITMQ_URL' | 'RMQ_PREFIX'>): Promise<void> {
  if (!config.RMQ_PREFIX) throw new Error('Refusing to delete the unprefixed (production) topology');
  const connection = await connect(config.RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    for (const service of SERVICE_NAMES) await channel.deleteQueue(requestQueue(service, config.RMQ_PREFIX));
    await channel.deleteQueue(deadLetterQueue(config.RMQ_PREFIX));
    await channel.deleteExchange(deadLetterExchange(config.RMQ_PREFIX));
    await channel.close();
  } finally {
    await connection.close();
  }
}
