import { useEffect, useRef } from 'react';
import { io, Socket } from 'socket.io-client';

/** The gateway's socket.io namespace for queue events (see gateway/src/realtime). */
export const QUEUE_NAMESPACE = '/queue';

export type QueueSocketEvent = 'queue_update' | 'queue_called' | 'queue_almost_ready' | 'queue_ready';

export interface Subscription {
  institutionId?: string;
  serviceId?: string;
  ticketId?: string;
}

interface Options {
  /** Access token for rooms that need one (a service, a ticket). */
  token?: string;
  /** Or a printed ticket's follow link, which opens that one ticket's room. */
  followToken?: string;
  subscriptions: Subscription[];
  handlers: Partial<Record<QueueSocketEvent, (payload: any) => void>>;
  /** Called after every (re)connection once the rooms are joined: rebuild state from the API here. */
  onSynced?: () => void;
  onConnectionChange?: (connected: boolean) => void;
}

/**
 * Keeps a socket.io connection to the queue relay while the component is mounted, (re)joins the
 * rooms after every connect (a gateway restart forgets them) and then asks the page to resync.
 */
export function useQueueSocket(options: Options, deps: unknown[]): void {
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const { token, followToken, subscriptions } = latest.current;
    if (subscriptions.length === 0) return;
    const auth = token ? { token } : followToken ? { followToken } : undefined;
    const socket: Socket = io(QUEUE_NAMESPACE, { transports: ['websocket', 'polling'], auth });
    socket.on('connect', async () => {
      latest.current.onConnectionChange?.(true);
      await Promise.all(subscriptions.map((subscription) => socket.timeout(5_000).emitWithAck('subscribe', subscription).catch(() => undefined)));
      latest.current.onSynced?.();
    });
    socket.on('disconnect', () => latest.current.onConnectionChange?.(false));
    for (const name of ['queue_update', 'queue_called', 'queue_almost_ready', 'queue_ready'] as const) {
      socket.on(name, (payload: unknown) => latest.current.handlers[name]?.(payload));
    }
    return () => {
      socket.disconnect();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
