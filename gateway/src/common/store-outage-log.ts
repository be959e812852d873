import { Logger } from '@nestjs/common';

/**
 * Logs that a store (Redis) became unreadable once, and once more when it answers again, rather than
 * on every request in between: `event` names the store's use, `state` is `down` or `up`.
 */
export class StoreOutageLog {
  private away = false;

  constructor(
    private readonly logger: Logger,
    private readonly event: string,
    private readonly messages: { down: (reason: string) => string; up: string },
  ) {}

  /** The store answered. */
  answered(): void {
    if (!this.away) return;
    this.away = false;
    this.logger.log({ msg: this.messages.up, event: this.event, state: 'up' });
  }

  /** The store could not be read. */
  failed(error: unknown): void {
    if (this.away) return;
    this.away = true;
    this.logger.warn({ msg: this.messages.down(error instanceof Error ? error.message : String(error)), event: this.event, state: 'down' });
  }
}
