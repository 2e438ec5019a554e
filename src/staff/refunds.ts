/**
 * Same-shift card refunds by staff: a Humo cancel (keyed by the slip's check number or the RRN, per
 * `humoCancelBy`) and an UzCard return (keyed by the RRN). A payment is refunded at most once: the journal's
 * `refund` field is checked before any call (and the journal's `staff.refunded` refuses a second record), and a
 * call already in flight for the attempt blocks another. What is in flight, and the records the journal would
 * not take, belong to a refund session (`createRefundSession`), which the staff session owns (staff-session.ts).
 */
import type { Gateway, GatewayError, PinpadResult } from '../gateway/types.ts';
import { parseSlip, responseReason, type PinpadReason } from '../gateway/slip-parser.ts';
import type { Tiyin } from '../money/money.ts';
import { newRefundReceipt } from '../journal/refund-receipts.ts';
import type { NewRefund } from '../journal/journal.ts';
import { pinpadResultOf, type Attempt, type AttemptRefund, type Journal } from './ports.ts';
import type { StaffAuthMethod, StaffLog } from './staff-store.ts';

export type HumoCancelBy = 'check' | 'rrn';

export type RefundRefusal =
  /** No such attempt in the journal. */
  | 'notFound'
  /** Not a Humo or UzCard payment. */
  | 'notCard'
  /** The attempt did not end in a payment. */
  | 'notPaid'
  | 'alreadyRefunded'
  /** Another refund of this payment is being sent right now. */
  | 'inProgress'
  /** The slip gives no check number (or the payment no RRN) to key the refund by. */
  | 'noKey'
  /** The gateway or the bank said no: nothing was refunded. */
  | 'rejected'
  /** The kiosk refused to send the request itself. */
  | 'refused'
  /** No usable answer: the refund may or may not have happened; check the terminal before trying again. */
  | 'unknown'
  /** Above `staff.pinRefundLimit` and staff opened staff mode with the PIN: this refund needs the badge. */
  | 'needsBadge';

export type RefundResult =
  | {
      ok: true;
      kind: AttemptRefund['kind'];
      slip: string;
      rrn: string | null;
      record: AttemptRefund;
      /** False when the journal would not take the record; it is then kept in the refund session. */
      persisted: boolean;
    }
  | {
      ok: false;
      reason: RefundRefusal;
      /** Gateway `error.code` when there was one (108 Humo, 109 UzCard…). */
      code: string | null;
      /** The pinpad response code ("218", "914"), from the error or the slip. */
      responseCode: string | null;
      /** The message key suffix for `responseCode` when it is a known one. */
      responseReason: PinpadReason | null;
      /** Untrusted text from the gateway: shown as text only. */
      message: string | null;
      slip: string | null;
      error: GatewayError | null;
    };

export interface RefundTarget {
  kind: AttemptRefund['kind'];
  provider: PinpadResult['provider'];
  /** The identifier sent as `request_id`, exactly as the slip or the gateway gave it. */
  key: string;
  keyName: 'check' | 'rrn';
  amount: Tiyin;
  checkNumber: string | null;
  rrn: string | null;
}

const refundableStatuses = new Set<Attempt['status']>(['paid', 'receipted', 'done']);

type TargetOutcome = { ok: true; target: RefundTarget } | { ok: false; reason: RefundRefusal };

/**
 * What a refund of this attempt would send, or why there can be none. `useKey` overrides `humoCancelBy` for one
 * Humo cancel, when staff chose to retry with the other key (`otherHumoKey`).
 */
export function refundTarget(attempt: Attempt, humoCancelBy: HumoCancelBy, useKey?: HumoCancelBy): TargetOutcome {
  if (attempt.method !== 'humo' && attempt.method !== 'uzcard') return { ok: false, reason: 'notCard' };
  if (attempt.refund) return { ok: false, reason: 'alreadyRefunded' };
  const payment = pinpadResultOf(attempt);
  if (!refundableStatuses.has(attempt.status) || !payment) return { ok: false, reason: 'notPaid' };
  const parsed = parseSlip(payment.slip);
  const rrn = payment.rrn ?? parsed.rrn;
  const checkNumber = parsed.checkNumber;
  const keyName: 'check' | 'rrn' = attempt.method === 'humo' && (useKey ?? humoCancelBy) === 'check' ? 'check' : 'rrn';
  const key = keyName === 'check' ? checkNumber : rrn;
  if (key === null || key === '') return { ok: false, reason: 'noKey' };
  return {
    ok: true,
    target: {
      kind: attempt.method === 'humo' ? 'cancel' : 'return',
      provider: attempt.method,
      key,
      keyName,
      amount: attempt.amount,
      checkNumber,
      rrn,
    },
  };
}

function refusal(reason: RefundRefusal, extra: Partial<Extract<RefundResult, { ok: false }>> = {}): RefundResult {
  const responseCode = extra.responseCode ?? null;
  return {
    ok: false,
    reason,
    code: null,
    message: null,
    slip: null,
    error: null,
    ...extra,
    responseCode,
    responseReason: responseReason(responseCode),
  };
}

/** A refused cancel carries the pinpad's code in `providerCode`, or only inside its slip or message. */
function fromGatewayError(error: GatewayError): RefundResult {
  switch (error.kind) {
    case 'rejected': {
      const slip = error.slip ?? null;
      const responseCode =
        error.providerCode ??
        (slip === null ? null : parseSlip(slip).responseCode) ??
        parseSlip(error.message).responseCode ??
        parseSlip(error.raw).responseCode;
      return refusal('rejected', { code: error.code, message: error.message, responseCode, slip, error });
    }
    case 'refused':
      return refusal('refused', { message: error.problem, error });
    case 'unknown':
    case 'http':
    case 'invalid':
      return refusal('unknown', { message: error.raw || null, error });
    default: {
      const never: never = error;
      return refusal('unknown', { error: never });
    }
  }
}

export interface RefundOptions {
  gateway: Gateway;
  journal: Journal;
  attemptId: string;
  humoCancelBy: HumoCancelBy;
  /** This one cancel's key, when staff chose the other one after "transaction not found" (`otherHumoKey`). */
  useKey?: HumoCancelBy;
  now?: () => Date;
  /**
   * How staff opened staff mode and the largest refund (tiyin) the PIN alone allows; without it no limit is
   * applied (unit tests of the refund calls themselves).
   */
  auth?: { method: StaffAuthMethod; pinRefundLimit: number };
  /** The staff access log: a refund that went through is logged with the method staff used. */
  log?: StaffLog;
}

/**
 * The other Humo cancel key to offer staff after the pinpad clearly said "transaction not found" (202) for the
 * key that was sent: the seed spec keys a cancel by the slip's check number, the newer docs by the RRN, and a
 * gateway follows one or the other. Null when there is nothing to offer. Never used automatically: a second
 * cancel is a money movement, so staff decide.
 */
export function otherHumoKey(attempt: Attempt, result: RefundResult, sentKey: HumoCancelBy): HumoCancelBy | null {
  if (result.ok || attempt.method !== 'humo' || result.reason !== 'rejected') return null;
  if (result.responseReason !== 'transactionNotFound') return null;
  const other: HumoCancelBy = sentKey === 'check' ? 'rrn' : 'check';
  const target = refundTarget(attempt, sentKey, other);
  return target.ok ? other : null;
}

/**
 * The refunds of one staff session: which payments have a refund on the wire now, and the refunds the journal
 * would not take (kept so that a journal which drops the record still cannot lead to a second refund).
 */
export interface RefundSession {
  /** Refunds a card payment: at most one call per attempt at a time, none for a payment already refunded. */
  refund(options: RefundOptions): Promise<RefundResult>;
  /** The refund recorded for an attempt, in the journal or (when the journal would not take it) in this session. */
  refundOf(attempt: Attempt): AttemptRefund | null;
  /** `refundTarget`, counting the refunds only this session knows. */
  target(attempt: Attempt, humoCancelBy: HumoCancelBy, useKey?: HumoCancelBy): TargetOutcome;
  isInFlight(attemptId: string): boolean;
}

export function createRefundSession(): RefundSession {
  const localRefunds = new Map<string, AttemptRefund>();
  const inFlight = new Set<string>();
  const refundOfHere = (attempt: Attempt): AttemptRefund | null => attempt.refund ?? localRefunds.get(attempt.id) ?? null;

  async function refund(options: RefundOptions): Promise<RefundResult> {
    const { attemptId } = options;
    if (inFlight.has(attemptId)) return refusal('inProgress');
    inFlight.add(attemptId);
    try {
      // Read fresh: the list on screen may be older than a refund made a moment ago.
      const attempt = await options.journal.get(attemptId);
      if (!attempt) return refusal('notFound');
      if (localRefunds.has(attemptId)) return refusal('alreadyRefunded');
      const result = await refundOnce(attempt, options);
      // Kept here either way, so a journal that drops the record still cannot lead to a second refund.
      if (result.ok) localRefunds.set(attemptId, result.record);
      return result;
    } finally {
      inFlight.delete(attemptId);
    }
  }

  return {
    refund,
    refundOf: refundOfHere,
    target(attempt, humoCancelBy, useKey) {
      return localRefunds.has(attempt.id) ? { ok: false, reason: 'alreadyRefunded' } : refundTarget(attempt, humoCancelBy, useKey);
    },
    isInFlight: (attemptId) => inFlight.has(attemptId),
  };
}

/** One refund call for a fresh journal read of the attempt, and its record through `staff.refunded`. */
async function refundOnce(attempt: Attempt, options: RefundOptions): Promise<RefundResult> {
  const { gateway, journal, attemptId, humoCancelBy, useKey } = options;
  const found = refundTarget(attempt, humoCancelBy, useKey);
  if (!found.ok) return refusal(found.reason);
  const { target } = found;
  // The PIN hash is in the public config.json, so a PIN may have been found offline: larger refunds need the badge.
  if (options.auth && options.auth.method !== 'badge' && target.amount > options.auth.pinRefundLimit) {
    return refusal('needsBadge');
  }

  const result =
    target.provider === 'humo'
      ? await gateway.humoCancel(target.key, target.amount)
      : await gateway.uzcardReturn(target.key, target.amount);
  if (!result.ok) return fromGatewayError(result.error);

  const slip = result.value.slip;
  const parsed = parseSlip(slip);
  // An answer marked successful whose slip says declined refunded nothing. A slip that says neither is
  // trusted to the envelope: the UzCard return answer is half Kotlin text, and its salvage must not read as failure.
  if (parsed.approved === false) {
    return refusal('rejected', { responseCode: parsed.responseCode, slip, message: null });
  }
  const rrn = result.value.rrn ?? parsed.rrn;
  // The refund's fiscal receipt (refund-receipts.ts) is sent from this record, until it succeeds.
  const record: NewRefund = {
    kind: target.kind,
    at: (options.now?.() ?? new Date()).toISOString(),
    slip,
    amount: target.amount,
    receipt: newRefundReceipt(attempt),
  };
  if (rrn !== null) record.rrn = rrn;
  if (options.auth) record.by = options.auth.method;
  let persisted = true;
  try {
    await journal.update(attemptId, 'staff.refunded', { refund: record, note: `staff ${target.kind}` });
  } catch {
    persisted = false;
  }
  // A payment still without a receipt is resolved too, so the outbox stops registering a receipt for returned money.
  if (persisted && attempt.status === 'paid') {
    try {
      await journal.update(attemptId, 'staff.resolved', { resolution: { reason: `${target.kind} ${rrn ?? target.key}` } });
    } catch {
      // The outbox registered the receipt meanwhile (the attempt moved on): the refund record stands.
    }
  }
  if (options.log && options.auth) {
    await options.log
      .add({ at: record.at, action: 'refund', method: options.auth.method, attemptId, kind: target.kind, amount: target.amount })
      .catch(() => undefined);
  }
  return { ok: true, kind: target.kind, slip, rrn, record, persisted };
}
