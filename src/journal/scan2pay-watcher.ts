/**
 * Watches Scan2pay money until it cannot move (DESIGN.md §1 rule 10). The gateway has no cancel call: a QR the
 * kiosk left (Cancel, expiry, a failed final check, a restart) can still be paid from the customer's phone. Such
 * an attempt is `unsettled` in the journal with a `settleBy` time (its creation + the QR's expiry + a safety
 * margin); this watcher keeps asking `/payment/qr_pay/status` with backoff, across restarts (the journal is the
 * list), until the gateway says paid (→ `paid`, and the outbox registers the receipt) or, at or after
 * `settleBy`, says plainly that it is not paid (→ `expired`). A failed status call never finalises anything.
 *
 * UzQR attempts are watched the same way (one watcher, per-method checks): its long-poll status is asked; paid →
 * `paid`; declined or "invoice not found" (3001) → `expired` at once, since that invoice cannot be paid any
 * more. From `settleBy` on the watcher also sends UzQR's cancel, and an acknowledged cancel plus a definite
 * "not paid" closes it. Before `settleBy` it never cancels: a customer who still has the QR open may pay it.
 */
import type { Gateway, Result, Scan2payStatus } from '../gateway/types.ts';
import { isUzqrNotFound, type UzqrCalls, type UzqrStatus } from '../gateway/uzqr-calls.ts';
import { isScan2payPending } from '../gateway/error-codes.ts';
import type { PaidWith } from '../domain/attempt-types.ts';
import type { Attempt, Journal } from './journal.ts';
import type { Outbox, OutboxTimers } from './outbox.ts';
import { globalTimers } from './journal-sweeper.ts';

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

/**
 * What one UzQR check means for an unsettled attempt at `now`: paid whenever it is paid; declined or not found
 * (3001) is final (the invoice cannot be paid); from `settleBy` on, an acknowledged cancel plus a definite
 * "in progress" is final too. Anything else (a lost answer, a failed cancel) waits.
 */
export function decideUnsettledUzqr(
  attempt: Pick<Attempt, 'detail' | 'settleBy'>,
  answer: Result<UzqrStatus>,
  cancelled: boolean,
  now: Date,
): WatchDecision {
  if (answer.ok && answer.value.status === 'paid' && answer.value.payId) {
    const { invoiceId, payId, payerPhone, cardType, maskedCard } = answer.value;
    return { kind: 'paid', payment: { method: 'uzqr', invoiceId: invoiceId || (attempt.detail ?? ''), payId, payerPhone, cardType, maskedCard } };
  }
  if (answer.ok && answer.value.status === 'declined') return { kind: 'expired' };
  if (!answer.ok && isUzqrNotFound(answer.error)) return { kind: 'expired' };
  const by = Date.parse(attempt.settleBy ?? '');
  const pastBy = !Number.isNaN(by) && now.getTime() >= by;
  if (pastBy && cancelled && answer.ok && answer.value.status === 'in_progress') return { kind: 'expired' };
  return { kind: 'wait' };
}

export interface Scan2payWatcherOptions {
  journal: Journal;
  gateway: Pick<Gateway, 'scan2payStatus'>;
  /** UzQR's status and cancel calls, for unsettled UzQR attempts. */
  uzqr?: Pick<UzqrCalls, 'status' | 'cancel'>;
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
    const isUzqr = attempt.method === 'uzqr';
    const decision = isUzqr ? await checkUzqr(attempt, attempt.detail) : await checkScan2pay(attempt, attempt.detail);
    const brand = isUzqr ? 'UzQR' : 'Scan2pay';
    try {
      if (decision.kind === 'paid') {
        await journal.update(id, 'charge.paid', { payment: decision.payment, note: `late ${brand} payment found by the watcher` });
        void outbox.drive(id);
      } else if (decision.kind === 'expired') {
        const note = isUzqr ? 'the UzQR invoice is closed unpaid' : 'still unpaid after the QR expiry and the safety margin';
        await journal.update(id, 'charge.expired', { note });
      }
    } catch {
      // The journal refused or failed: ask again later; a paid answer will be paid again then.
      return { kind: 'wait' };
    }
    return decision;
  }

  async function checkScan2pay(attempt: Attempt, orderId: string): Promise<WatchDecision> {
    const answer = await gateway.scan2payStatus(orderId, options.statusTimeoutMs === undefined ? {} : { timeoutMs: options.statusTimeoutMs });
    return decideUnsettled(attempt, answer, now());
  }

  async function checkUzqr(attempt: Attempt, invoiceId: string): Promise<WatchDecision> {
    const uzqr = options.uzqr;
    if (!uzqr) return { kind: 'wait' };
    const by = Date.parse(attempt.settleBy ?? '');
    let cancelled = false;
    if (!Number.isNaN(by) && now().getTime() >= by) {
      const cancel = await uzqr.cancel(invoiceId);
      cancelled = cancel.ok || isUzqrNotFound(cancel.error);
    }
    const answer = await uzqr.status(invoiceId);
    return decideUnsettledUzqr(attempt, answer, cancelled, now());
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
