import { io, Socket } from 'socket.io-client';
import type { QueueEvent } from '@mediq/contracts';
import type { SubscribeAck, SubscribeRequest } from '../../../gateway/src/realtime/queue.gateway';
import { BoardEvent, SOCKET_EVENTS } from '../../../gateway/src/realtime/queue-rooms';

export type QueueSocketEvent = (typeof SOCKET_EVENTS)[keyof typeof SOCKET_EVENTS];

/** Display boards hear numbers only; operators and the ticket's holder hear the full event. */
export type HeardEvent = BoardEvent | QueueEvent;

/** How long an event may take from the request that caused it (outbox -> RabbitMQ -> gateway -> socket) on a loaded machine. */
const EVENT_WAIT_MS = 20_000;

/**
 * A socket.io client of the gateway's `/queue` namespace, as a display board, an operator console or
 * a patient's phone connects. It keeps every event it hears; `next` hands them out in arrival order,
 * each once, so a journey can check that each of its steps reached this client.
 */
export class QueueListener {
  private readonly heard: Array<{ event: QueueSocketEvent; payload: HeardEvent; taken: boolean }> = [];
  private readonly arrivals = new Set<() => void>();

  private constructor(private readonly socket: Socket) {
    for (const event of Object.values(SOCKET_EVENTS)) {
      socket.on(event, (payload: HeardEvent) => {
        this.heard.push({ event, payload, taken: false });
        for (const arrival of this.arrivals) arrival();
      });
    }
  }

  /** Connects anonymously (a board) or with an access token (staff, a patient). */
  static async connect(baseUrl: string, accessToken?: string): Promise<QueueListener> {
    const socket = io(`${baseUrl}/queue`, { transports: ['websocket'], reconnection: false, auth: accessToken ? { token: accessToken } : {} });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return new QueueListener(socket);
  }

  /** Joins a room: an institution (board), a service (staff) or a ticket (its patient); the gateway's answer. */
  subscribe(request: SubscribeRequest): Promise<SubscribeAck> {
    return this.socket.timeout(EVENT_WAIT_MS).emitWithAck('subscribe', request);
  }

  /** The first event named `event` matching `matches` not handed out yet, waiting for it if it has not arrived. */
  next<T extends HeardEvent = HeardEvent>(event: QueueSocketEvent, matches: (payload: T) => boolean): Promise<T> {
    const take = (): T | undefined => {
      const found = this.heard.find((entry) => !entry.taken && entry.event === event && matches(entry.payload as T));
      if (!found) return undefined;
      found.taken = true;
      return found.payload as T;
    };
    const now = take();
    if (now) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const arrival = () => {
        const payload = take();
        if (!payload) return;
        this.arrivals.delete(arrival);
        clearTimeout(timer);
        resolve(payload);
      };
      const timer = setTimeout(() => {
        this.arrivals.delete(arrival);
        reject(new Error(`no matching ${event} within ${EVENT_WAIT_MS} ms; heard: ${this.log().join(', ') || 'nothing'}`));
      }, EVENT_WAIT_MS);
      this.arrivals.add(arrival);
    });
  }

  /** Every event heard so far, handed out or not, as `socket event:event type:ticket number`. */
  log(): string[] {
    return this.heard.map(({ event, payload }) => `${event}:${payload.type}:${payload.ticket.displayNumber}`);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** The event of `type` about the ticket numbered `displayNumber` (boards know tickets by number only). */
export const about =
  (type: QueueEvent['type'], displayNumber: string) =>
  (payload: HeardEvent): boolean =>
    payload.type === type && payload.ticket.displayNumber === displayNumber;
