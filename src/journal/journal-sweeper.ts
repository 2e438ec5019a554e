/**
 * What the journal's background workers share (the receipt outbox, the refund receipts, the UzQR refund watcher):
 * a sweep on an interval finds the attempts that still need work (a restart, or a retry the page lost) and drives
 * each one that has no retry pending; every job in the air is tracked so `idle()` can wait for it, and `stop()`
 * leaves nothing running. Per-attempt backoff is retry-timers.ts; attempt-driver.ts puts both together with one
 * flight per attempt, and is what the workers use. What "work" is stays with each worker.
 */
import type { Attempt } from '../domain/attempt-types.ts';
import type { OutboxTimers } from './outbox.ts';
import type { RetryTimers } from './retry-timers.ts';

export const globalTimers: OutboxTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
};

export interface JournalSweeper {
  /** True after `stop()` until the next `start()`: a long drive checks it between its steps. */
  readonly stopped: boolean;
  /** Counts a job until it settles, for `idle()`. */
  track(job: Promise<unknown>): void;
  /** Sweeps now and then every `sweepMs`; allows retries again after a stop. */
  start(): void;
  /** Clears the sweep timer and every retry; a sweep in progress drives nothing more. */
  stop(): void;
  /** Resolves when no sweep or tracked job is in the air. */
  idle(): Promise<void>;
}

export function createJournalSweeper(options: {
  clock: OutboxTimers;
  sweepMs: number;
  retries: RetryTimers;
  /** The attempts that may need work (a failed read waits for the next sweep). */
  candidates: () => Promise<Attempt[]>;
  /** The ones among them that do (default: all). */
  needsWork?: (attempt: Attempt) => boolean;
  drive: (attemptId: string) => unknown;
}): JournalSweeper {
  const { clock, sweepMs, retries, candidates, drive } = options;
  const needsWork = options.needsWork ?? (() => true);
  const working = new Set<Promise<unknown>>();
  let sweepTimer: unknown = null;
  let stopped = false;

  function track(job: Promise<unknown>): void {
    working.add(job);
    void job.finally(() => working.delete(job));
  }

  async function sweep(): Promise<void> {
    let attempts: Attempt[];
    try {
      attempts = await candidates();
    } catch {
      return;
    }
    for (const attempt of attempts) {
      if (stopped) return;
      // A pending retry keeps its backoff; a flight in the air is joined by the worker's drive().
      if (needsWork(attempt) && !retries.isPending(attempt.id)) void drive(attempt.id);
    }
  }

  return {
    get stopped() {
      return stopped;
    },
    track,
    start() {
      stopped = false;
      retries.resume();
      if (sweepTimer !== null) return;
      track(sweep());
      sweepTimer = clock.setInterval(() => track(sweep()), sweepMs);
    },
    stop() {
      stopped = true;
      if (sweepTimer !== null) clock.clearInterval(sweepTimer);
      sweepTimer = null;
      retries.stop();
    },
    async idle() {
      while (working.size > 0) await Promise.allSettled([...working]);
    },
  };
}
