import { connect } from 'amqplib';
import { ServiceName, serviceQueue } from '@mediq/contracts';

/**
 * All RabbitMQ names in one place. Changing a queue's arguments on an existing queue fails at boot
 * (PRECONDITION_FAILED), so TOPOLOGY_VERSION is part of every queue name: bump it with any change.
 */
export const TOPOLOGY_VERSION = 'v1';

export function requestQueue(service: ServiceName, prefix: string): string {
  return `${serviceQueue(service, prefix)}.${TOPOLOGY_VERSION}`;
}

export function deadLetterExchange(prefix: string): string {
  return `${prefix}mediq.dead-letter`;
}

export function deadLetterQueue(prefix: string): string {
  return `${prefix}mediq.dead-letter.${TOPOLOGY_VERSION}`;
}

/** Arguments of every service request queue: messages a handler cannot process are dead-lettered. */
export function requestQueueArguments(prefix: string) {
  return { 'x-dead-letter-exchange': deadLetterExchange(prefix) };
}

/** Declares the shared exchanges and queues. Idempotent; every service runs it before listening. */
export async function declareTopology(url: string, prefix: string): Promise<void> {
  const connection = await connect(url, { noDelay: true });
  try {
    const channel = await connection.createChannel();
    await channel.assertExchange(deadLetterExchange(prefix), 'fanout', { durable: true });
    await channel.assertQueue(deadLetterQueue(prefix), { durable: true });
    await channel.bindQueue(deadLetterQueue(prefix), deadLetterExchange(prefix), '');
    await channel.close();
  } finally {
    await connection.close();
  }
}
