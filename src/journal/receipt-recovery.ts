/**
 * After an `/order/create/` whose answer was lost or unclear, was the receipt registered? The only witness is
 * `/order/last/`: the newest receipt the fiscal module holds, whoever sent it, and (order.md) without a promise
 * that our `uuid` comes back. This module decides from the attempt's history and that answer, as a pure
 * function, so the money rule can be tested on its own: never a second receipt for one payment, never silence.
 *
 * - **adopt** the last receipt when it is this attempt's: the same uuid when the gateway echoes one, else the
 *   same `time` as one of our unclear sends, the same total and the same lines.
 * - **register** again when no unclear send can have been registered: the gateway has no receipt at all, or its
 *   last one is older than our first unclear send. The fiscal module refuses a receipt whose time is not after
 *   the last one's (errors.md 36888), so a registered send of ours would make the last receipt at least as new.
 * - **wait** (ask again with backoff) otherwise: a gateway error, or a newer receipt that is not ours (another
 *   attempt's, a refund). Past `staffAfterMs` from the first unclear send the evidence is written for staff.
 */
import type { GatewayError, LastReceipt, ReceiptLine, Result } from '../gateway/types.ts';
import type { Attempt, AttemptHistoryEntry } from './journal.ts';

/** The note on a `receipt.sending` entry that says which `time` the body carried. */
export const sentTimeNote = (time: string): string => `time ${time}`;
/** The note on the journal entry written when `/order/last` proved no unclear send was registered. */
export const notRegisteredNote = 'order/last: not registered';
/** The note on `receipt.failed` entries written by the `/order/last` check (not answers to a send). */
export const orderLastNote = 'order/last';

const sentTimePattern = /^time (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})$/;

/** One `/order/create` that may have been registered: sent, and no definite "no" came back. */
export interface UnclearSend {
  /** The body's `time`, when the journal kept it (older entries did not). */
  time: string | null;
  /** When the journal wrote `receipt.sending` (ISO). */
  at: string;
  /**
   * True when some answer came back (an HTTP error page, an unreadable body): the gateway is done with the
   * request. False for a timeout, a lost connection, a 5xx or a crash: it may still be working on it.
   */
  answered: boolean;
}

function isOrderLastEntry(entry: AttemptHistoryEntry): boolean {
  return entry.note === orderLastNote || (entry.note?.startsWith(`${orderLastNote}:`) ?? false);
}

/**
 * The sends since the payment (or since `/order/last` last proved nothing was registered) whose answer was not a
 * definite "no". A definite "no" (`rejected`, `refused`) clears only its own send: an earlier unclear one may
 * still have been registered.
 */
export function unclearSends(attempt: Pick<Attempt, 'history'>): UnclearSend[] {
  const sends: UnclearSend[] = [];
  let pending: UnclearSend | null = null;
  for (const entry of attempt.history) {
    if (entry.event === 'charge.paid' || entry.event === 'staff.foundPaid' || (entry.event === 'note' && (entry.note?.startsWith(notRegisteredNote) ?? false))) {
      sends.length = 0;
      pending = null;
      continue;
    }
    if (entry.event === 'receipt.sending') {
      if (pending) sends.push(pending);
      const time = sentTimePattern.exec(entry.note ?? '')?.[1] ?? null;
      pending = { time, at: entry.at, answered: false };
      continue;
    }
    if (entry.event === 'receipt.failed' && pending && !isOrderLastEntry(entry)) {
      const definite = entry.errorKind === 'rejected' || entry.errorKind === 'refused';
      if (!definite) sends.push({ ...pending, answered: entry.errorKind === 'http' || entry.errorKind === 'invalid' });
      pending = null;
    }
  }
  // A send with no answer written at all (a crash, a reload) is the most unclear of all.
  if (pending) sends.push(pending);
  return sends;
}

export type RecoveryDecision =
  | { action: 'adopt'; qrUrl: string; evidence: string }
  | { action: 'register'; evidence: string }
  | { action: 'wait'; evidence: string; error: GatewayError | null; needsStaff: boolean };

export interface RecoveryInput {
  attempt: Pick<Attempt, 'id' | 'total' | 'lines' | 'history'>;
  /** The `/order/last/` answer. */
  last: Result<LastReceipt>;
  now: Date;
  /** How long "cannot tell" may last before the evidence is written for staff. */
  staffAfterMs: number;
  /**
   * How long after a send without an answer the gateway may still register it (the receipt timeout and a
   * margin). Until then an older last receipt proves nothing: the request may still be on its way.
   */
  settleMs: number;
}

function sameLines(ours: readonly ReceiptLine[], theirs: LastReceipt['lines']): boolean {
  if (!theirs || theirs.length !== ours.length) return false;
  return ours.every((line, i) => {
    const other = theirs[i];
    return (
      other !== undefined &&
      other.classCode === line.classCode &&
      other.amount === String(line.amount) &&
      other.price === String(line.price)
    );
  });
}

function describeLast(last: LastReceipt): string {
  return `last receipt: time ${last.time ?? '?'}, total ${last.total ?? '?'}, ${last.lines?.length ?? '?'} line(s), uuid ${
    last.uuid ?? 'not echoed'
  }, refund ${String(last.isRefund)}, seq ${last.receiptSeq ?? '?'}`;
}

/** What to do with an attempt whose earlier `/order/create` may have been registered. */
export function decideRecovery(input: RecoveryInput): RecoveryDecision {
  const { attempt, last, now, staffAfterMs, settleMs } = input;
  const sends = unclearSends(attempt);
  if (sends.length === 0) return { action: 'register', evidence: 'no unclear send' };
  const firstAt = Date.parse(sends[0]?.at ?? '');
  const waitedMs = Number.isNaN(firstAt) ? staffAfterMs : now.getTime() - firstAt;
  const wait = (evidence: string, error: GatewayError | null): RecoveryDecision => ({
    action: 'wait',
    evidence,
    error,
    needsStaff: waitedMs >= staffAfterMs,
  });

  if (!last.ok) return wait(`/order/last failed (${last.error.kind}); cannot tell whether the receipt was registered`, last.error);
  const receipt = last.value;
  if (!receipt.found) {
    const inFlight = sends.find((s) => !s.answered && Math.max(0, now.getTime() - Date.parse(s.at)) < settleMs);
    if (inFlight) return wait(`the send at ${inFlight.time ?? '?'} may still be on its way; the gateway has no receipt yet`, null);
    return { action: 'register', evidence: 'the gateway has no receipt at all' };
  }

  const sentTimes = sends.map((s) => s.time);
  const ourTimes = sentTimes.filter((t): t is string => t !== null);
  const ours =
    receipt.isRefund !== true &&
    (receipt.uuid !== null
      ? receipt.uuid === attempt.id
      : receipt.time !== null &&
        ourTimes.includes(receipt.time) &&
        receipt.total === String(attempt.total) &&
        sameLines(attempt.lines, receipt.lines));
  if (ours) {
    if (receipt.qrUrl === null) return wait(`the last receipt is this attempt's but has no QR URL; ${describeLast(receipt)}`, null);
    return { action: 'adopt', qrUrl: receipt.qrUrl, evidence: describeLast(receipt) };
  }

  // Older than every unclear send: none of them was registered. Needs every send's time and the receipt's.
  const earliest = ourTimes.length === sentTimes.length ? [...ourTimes].sort()[0] : undefined;
  if (receipt.time !== null && earliest !== undefined && receipt.time < earliest) {
    const inFlight = sends.find((s) => !s.answered && Math.max(0, now.getTime() - Date.parse(s.at)) < settleMs);
    if (inFlight) return wait(`the send at ${inFlight.time ?? '?'} may still be on its way; ${describeLast(receipt)}`, null);
    return { action: 'register', evidence: `older than the first unclear send (${earliest}); ${describeLast(receipt)}` };
  }
  return wait(
    `cannot tell whether the receipt sent at ${sentTimes.map((t) => t ?? '?').join(', ')} was registered; ${describeLast(receipt)}`,
    null,
  );
}
