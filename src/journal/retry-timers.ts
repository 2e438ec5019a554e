/**
 * Per-attempt retry timers with backoff, shared by the receipt outbox and the refund receipts: a failed try is
 * run again after the next delay of the list (the last delay repeats), a success starts the attempt's backoff
 * over, and stopping clears every timer so nothing runs after the kiosk shut the work down.
 */
import type { OutboxTimers } from './outbox.ts';

export interface RetryTimers {
  /** Runs the attempt again after its next backoff delay (replacing a pending one). */
  retryLater(id: string): void;
  /** Drops the attempt's pending retry, if any (a try is starting now). */
  cancel(id: string): void;
  /** The attempt went through: its next failure waits the first delay again. */
  succeeded(id: string): void;
  isPending(id: string): boolean;
  pendingIds(): string[];
  /** Allows retries again after `stop()`. */
  resume(): void;
  /** Clears every timer and backoff; retries are ignored until `resume()`. */
  stop(): void;
}

export function createRetryTimers(options: { delays: readonly number[]; clock: OutboxTimers; run: (id: string) => void }): RetryTimers {
  const { delays, clock, run } = options;
  const timers = new Map<string, unknown>();
  const failures = new Map<string, number>();
  let stopped = false;

  function cancel(id: string): void {
    const timer = timers.get(id);
    if (timer !== undefined) clock.clearTimeout(timer);
    timers.delete(id);
  }

  return {
    retryLater(id) {
      if (stopped) return;
      const n = failures.get(id) ?? 0;
      failures.set(id, n + 1);
      const delay = delays[Math.min(n, delays.length - 1)] ?? 60_000;
      cancel(id);
      timers.set(
        id,
        clock.setTimeout(() => {
          timers.delete(id);
          run(id);
        }, delay),
      );
    },
    cancel,
    succeeded: (id) => void failures.delete(id),
    isPending: (id) => timers.has(id),
    pendingIds: () => [...timers.keys()],
    resume() {
      stopped = false;
    },
    stop() {
      stopped = true;
      for (const timer of timers.values()) clock.clearTimeout(timer);
      timers.clear();
      failures.clear();
    },
  };
}
