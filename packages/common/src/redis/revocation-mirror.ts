import type Redis from 'ioredis';

/** Entries whose expiry has passed are dropped this often (they are refused no longer anyway). */
const PRUNE_MS = 60_000;
const RELOAD_RETRY_MS = 1_000;

/**
 * An in-memory copy of one revocation list (see RevocationList), so the gateway answers "is it revoked"
 * without a Redis round trip per request. It subscribes to the list's channel (every add publishes the
 * ids there), then loads the list's keys with their time to live; it is `synced` only while its
 * subscription is up and that load has finished. Whenever the subscriber connection drops it stops being
 * synced (callers read Redis directly meanwhile) and loads the whole list again once it is back.
 */
export class RevocationMirror {
  private readonly expiresAt = new Map<string, number>();
  /** Ids added through the channel during a load (kept even if the load's scan missed them). */
  private readonly recentlyAdded = new Set<string>();
  private state: 'down' | 'loading' | 'synced' = 'down';
  private generation = 0;
  private readonly pruner: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly keyPrefix: string,
    private readonly channel: string,
  ) {
    subscriber.on('message', (channel: string, message: string) => channel === this.channel && this.apply(message));
    subscriber.on('ready', () => void this.resync());
    for (const event of ['close', 'end', 'reconnecting'] as const) subscriber.on(event, () => this.lost());
    if (subscriber.status === 'ready') void this.resync();
    this.pruner = setInterval(() => this.prune(), PRUNE_MS).unref();
  }

  get synced(): boolean {
    return this.state === 'synced';
  }

  has(id: string): boolean {
    const expiry = this.expiresAt.get(id);
    return expiry !== undefined && expiry > Date.now();
  }

  close(): void {
    clearInterval(this.pruner);
    this.lost();
  }

  private lost(): void {
    this.state = 'down';
    this.generation++;
  }

  private async resync(): Promise<void> {
    const generation = ++this.generation;
    this.state = 'loading';
    try {
      await this.subscriber.subscribe(this.channel);
      const loaded = await this.load();
      if (generation !== this.generation) return;
      // Adds published while loading are already in the map; the load brings everything listed before.
      for (const [id, expiry] of loaded) if ((this.expiresAt.get(id) ?? 0) < expiry) this.expiresAt.set(id, expiry);
      for (const id of this.expiresAt.keys()) if (!loaded.has(id) && !this.recentlyAdded.has(id)) this.expiresAt.delete(id);
      this.recentlyAdded.clear();
      this.state = 'synced';
    } catch {
      if (generation !== this.generation) return;
      this.state = 'down';
      setTimeout(() => generation === this.generation && void this.resync(), RELOAD_RETRY_MS).unref();
    }
  }

  private async load(): Promise<Map<string, number>> {
    const loaded = new Map<string, number>();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.keyPrefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      const pipeline = this.redis.pipeline();
      for (const key of keys) pipeline.pttl(key);
      const ttls = (await pipeline.exec()) ?? [];
      const now = Date.now();
      keys.forEach((key, i) => {
        const [error, ttl] = ttls[i] ?? [new Error('no answer'), -2];
        if (error) throw error;
        if (typeof ttl === 'number' && ttl > 0) loaded.set(key.slice(this.keyPrefix.length), now + ttl);
      });
    } while (cursor !== '0');
    return loaded;
  }

  private apply(message: string): void {
    let parsed: { ids?: unknown; seconds?: unknown };
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    if (!Array.isArray(parsed.ids) || typeof parsed.seconds !== 'number') return;
    const expiry = Date.now() + parsed.seconds * 1000;
    for (const id of parsed.ids) {
      if (typeof id !== 'string') continue;
      this.expiresAt.set(id, Math.max(expiry, this.expiresAt.get(id) ?? 0));
      if (this.state === 'loading') this.recentlyAdded.add(id);
    }
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, expiry] of this.expiresAt) if (expiry <= now) this.expiresAt.delete(id);
  }
}
