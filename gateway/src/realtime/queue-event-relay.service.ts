import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { QueueEvent, queueEventsExchange } from '@mediq/contracts';
import { Channel, ChannelModel, connect, ConsumeMessage } from 'amqplib';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

const RECONNECT_MS = 1_000;
const REMEMBERED_EVENTS = 2_000;

export type QueueEventListener = (event: QueueEvent) => void;

/**
 * Consumes `queue.events` through a queue of this gateway process's own (exclusive, deleted with
 * the connection), so every gateway replica relays every event to its own sockets. Delivery is at
 * least once: events already seen (by eventId) are dropped. Reconnects after a broker outage.
 */
@Injectable()
export class QueueEventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueEventRelay.name);
  private readonly listeners: QueueEventListener[] = [];
  private readonly seen = new Set<string>();
  private connection: ChannelModel | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readyPromise: Promise<void> | null = null;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  onEvent(listener: QueueEventListener): void {
    this.listeners.push(listener);
  }

  onApplicationBootstrap(): Promise<void> {
    this.readyPromise = this.connect();
    return this.readyPromise;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.connection?.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    try {
      const connection = await connect(this.config.RABBITMQ_URL, { noDelay: true, heartbeat: this.config.RMQ_HEARTBEAT_SECONDS });
      connection.on('error', () => undefined);
      connection.on('close', () => {
        this.connection = null;
        this.scheduleReconnect();
      });
      const channel = await connection.createChannel();
      const exchange = queueEventsExchange(this.config.RMQ_PREFIX);
      await channel.assertExchange(exchange, 'topic', { durable: true });
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
      await channel.bindQueue(queue, exchange, '#');
      await channel.consume(queue, (message) => this.handle(channel, message), { noAck: true });
      this.connection = connection;
    } catch (error) {
      this.logger.warn(`queue events unavailable, retrying: ${error instanceof Error ? error.message : String(error)}`);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }

  private handle(_channel: Channel, message: ConsumeMessage | null): void {
    if (!message) return;
    let event: QueueEvent;
    try {
      event = JSON.parse(message.content.toString('utf8')) as QueueEvent;
    } catch {
      this.logger.warn('dropped a queue event that is not JSON');
      return;
    }
    if (!event?.eventId || this.seen.has(event.eventId)) return;
    this.remember(event.eventId);
    for (const listener of this.listeners) listener(event);
  }

  private remember(eventId: string): void {
    this.seen.add(eventId);
    if (this.seen.size > REMEMBERED_EVENTS) this.seen.delete(this.seen.values().next().value!);
  }
}
