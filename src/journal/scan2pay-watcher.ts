/**
 * Watches Scan2pay money until it cannot move (DESIGN.md §1 rule 10). The gateway has no cancel call: a QR the
 * kiosk left (Cancel, expiry, a failed final check, a restart) can still be paid from the customer's phone. Such
 * an attempt is `unsettled` in the journal with a `settleBy` time (its creation + the QR's expiry + a safety
 * margin); this watcher keeps asking `/payment/qr_pay/status` with backoff, across restarts (the journal is the
 * list), until the gateway says paid (→ `paid`, and the outbox registers the receipt) or, at or after
 * `settleBy`, says plainly that it is not paid (→ `expired`). A failed status call never finalises anything.
 */
import type { Gateway, Result, Scan2payStatus } from '../gateway/types.ts';
import { isScan2payPending } from '../gateway/error-codes.ts';
import type { PaidWith } from '../domain/attempt-types.ts';
import type { Attempt, Journal } from './journal.ts';
import type { Outbox, OutboxTimers } from './outbox.ts';

export type WatchDecision = { kind: 'paid'; payment: PaidWith } | { kind: 'expired' } | { kind: 'wait' };

/** How long after its creation a Scan2pay attempt may still be paid: the QR's expiry plus the safety margin. */
export function settleWindowMs(scan2pay: { expirySeconds: number; settleMarginSeconds: number }): number {
  return (scan2pay.expirySeconds + scan2pay.settleMarginSeconds) * 1000;
}

/** The `settleBy` of an attempt created at `createdAt` (ISO), as ISO. */
export function settleByFor(createdAt: string, windowMs: number): string {
  const created = Date.parse(createdAt);
  return new Date((Number.isNaN(created) ? Date.now() : created) + windowMs).toISOString();
}

/**
 * What one status answer means for an unsettled attempt at `now`: paid is paid whenever it comes; a definite
 * "not paid" (an answer, or the pending codes 105/403) finalises only at or after `settleBy`; anything else
 * (timeout, HTTP 5xx, an unreadable body) says nothing, so the attempt stays watched.
 */
export function decideUnsettled(
  attempt: Pick<Attempt, 'detail' | 'settleBy'>,
  answer: Result<Scan2payStatus>,
  now: Date,
): WatchDecision {
  if (answer.ok && answer.value.paid) {
    return {
      kind: 'paid',
      payment: { method: 'scan2pay', scan2payId: answer.value.scan2payId, orderId: answer.value.orderId || (attempt.detail ?? '') },
    };
  }
  const definite = answer.ok || isScan2payPending(answer.error);
  const by = Date.parse(attempt.settleBy ?? '');
  if (definite && !Number.isNaN(by) && now.getTime() >= by) return { kind: 'expired' };
  return { kind: 'wait' };
}

export interface Scan2payWatcherOptions {
  journal: Journal;
  gateway: Pick<Gateway, 'scan2payStatus'>;
  /** The receipt for an attempt found paid goes through the outbox, as for any paid attempt. */
  outbox: Pick<Outbox, 'drive'>;
  now?: () => Date;
  /** Waits between status checks of one attempt; the last value repeats. Default 2, 4, 8, 15, 30, 60 s. */
  retryDelaysMs?: readonly number[];
  statusTimeoutMs?: number;
  timers?: OutboxTimers;
}

export interface Scan2payWatcher {
  /** Starts (or keeps) watching one attempt: its first check comes after the first delay. */
  watch(id: string): void;
  /**
   * Watches every unsettled attempt in the journal (those an earlier run left). Later ones come through `watch`
   * (the checkout, recovery and the outcome keeper call it), so no interval timer runs on an idle kiosk.
   */
  start(): void;
  stop(): void;
  /** Attempt ids with a check scheduled. */
  scheduled(): string[];
  /** One status check now (also what the timers run). */
  check(id: string): Promise<WatchDecision | null>;
  /** Resolves when no check is in the air. */
  idle(): Promise<void>;
}

const defaultDelays = [2_000, 4_000, 8_000, 15_000, 30_000, 60_000] as const;
/** Never check more often than this, even right before `settleBy`. */
const minDelayMs = 1_000;

const globalTimers: OutboxTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
};

export function createScan2payWatcher(options: Scan2payWatcherOptions): Scan2payWatcher {
  const { journal, gateway, outbox } = options;
  const now = options.now ?? (() => new Date());
  const delays = options.retryDelaysMs && options.retryDelaysMs.length > 0 ? options.retryDelaysMs : defaultDelays;
  const clock = options.timers ?? globalTimers;
  const timers = new Map<string, unknown>();
  const checks = new Map<string, number>();
  const flights = new Map<string, Promise<WatchDecision | null>>();
  let stopped = false;

  function schedule(id: string, settleBy: string | null | undefined): void {
    if (stopped || timers.has(id)) return;
    const n = checks.get(id) ?? 0;
    let delay = delays[Math.min(n, delays.length - 1)] ?? 60_000;
    // The check that may finalise it comes right at settleBy, not up to a whole backoff step later.
    const by = Date.parse(settleBy ?? '');
    const untilBy = by - now().getTime();
    if (!Number.isNaN(by) && untilBy > 0) delay = Math.min(delay, untilBy);
    delay = Math.max(minDelayMs, delay);
    timers.set(
      id,
      clock.setTimeout(() => {
        timers.delete(id);
        void check(id);
      }, delay),
    );
  }

  function check(id: string): Promise<WatchDecision | null> {
    const existing = flights.get(id);
    if (existing) return existing;
    const timer = timers.get(id);
    if (timer !== undefined) clock.clearTimeout(timer);
    timers.delete(id);
    const flight = (async () => {
      const decision = await checkOnce(id);
      await afterCheck(id, decision);
      return decision;
    })().finally(() => flights.delete(id));
    flights.set(id, flight);
    return flight;
  }

  async function afterCheck(id: string, decision: WatchDecision | null): Promise<void> {
    if (decision === null || decision.kind !== 'wait') {
      checks.delete(id);
      return;
    }
    checks.set(id, (checks.get(id) ?? 0) + 1);
    try {
      const attempt = await journal.get(id);
      if (attempt?.status === 'unsettled') schedule(id, attempt.settleBy);
    } catch {
      schedule(id, null);
    }
  }

  /** Null when the attempt is no longer unsettled (someone else settled it): nothing more to watch. */
  async function checkOnce(id: string): Promise<WatchDecision | null> {
    let attempt: Attempt | undefined;
    try {
      attempt = await journal.get(id);
    } catch {
      return { kind: 'wait' };
    }
    if (!attempt || attempt.status !== 'unsettled') return null;
    if (attempt.detail === null) return { kind: 'wait' };
    const answer = await gateway.scan2payStatus(
      attempt.detail,
      options.statusTimeoutMs === undefined ? {} : { timeoutMs: options.statusTimeoutMs },
    );
    const decision = decideUnsettled(attempt, answer, now());
    try {
      if (decision.kind === 'paid') {
        await journal.update(id, 'charge.paid', { payment: decision.payment, note: 'late Scan2pay payment found by the watcher' });
        void outbox.drive(id);
      } else if (decision.kind === 'expired') {
        await journal.update(id, 'charge.expired', { note: 'still unpaid after the QR expiry and the safety margin' });
      }
    } catch {
      // The journal refused or failed: ask again later; a paid answer will be paid again then.
      return { kind: 'wait' };
    }
    return decision;
  }

  async function sweep(): Promise<void> {
    let unsettled: Attempt[];
    try {
      unsettled = await journal.list({ status: 'unsettled' });
    } catch {
      return;
    }
    for (const attempt of unsettled) schedule(attempt.id, attempt.settleBy);
  }

  return {
    watch(id) {
      void journal.get(id).then(
        (attempt) => {
          if (attempt?.status === 'unsettled') schedule(id, attempt.settleBy);
        },
        () => schedule(id, null),
      );
    },
    start() {
      stopped = false;
      void sweep();
    },
    stop() {
      stopped = true;
      for (const timer of timers.values()) clock.clearTimeout(timer);
      timers.clear();
      checks.clear();
    },
    scheduled: () => [...timers.keys()],
    check,
    async idle() {
      while (flights.size > 0) await Promise.allSettled([...flights.values()]);
    },
  };
}
