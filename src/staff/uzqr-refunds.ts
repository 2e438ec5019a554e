/**
 * Staff refunds of UzQR payments (issue 18, uzqr.md "UzQR Refund Payment"): full or partial, by the payment's
 * `pay_id`, never more than was paid in total. Each refund is journaled before its call goes out (a lost answer
 * must still count against what can be refunded), then its `refund_id` is kept and followed until final by the
 * refund watcher (src/journal/uzqr-refund-watcher.ts), which also registers its refund receipt.
 */
import type { GatewayError } from '../gateway/types.ts';
import type { UzqrCalls } from '../gateway/uzqr-calls.ts';
import type { UzqrRefundRecord } from '../journal/journal.ts';
import { isTiyin, tiyin, type Tiyin } from '../money/money.ts';
import type { Attempt, Journal } from './ports.ts';
import type { StaffAuthMethod, StaffLog } from './staff-store.ts';

export type UzqrRefundRefusal =
  | 'notFound'
  /** Not a UzQR payment. */
  | 'notUzqr'
  /** The attempt did not end in a payment, or it has no `pay_id` to refund by. */
  | 'notPaid'
  /** Not a positive whole number of tiyin. */
  | 'badAmount'
  /** More than what remains of the payment after its earlier refunds. */
  | 'aboveRemaining'
  /** Another refund of this payment is being sent right now. */
  | 'inProgress'
  /** Above `staff.pinRefundLimit` and staff opened staff mode with the PIN. */
  | 'needsBadge'
  /** The journal would not take the record: nothing was sent. */
  | 'journal'
  /** UzQR said no (error code kept): nothing was refunded. */
  | 'rejected'
  /** The kiosk refused to send the request itself. */
  | 'refused'
  /** No usable answer: the refund may have been accepted. It stays counted; check with UzQR before another. */
  | 'unknown';

export type UzqrRefundResult =
  | { ok: true; record: UzqrRefundRecord }
  | {
      ok: false;
      reason: UzqrRefundRefusal;
      /** What can still be refunded, tiyin (for `aboveRemaining`). */
      remaining: Tiyin | null;
      code: string | null;
      /** Untrusted gateway text: shown as text only. */
      message: string | null;
      error: GatewayError | null;
    };

const refundableStatuses = new Set<Attempt['status']>(['paid', 'receipted', 'done']);
const inFlight = new Set<string>();

/** The UzQR `pay_id` of a paid attempt, or null. */
export function uzqrPayIdOf(attempt: Attempt): string | null {
  const payment = attempt.payment;
  if (attempt.method !== 'uzqr' || payment?.method !== 'uzqr') return null;
  return payment.payId.trim() === '' ? null : payment.payId;
}

/** Tiyin already refunded or on its way (every refund but a failed one), and what remains of the payment. */
export function uzqrRefundTotals(attempt: Attempt): { refunded: Tiyin; remaining: Tiyin } {
  const refunded = (attempt.uzqrRefunds ?? []).filter((r) => r.state !== 'failed').reduce((sum, r) => sum + r.amount, 0);
  return { refunded: tiyin(refunded), remaining: tiyin(Math.max(0, attempt.amount - refunded)) };
}

/** Whether staff can refund (some of) this attempt now. */
export function isUzqrRefundable(attempt: Attempt): boolean {
  return refundableStatuses.has(attempt.status) && uzqrPayIdOf(attempt) !== null && uzqrRefundTotals(attempt).remaining > 0;
}

export function isUzqrRefundInFlight(attemptId: string): boolean {
  return inFlight.has(attemptId);
}

function refusal(reason: UzqrRefundRefusal, extra: Partial<Extract<UzqrRefundResult, { ok: false }>> = {}): UzqrRefundResult {
  return { ok: false, reason, remaining: null, code: null, message: null, error: null, ...extra };
}

/** Why staff cannot refund `amount` of this attempt, or null when they can. Checked again at the call. */
export function uzqrRefundProblem(attempt: Attempt, amount: number): Extract<UzqrRefundResult, { ok: false }> | null {
  const problem = (r: UzqrRefundResult) => r as Extract<UzqrRefundResult, { ok: false }>;
  if (attempt.method !== 'uzqr') return problem(refusal('notUzqr'));
  if (!refundableStatuses.has(attempt.status) || uzqrPayIdOf(attempt) === null) return problem(refusal('notPaid'));
  if (!isTiyin(amount) || amount <= 0) return problem(refusal('badAmount'));
  const { remaining } = uzqrRefundTotals(attempt);
  if (amount > remaining) return problem(refusal('aboveRemaining', { remaining }));
  return null;
}

export interface UzqrRefundOptions {
  uzqr: Pick<UzqrCalls, 'refund'>;
  journal: Journal;
  attemptId: string;
  /** Tiyin. */
  amount: number;
  auth?: { method: StaffAuthMethod; pinRefundLimit: number };
  log?: StaffLog;
  now?: () => Date;
  newId?: () => string;
}

async function writeRecord(journal: Journal, attemptId: string, record: UzqrRefundRecord, note: string, error?: GatewayError): Promise<void> {
  // The journal adds or updates this one record and refuses a total above the payment (journal.ts `uzqr.refund`).
  await journal.update(attemptId, 'uzqr.refund', error ? { uzqrRefund: record, note, error } : { uzqrRefund: record, note });
}

/** Refunds `amount` tiyin of a UzQR payment. Never throws for a gateway answer; the journal decides what is sent. */
export async function refundUzqrPayment(options: UzqrRefundOptions): Promise<UzqrRefundResult> {
  const { uzqr, journal, attemptId, amount } = options;
  const now = options.now ?? (() => new Date());
  if (inFlight.has(attemptId)) return refusal('inProgress');
  inFlight.add(attemptId);
  try {
    // Read fresh: a refund made a moment ago (another tab of staff mode) counts.
    const attempt = await journal.get(attemptId);
    if (!attempt) return refusal('notFound');
    const problem = uzqrRefundProblem(attempt, amount);
    if (problem) return problem;
    const payId = uzqrPayIdOf(attempt) ?? '';
    if (options.auth && options.auth.method !== 'badge' && amount > options.auth.pinRefundLimit) return refusal('needsBadge');

    const record: UzqrRefundRecord = {
      id: options.newId?.() ?? crypto.randomUUID(),
      amount: tiyin(amount),
      at: now().toISOString(),
      state: 'sending',
      refundId: null,
    };
    if (options.auth) record.by = options.auth.method;
    try {
      await writeRecord(journal, attemptId, record, `staff UzQR refund ${amount} sent`);
    } catch (error) {
      return refusal('journal', { message: error instanceof Error ? error.message : String(error) });
    }

    const answer = await uzqr.refund({ payId, amount: record.amount });
    let result: UzqrRefundResult;
    if (answer.ok) {
      record.refundId = answer.value.refundId;
      // Accepted is pending (asynchronous); a refund the answer already calls final is taken as such.
      record.state = answer.value.status;
      result = { ok: true, record };
      await writeRecord(journal, attemptId, record, `UzQR refund ${record.refundId} ${record.state}`).catch(() => undefined);
    } else {
      const error = answer.error;
      if (error.kind === 'rejected' || error.kind === 'refused') {
        record.state = 'failed';
        record.code = error.kind === 'rejected' ? error.code : 'refused';
        result =
          error.kind === 'rejected'
            ? refusal('rejected', { code: error.code, message: error.message, error })
            : refusal('refused', { message: error.problem, error });
      } else {
        // Sent and unanswered: it stays `sending`, counted, until staff find out from UzQR.
        record.code = error.kind;
        result = refusal('unknown', { message: error.kind === 'http' || error.kind === 'invalid' || error.kind === 'unknown' ? error.raw || null : null, error });
      }
      await writeRecord(journal, attemptId, record, `UzQR refund ${record.state}`, error).catch(() => undefined);
    }
    if (options.log && options.auth && result.ok) {
      await options.log
        .add({ at: record.at, action: 'refund', method: options.auth.method, attemptId, kind: 'uzqrRefund', amount: record.amount })
        .catch(() => undefined);
    }
    return result;
  } finally {
    inFlight.delete(attemptId);
  }
}

/** For tests: forgets refunds in flight. */
export function resetUzqrRefundSession(): void {
  inFlight.clear();
}
