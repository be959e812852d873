import { AsyncLocalStorage } from 'node:async_hooks';

/** What the gateway knows about the HTTP request a downstream call is made for. */
interface EdgeRequest {
  method: string;
  /** Set by the idempotency interceptor once it holds the request's Idempotency-Key. */
  idempotencyKey?: string;
}

const storage = new AsyncLocalStorage<EdgeRequest>();
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The HTTP request behind the current downstream call, so DownstreamService can tell whether the
 * call may be retried: reads always, writes only under an accepted Idempotency-Key.
 */
export const edgeContext = {
  run<T>(request: EdgeRequest, fn: () => T): T {
    return storage.run(request, fn);
  },
  markIdempotent(key: string): void {
    const request = storage.getStore();
    if (request) request.idempotencyKey = key;
  },
  /** Whether the request only reads (GET, HEAD, OPTIONS). */
  isRead(): boolean {
    const request = storage.getStore();
    return !!request && SAFE_METHODS.has(request.method);
  },
  allowsRetry(): boolean {
    return edgeContext.isRead() || storage.getStore()?.idempotencyKey !== undefined;
  },
};
