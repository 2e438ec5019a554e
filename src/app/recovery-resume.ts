/**
 * After a reload, crash or power cut the kiosk starts at attract; the customer who was paying may still be
 * standing there. This picks the recent attempt a previous run left behind and says which screen tells that
 * customer the truth (issue 6): the charge may have gone out → staff assist; paid and the receipt registered
 * → the done screen with the pickup number; paid and the receipt still failing → the receipt-trouble screen.
 */
import type { Attempt, Journal } from '../journal/journal.ts';
import type { RecoveryReport } from '../journal/recovery.ts';
import type { RecoveryResumeEvent } from '../machines/checkout.machine.ts';

/** An attempt older than this belongs to a customer who has gone. */
export const RESUME_WINDOW_MS = 10 * 60_000;
/**
 * A receipt registered longer ago than this was already shown on the done screen (which stays 20 s), so the
 * customer has seen it; one registered by recovery just now has not.
 */
export const RESUME_DONE_MS = 20_000;

function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

function registeredAt(attempt: Attempt): number {
  for (let i = attempt.history.length - 1; i >= 0; i--) {
    const entry = attempt.history[i];
    if (entry?.event === 'receipt.registered') return timeOf(entry.at);
  }
  return 0;
}

/** The screen one attempt calls for, or null when its customer needs nothing more. */
export function resumeEventFor(attempt: Attempt, now: number, doneMs = RESUME_DONE_MS): RecoveryResumeEvent | null {
  const base = {
    type: 'recovery.resume' as const,
    attemptId: attempt.id,
    method: attempt.method,
    total: attempt.total,
    orderNumber: attempt.orderNumber,
  };
  switch (attempt.status) {
    case 'recorded':
    case 'unknown':
      return { ...base, outcome: 'unknown', receiptRegistered: false, receiptUrl: null };
    case 'paid':
      return { ...base, outcome: 'paid', receiptRegistered: false, receiptUrl: null };
    case 'receipted':
    case 'done':
      if (!attempt.receipt || now - registeredAt(attempt) > doneMs) return null;
      return { ...base, outcome: 'paid', receiptRegistered: true, receiptUrl: attempt.receipt.qrUrl };
    default:
      return null;
  }
}

/**
 * The event for the newest attempt of the last `windowMs` that still concerns its customer, or null (attract).
 * Looks at what recovery drove and at every attempt still unknown, recorded or paid, as the journal has them now
 * (the outbox may have registered a receipt since recovery reported).
 */
export async function resumeAfterRecovery(
  report: RecoveryReport | null,
  journal: Pick<Journal, 'get' | 'list'>,
  now: number,
  windowMs = RESUME_WINDOW_MS,
): Promise<RecoveryResumeEvent | null> {
  const ids = new Set<string>(report?.driven.map((d) => d.id) ?? []);
  for (const status of ['unknown', 'recorded', 'paid'] as const) {
    for (const attempt of await journal.list({ status })) ids.add(attempt.id);
  }
  let newest: { at: number; event: RecoveryResumeEvent } | null = null;
  for (const id of ids) {
    const attempt = await journal.get(id);
    if (!attempt) continue;
    const at = timeOf(attempt.createdAt);
    if (now - at > windowMs) continue;
    const event = resumeEventFor(attempt, now);
    if (event && (newest === null || at > newest.at)) newest = { at, event };
  }
  return newest?.event ?? null;
}
