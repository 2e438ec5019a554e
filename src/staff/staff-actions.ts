/**
 * What staff do to an attempt from the attention list. Every change goes through the journal's own events, so
 * its status rules still hold: a stale `recorded` attempt is first marked unknown (its outcome is not known),
 * and "found paid" needs the payment's reference, because the receipt and the wallet confirm are built from it.
 */
import { isPinpad, isWallet, methodRow, type FoundField } from '../domain/payment-methods.ts';
import type { PaidWith } from '../domain/attempt-types.ts';
import type { Attempt, DriveResult, Journal, StaffOutbox } from './ports.ts';

export type { FoundField };

/**
 * What staff read off the provider's app or the terminal's journal (which fields a method needs is the method
 * table's `staffFound`): pinpads the slip's RRN, wallets the payment id (Anor also the transaction id, its
 * confirm is keyed by it), Scan2pay its payment id. Empty strings count as missing.
 */
export type FoundPayment = Partial<Record<FoundField, string>>;

export type ActionResult =
  | { ok: true; attempt: Attempt; drive: DriveResult | null }
  | { ok: false; problem: 'missing'; fields: FoundField[] }
  | { ok: false; problem: 'journal'; message: string };

/** The fields staff must fill to mark this attempt paid. */
export function requiredFields(method: Attempt['method']): FoundField[] {
  return [...methodRow(method).staffFound.required];
}

/** Optional extras worth asking for. */
export function optionalFields(method: Attempt['method']): FoundField[] {
  return [...methodRow(method).staffFound.optional];
}

const clean = (v: string | undefined): string | null => {
  // Identifiers keep every character; only the white space a paste brings along is cut.
  const trimmed = v?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

function paidWith(attempt: Attempt, found: FoundPayment): PaidWith | FoundField[] {
  const missing = requiredFields(attempt.method).filter((f) => clean(found[f]) === null);
  if (missing.length > 0) return missing;
  const note = 'entered by staff';
  const method = attempt.method;
  if (isPinpad(method)) {
    return { method: 'pinpad', result: { provider: method, slip: '', rrn: clean(found.rrn), raw: note } };
  }
  if (isWallet(method)) {
    return {
      method: 'wallet',
      payment: {
        provider: method,
        paymentId: clean(found.paymentId) ?? '',
        transactionId: clean(found.transactionId),
        phone: clean(found.phone),
        maskedCard: null,
        raw: note,
      },
    };
  }
  if (method === 'scan2pay') {
    return { method: 'scan2pay', scan2payId: clean(found.scan2payId) ?? '', orderId: attempt.detail ?? '' };
  }
  if (method === 'uzqr') {
    return {
      method: 'uzqr',
      invoiceId: attempt.detail ?? '',
      payId: clean(found.uzqrPayId) ?? '',
      payerPhone: null,
      cardType: null,
      maskedCard: null,
    };
  }
  const never: never = method;
  return never;
}

function journalProblem(error: unknown): ActionResult {
  return { ok: false, problem: 'journal', message: error instanceof Error ? error.message : String(error) };
}

async function markUnknownIfRecorded(journal: Journal, attempt: Attempt): Promise<void> {
  if (attempt.status === 'recorded') await journal.update(attempt.id, 'charge.unknown', { note: 'staff: stale' });
}

/** Staff saw the money in the provider's app: the attempt becomes paid and the receipt is driven at once. */
export async function markPaid(
  journal: Journal,
  outbox: StaffOutbox,
  attempt: Attempt,
  found: FoundPayment,
): Promise<ActionResult> {
  const payment = paidWith(attempt, found);
  if (Array.isArray(payment)) return { ok: false, problem: 'missing', fields: payment };
  let written: Attempt;
  try {
    await markUnknownIfRecorded(journal, attempt);
    written = await journal.update(attempt.id, 'staff.foundPaid', { payment, note: 'staff: found paid' });
  } catch (error) {
    return journalProblem(error);
  }
  return { ok: true, attempt: written, drive: await outbox.drive(attempt.id) };
}

/** Closes an attempt by hand; the reason is required and kept in the journal. */
export async function markResolved(journal: Journal, attempt: Attempt, reason: string): Promise<ActionResult> {
  const text = reason.trim();
  if (text === '') return { ok: false, problem: 'missing', fields: [] };
  try {
    await markUnknownIfRecorded(journal, attempt);
    const written = await journal.update(attempt.id, 'staff.resolved', { resolution: { reason: text }, note: text });
    return { ok: true, attempt: written, drive: null };
  } catch (error) {
    return journalProblem(error);
  }
}

/** Retry receipt and retry confirm are the same push: the outbox knows which step is outstanding. */
export async function retry(journal: Journal, outbox: StaffOutbox, attemptId: string): Promise<ActionResult> {
  const drive = await outbox.drive(attemptId);
  const attempt = await journal.get(attemptId);
  if (!attempt) return { ok: false, problem: 'journal', message: `no attempt ${attemptId}` };
  return { ok: true, attempt, drive };
}
