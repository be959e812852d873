import type { BoardCall } from '@mediq/contracts';

/** Calls older than this when the board comes back are not announced any more. */
export const MISSED_CALL_WINDOW_MS = 2 * 60_000;
/** A live event and the board's record of the same call carry times a few milliseconds apart. */
const SAME_CALL_MS = 5_000;

/**
 * Which calls the board has announced, by number and server time, so that after a network blip it
 * announces each call of the last 2 minutes it missed, once, and never repeats one it heard live.
 */
export class CallLog {
  private readonly heard: Array<{ displayNumber: string; at: number }> = [];

  /** A call heard live (the event's occurredAt, server clock). */
  heardLive(displayNumber: string, occurredAt: string): void {
    this.remember(displayNumber, Date.parse(occurredAt));
  }

  /** The first load: what was called before the board started is history, not news. */
  rememberAll(calls: readonly BoardCall[]): void {
    for (const call of calls) this.remember(call.displayNumber, Date.parse(call.calledAt));
  }

  /** After a reconnect: the calls of the last 2 minutes (by the server's clock) not announced yet, oldest first. */
  missed(calls: readonly BoardCall[], serverNow: string): BoardCall[] {
    const now = Date.parse(serverNow);
    const missed = calls
      .filter((call) => now - Date.parse(call.calledAt) <= MISSED_CALL_WINDOW_MS)
      .filter((call) => !this.has(call.displayNumber, Date.parse(call.calledAt)))
      .sort((a, b) => a.calledAt.localeCompare(b.calledAt));
    for (const call of missed) this.remember(call.displayNumber, Date.parse(call.calledAt));
    return missed;
  }

  private has(displayNumber: string, at: number): boolean {
    return this.heard.some((entry) => entry.displayNumber === displayNumber && Math.abs(entry.at - at) <= SAME_CALL_MS);
  }

  private remember(displayNumber: string, at: number): void {
    if (this.has(displayNumber, at)) return;
    this.heard.push({ displayNumber, at });
    if (this.heard.length > 200) this.heard.shift();
  }
}
