/**
 * Keeps a charge's answer when the journal cannot take it (DESIGN.md §1 rule 3). After a charge answer the proof
 * (a pinpad's RRN and slip, a wallet's payment id, a Scan2pay id) exists only in memory; if the IndexedDB write
 * fails (quota, disk full, a broken database) it must not be dropped. The keeper holds it in memory and in
 * localStorage (a second place, read back at the next start) and retries the journal write with backoff until it
 * lands; only then is the copy removed. Refusals by the journal's rules (JournalError) are not storage failures
 * and are not retried.
 */
import { JournalError, type Attempt, type AttemptEvent, type AttemptPatch, type Journal } from './journal.ts';
import type { OutboxTimers } from './outbox.ts';

export interface KeptOutcome {
  id: string;
  event: AttemptEvent;
  patch: AttemptPatch;
  /** When the charge answer came, ISO. */
  at: string;
}

/** The localStorage key of the outcomes not yet written to the journal. */
export const keptOutcomesKey = 'tolov-kiosk.unsaved-outcomes';

export interface OutcomeKeeperOptions {
  journal: Pick<Journal, 'update' | 'get'>;
  /** The second place; null when there is none (tests, a browser without localStorage). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Waits between tries; the last repeats. Default 1, 2, 4, 8, 15, 30 s. */
  retryDelaysMs?: readonly number[];
  /** How long `write` waits for a retry to land before telling its caller it could not save (the retries go on). */
  waitMs?: number;
  timers?: Pick<OutboxTimers, 'setTimeout' | 'clearTimeout'>;
  now?: () => Date;
  /** Told when a kept outcome finally reaches the journal (the wiring then drives the receipt or the watcher). */
  onWritten?: (attempt: Attempt, event: AttemptEvent) => void;
}

export class OutcomeNotSavedError extends Error {
  override name = 'OutcomeNotSavedError';
  readonly attemptId: string;
  constructor(attemptId: string, cause: unknown) {
    super(`the journal could not save the outcome of ${attemptId}; it is kept and retried (${String(cause)})`, { cause });
    this.attemptId = attemptId;
  }
}

export interface OutcomeKeeper {
  /**
   * Writes one event to the journal. On a storage failure the outcome is kept and retried; the promise then
   * resolves if a retry lands within `waitMs`, else rejects with OutcomeNotSavedError (the retries go on).
   */
  write(id: string, event: AttemptEvent, patch?: AttemptPatch): Promise<Attempt>;
  /** Retries every outcome an earlier run left in storage (call at start, before recovery). */
  replay(): Promise<void>;
  /** The outcomes not yet in the journal. */
  pending(): KeptOutcome[];
  stop(): void;
}

const defaultDelays = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000] as const;

const globalTimers: Pick<OutboxTimers, 'setTimeout' | 'clearTimeout'> = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** The storage the browser offers, or null (private modes may throw on access). */
export function browserStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function createOutcomeKeeper(options: OutcomeKeeperOptions): OutcomeKeeper {
  const { journal } = options;
  const storage = options.storage ?? null;
  const delays = options.retryDelaysMs && options.retryDelaysMs.length > 0 ? options.retryDelaysMs : defaultDelays;
  const waitMs = options.waitMs ?? 3_000;
  const clock = options.timers ?? globalTimers;
  const now = options.now ?? (() => new Date());
  const kept = new Map<string, KeptOutcome>();
  const tries = new Map<string, number>();
  const timers = new Map<string, unknown>();
  const waiters = new Map<string, ((attempt: Attempt) => void)[]>();
  /** Ids written since they were kept, so their stored copies go. */
  const written = new Set<string>();
  let stopped = false;

  function readStored(): KeptOutcome[] {
    try {
      const text = storage?.getItem(keptOutcomesKey);
      const parsed: unknown = text ? JSON.parse(text) : [];
      return Array.isArray(parsed) ? (parsed as KeptOutcome[]).filter((o) => typeof o?.id === 'string') : [];
    } catch {
      return [];
    }
  }

  function saveStored(): void {
    if (!storage) return;
    try {
      // Merged with what is stored, so outcomes of an earlier run that are not in memory are never overwritten.
      const byId = new Map(readStored().map((o) => [o.id, o]));
      for (const [id, outcome] of kept) byId.set(id, outcome);
      for (const id of [...byId.keys()]) if (!kept.has(id) && written.has(id)) byId.delete(id);
      if (byId.size === 0) storage.removeItem(keptOutcomesKey);
      else storage.setItem(keptOutcomesKey, JSON.stringify([...byId.values()]));
    } catch {
      // localStorage full or missing: the copy in memory is all there is; the retries go on.
    }
  }

  /**
   * The event to write now. Kept outcomes are charge answers, written to a `recorded` attempt. One that moved on
   * already got its outcome (the write landed after all); a paid answer for an attempt a restart made `unknown`
   * is the proof staff would look for, so it is written as found paid.
   */
  async function eventFor(outcome: KeptOutcome): Promise<{ event: AttemptEvent; done: boolean }> {
    const current = await journal.get(outcome.id);
    if (!current || current.status === 'recorded') return { event: outcome.event, done: false };
    if (current.status === 'unknown' && outcome.event === 'charge.paid') return { event: 'staff.foundPaid', done: false };
    return { event: outcome.event, done: true };
  }

  async function attempt(outcome: KeptOutcome): Promise<Attempt | null> {
    const { event, done } = await eventFor(outcome);
    if (done) return (await journal.get(outcome.id)) ?? null;
    return journal.update(outcome.id, event, { ...outcome.patch, note: outcome.patch.note ?? 'saved after the journal failed' });
  }

  function landed(outcome: KeptOutcome, result: Attempt | null): void {
    kept.delete(outcome.id);
    tries.delete(outcome.id);
    written.add(outcome.id);
    saveStored();
    if (result) {
      for (const resolve of waiters.get(outcome.id) ?? []) resolve(result);
      waiters.delete(outcome.id);
      try {
        options.onWritten?.(result, outcome.event);
      } catch {
        // A listener's failure must not undo the write.
      }
    }
  }

  function scheduleRetry(outcome: KeptOutcome): void {
    if (stopped || timers.has(outcome.id)) return;
    const n = tries.get(outcome.id) ?? 0;
    tries.set(outcome.id, n + 1);
    const delay = delays[Math.min(n, delays.length - 1)] ?? 30_000;
    timers.set(
      outcome.id,
      clock.setTimeout(() => {
        timers.delete(outcome.id);
        void retry(outcome);
      }, delay),
    );
  }

  async function retry(outcome: KeptOutcome): Promise<void> {
    try {
      landed(outcome, await attempt(outcome));
    } catch (error) {
      if (error instanceof JournalError) {
        // The journal's rules refuse it (settled some other way meanwhile): keep the stored copy for staff, stop.
        kept.delete(outcome.id);
        tries.delete(outcome.id);
        return;
      }
      scheduleRetry(outcome);
    }
  }

  function keep(outcome: KeptOutcome): void {
    kept.set(outcome.id, outcome);
    written.delete(outcome.id);
    saveStored();
    scheduleRetry(outcome);
  }

  return {
    async write(id, event, patch = {}) {
      const outcome: KeptOutcome = { id, event, patch: structuredClone(patch), at: now().toISOString() };
      try {
        return await journal.update(id, event, patch);
      } catch (error) {
        if (error instanceof JournalError) throw error;
        keep(outcome);
        return new Promise<Attempt>((resolve, reject) => {
          const list = waiters.get(id) ?? [];
          list.push(resolve);
          waiters.set(id, list);
          clock.setTimeout(() => reject(new OutcomeNotSavedError(id, error)), waitMs);
        });
      }
    },
    async replay() {
      for (const outcome of readStored()) {
        if (kept.has(outcome.id)) continue;
        try {
          landed(outcome, await attempt(outcome));
        } catch (error) {
          if (error instanceof JournalError) continue;
          kept.set(outcome.id, outcome);
          scheduleRetry(outcome);
        }
      }
    },
    pending: () => [...kept.values()],
    stop() {
      stopped = true;
      for (const timer of timers.values()) clock.clearTimeout(timer);
      timers.clear();
    },
  };
}
