/**
 * How the journal's background workers (the receipt outbox, the refund receipts, the UzQR refund watcher) drive
 * one attempt: ONE flight per attempt id — a caller's `drive()`, a retry timer and the sweep all join the flight in
 * the air, so money or fiscal calls for one attempt are never sent twice at once; a try that fails (throws, or says
 * `retry`) is run again after the next backoff delay (retry-timers.ts), as long as it keeps failing; `stop()`
 * clears the sweep and every retry timer. What one try does stays with each worker.
 */
import type { Attempt } from '../domain/attempt-types.ts';
import type { OutboxTimers } from './outbox.ts';
import { createRetryTimers } from './retry-timers.ts';
import { createJournalSweeper } from './journal-sweeper.ts';

export interface AttemptTry<R> {
  /** What the callers of `drive()` get when `answer` was not called earlier. */
  value: R;
  /** True when the attempt needs another try after the next backoff delay. */
  retry: boolean;
}

export interface AttemptDriverOptions<R> {
  clock: OutboxTimers;
  /** Waits between failed tries of one attempt; the last value repeats. */
  delays: readonly number[];
  sweepMs: number;
  /** The attempts the sweep looks at, and which of them need work (default: all). */
  candidates: () => Promise<Attempt[]>;
  needsWork?: (attempt: Attempt) => boolean;
  /**
   * One try at the attempt. `answer` resolves the callers' `drive()` before the try ends (the outbox answers after
   * the receipt while the confirm goes on); the flight still lasts until the try ends.
   */
  tryOnce: (attemptId: string, answer: (value: R) => void) => Promise<AttemptTry<R>>;
  /** What the callers get when the try throws (it is retried like a `retry`). */
  whenThrown: (error: unknown) => R;
}

export interface AttemptDriver<R> {
  /** Tries the attempt now, or joins its flight in the air. */
  drive(attemptId: string): Promise<R>;
  start(): void;
  stop(): void;
  /** True after `stop()` until the next `start()`: a long try checks it between its steps. */
  readonly stopped: boolean;
  /** Attempt ids with a retry timer pending. */
  scheduled(): string[];
  /** Resolves when no sweep or flight is in the air. */
  idle(): Promise<void>;
}

export function createAttemptDriver<R>(options: AttemptDriverOptions<R>): AttemptDriver<R> {
  const { clock, tryOnce, whenThrown } = options;
  const flights = new Map<string, Promise<R>>();
  const retries = createRetryTimers({ delays: options.delays, clock, run: (id) => void drive(id) });
  const sweeper = createJournalSweeper({
    clock,
    sweepMs: options.sweepMs,
    retries,
    candidates: options.candidates,
    needsWork: options.needsWork,
    drive: (id) => drive(id),
  });

  function drive(attemptId: string): Promise<R> {
    const existing = flights.get(attemptId);
    if (existing) return existing;
    retries.cancel(attemptId);
    let resolve: (value: R) => void = () => undefined;
    const answered = new Promise<R>((r) => {
      resolve = r;
    });
    flights.set(attemptId, answered);
    sweeper.track(fly(attemptId, resolve));
    return answered;
  }

  async function fly(attemptId: string, answer: (value: R) => void): Promise<void> {
    let outcome: AttemptTry<R>;
    try {
      outcome = await tryOnce(attemptId, answer);
    } catch (error) {
      outcome = { value: whenThrown(error), retry: true };
    }
    // The flight ends before its callers hear the final answer, so a caller that drives again starts a new try.
    flights.delete(attemptId);
    if (outcome.retry) retries.retryLater(attemptId);
    else retries.succeeded(attemptId);
    answer(outcome.value);
  }

  return {
    drive,
    start: () => sweeper.start(),
    stop: () => sweeper.stop(),
    get stopped() {
      return sweeper.stopped;
    },
    scheduled: () => retries.pendingIds(),
    idle: () => sweeper.idle(),
  };
}
