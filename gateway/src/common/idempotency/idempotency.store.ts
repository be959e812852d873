import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EdgeRedis } from '../edge-redis';

/** A stored answer to replay. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyClaim =
  | { outcome: 'claimed'; token: string }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'in-progress' }
  | { outcome: 'different-request' };

type Entry = { state: 'pending'; fingerprint: string; token: string } | { state: 'done'; fingerprint: string; response: StoredResponse };

/** SET the pending entry when the key is new, else answer the entry that is there. */
const CLAIM_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`;
/** DEL the entry only while it is still this request's pending claim. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Idempotency keys in Redis. Claiming is one atomic step, so of two concurrent requests with the
 * same key exactly one runs; the pending claim expires on its own if the gateway dies mid-request.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly redis: EdgeRedis) {}

  async claim(key: string, fingerprint: string, pendingTtlMs: number): Promise<IdempotencyClaim> {
    const token = randomUUID();
    const pending: Entry = { state: 'pending', fingerprint, token };
    const existing = (await this.redis.client.eval(CLAIM_SCRIPT, 1, this.redisKey(key), JSON.stringify(pending), pendingTtlMs)) as string | null;
    if (existing === null) return { outcome: 'claimed', token };
    const entry = JSON.parse(existing) as Entry;
    if (entry.fingerprint !== fingerprint) return { outcome: 'different-request' };
    return entry.state === 'done' ? { outcome: 'replay', response: entry.response } : { outcome: 'in-progress' };
  }

  async complete(key: string, fingerprint: string, response: StoredResponse, ttlSeconds: number): Promise<void> {
    const done: Entry = { state: 'done', fingerprint, response };
    await this.redis.client.set(this.redisKey(key), JSON.stringify(done), 'EX', ttlSeconds);
  }

  /** Frees the key after a failed request so the client's retry runs again. */
  async release(key: string, fingerprint: string, token: string): Promise<void> {
    const pending: Entry = { state: 'pending', fingerprint, token };
    await this.redis.client.eval(RELEASE_SCRIPT, 1, this.redisKey(key), JSON.stringify(pending));
  }

  private redisKey(key: string): string {
    return `${this.redis.keyPrefix}idempotency:${key}`;
  }
}
