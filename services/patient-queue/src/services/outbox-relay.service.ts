import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RPC_HEADERS, queueEventsExchange } from '@mediq/contracts';
import { ChannelModel, ConfirmChannel, connect } from 'amqplib';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';
import { OutboxRepository, PendingEvent } from '../repositories/outbox.repository';

const BATCH = 100;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Publishes the outbox to the durable `queue.events` topic exchange with publisher confirms, after
 * the change committed. Each write kicks it; a timer retries whatever a broker outage left behind.
 * Delivery is at least once: consumers drop duplicates by eventId.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private connection: ChannelModel | null = null;
  private channel: ConfirmChannel | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(PATIENT_QUEUE_CONFIG) private readonly config: PatientQueueConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), this.config.QUEUE_OUTBOX_POLL_MS);
    this.timer.unref();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    void this.flush();
  }

  /** Removes events published longer ago than QUEUE_OUTBOX_RETENTION_HOURS. */
  async prune(now = new Date()): Promise<number> {
    try {
      return await this.outbox.deletePublishedBefore(new Date(now.getTime() - this.config.QUEUE_OUTBOX_RETENTION_HOURS * 3_600_000));
    } catch (error) {
      this.logger.warn(`outbox pruning skipped: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.running?.catch(() => undefined);
    await this.disconnect();
  }

  /** Publishes everything pending; concurrent kicks coalesce into one more pass. Never rejects. */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.publishPending();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async publishPending(): Promise<void> {
    try {
      while (!this.stopped && (await this.outbox.publishBatch(BATCH, (events) => this.publish(events))) === BATCH);
    } catch (error) {
      this.logger.warn(`queue events not published yet, will retry: ${error instanceof Error ? error.message : String(error)}`);
      await this.disconnect();
      await this.outbox.recordFailedAttempt().catch(() => undefined);
    }
  }

  private async publish(events: PendingEvent[]): Promise<void> {
    const channel = await this.confirmChannel();
    const exchange = queueEventsExchange(this.config.RMQ_PREFIX);
    for (const event of events) {
      const requestId = (JSON.parse(event.body) as { requestId?: string | null }).requestId;
      channel.publish(exchange, event.routingKey, Buffer.from(event.body), {
        persistent: true,
        contentType: 'application/json',
        messageId: event.eventId,
        headers: requestId ? { [RPC_HEADERS.requestId]: requestId } : {},
      });
    }
    await channel.waitForConfirms();
  }

  private async confirmChannel(): Promise<ConfirmChannel> {
    if (this.channel) return this.channel;
    const connection = await connect(this.config.RABBITMQ_URL, { noDelay: true, heartbeat: this.config.RMQ_HEARTBEAT_SECONDS });
    connection.on('error', () => undefined);
    connection.on('close', () => {
      this.connection = null;
      this.channel = null;
    });
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    channel.on('close', () => {
      this.channel = null;
    });
    await channel.assertExchange(queueEventsExchange(this.config.RMQ_PREFIX), 'topic', { durable: true });
    this.connection = connection;
    this.channel = channel;
    return channel;
  }

  private async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.channel = null;
    await connection?.close().catch(() => undefined);
  }
}
