/**
 * The life of one payment attempt in the journal, as a pure function so the rules can be checked on their own
 * (DESIGN.md §1 rules 1–3). The journal refuses any write whose event does not fit the stored status.
 */

export type AttemptStatus =
  /** Written before the charge request: the charge may or may not have gone out. */
  | 'recorded'
  | 'paid'
  | 'declined'
  | 'cancelled'
  | 'expired'
  /** The charge may have happened: staff decide (rule 2). */
  | 'unknown'
  /** The fiscal receipt is registered; a wallet confirm may still be pending. */
  | 'receipted'
  | 'done'
  /** Staff closed it by hand (refund, found unpaid, fixed the receipt elsewhere). */
  | 'resolved';

export type AttemptEvent =
  | 'charge.paid'
  | 'charge.declined'
  | 'charge.cancelled'
  | 'charge.expired'
  | 'charge.unknown'
  /** About to send /order/create: if no answer follows, the next try asks /order/last first. */
  | 'receipt.sending'
  | 'receipt.failed'
  | 'receipt.registered'
  | 'confirm.failed'
  | 'confirm.done'
  /** Pinpad and Scan2pay receipts need no confirm. */
  | 'confirm.skipped'
  /** Staff checked an unknown attempt and found the money taken. */
  | 'staff.foundPaid'
  | 'staff.resolved'
  /** A history note (a refund slip, a remark); never changes the status. */
  | 'note';

export const terminalStatuses: readonly AttemptStatus[] = ['declined', 'cancelled', 'expired', 'done', 'resolved'];

export class JournalError extends Error {
  override name = 'JournalError';
}

/** True when no event can change the status any more. */
export function isTerminal(status: AttemptStatus): boolean {
  return terminalStatuses.includes(status);
}

/**
 * The status an attempt moves to when `event` happens to it.
 * @throws JournalError when the event is not allowed in that status (the write is refused).
 */
export function nextStatus(status: AttemptStatus, event: AttemptEvent): AttemptStatus {
  if (event === 'note') return status;
  const next = table[status][event];
  if (next === undefined) throw new JournalError(`"${event}" is not allowed for an attempt that is ${status}`);
  return next;
}

const table: Record<AttemptStatus, Partial<Record<AttemptEvent, AttemptStatus>>> = {
  recorded: {
    'charge.paid': 'paid',
    'charge.declined': 'declined',
    'charge.cancelled': 'cancelled',
    'charge.expired': 'expired',
    'charge.unknown': 'unknown',
  },
  paid: {
    'receipt.sending': 'paid',
    'receipt.failed': 'paid',
    'receipt.registered': 'receipted',
    'staff.resolved': 'resolved',
  },
  receipted: {
    'confirm.failed': 'receipted',
    'confirm.done': 'done',
    'confirm.skipped': 'done',
    'staff.resolved': 'resolved',
  },
  unknown: {
    'staff.foundPaid': 'paid',
    'staff.resolved': 'resolved',
  },
  declined: {},
  cancelled: {},
  expired: {},
  done: {},
  resolved: {},
};

export const attemptEvents: readonly AttemptEvent[] = [
  'charge.paid',
  'charge.declined',
  'charge.cancelled',
  'charge.expired',
  'charge.unknown',
  'receipt.sending',
  'receipt.failed',
  'receipt.registered',
  'confirm.failed',
  'confirm.done',
  'confirm.skipped',
  'staff.foundPaid',
  'staff.resolved',
  'note',
];
