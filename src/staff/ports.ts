/** What staff mode uses from the journal and the outbox; only `drive` of the outbox, so tests need no timers. */
import { isPinpad } from '../domain/payment-methods.ts';
import type { PinpadResult } from '../gateway/types.ts';
import type { Attempt, AttemptRefund, AttemptStatus, Journal } from '../journal/journal.ts';
import type { DriveResult, Outbox } from '../journal/outbox.ts';

export type { Attempt, AttemptRefund, AttemptStatus, DriveResult, Journal };

export type StaffOutbox = Pick<Outbox, 'drive'>;

function isPinpadResult(value: unknown): value is PinpadResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isPinpad(v['provider']) && typeof v['slip'] === 'string';
}

/** The pinpad answer behind a card payment, or null for anything else. */
export function pinpadResultOf(attempt: Attempt): PinpadResult | null {
  const payment: unknown = attempt.payment;
  if (typeof payment !== 'object' || payment === null) return null;
  const p = payment as { method?: unknown; result?: unknown };
  if (p.method === 'pinpad' && isPinpadResult(p.result)) return p.result;
  return isPinpadResult(payment) ? payment : null;
}
