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
  /**
   * Scan2pay: the QR was left (Cancel, expiry, a failed final check, a restart) but stays payable at the
   * gateway, which has no cancel call. Watched until `settleBy`; paid → `paid`, still unpaid then → `expired`.
   * UzQR: the same, when its cancel or final check could not confirm the invoice closed (or after a restart).
   */
  | 'unsettled'
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
  /** Scan2pay, UzQR: the QR was left unpaid as far as the kiosk knows; watch it until it cannot be paid. */
  | 'charge.unsettled'
  /** About to send /order/create: if no answer follows, the next try asks /order/last first. */
  | 'receipt.sending'
  | 'receipt.failed'
  | 'receipt.registered'
  | 'confirm.failed'
  | 'confirm.done'
  /** Pinpad and Scan2pay receipts need no confirm (a wallet confirms its payment, UzQR gets the receipt link). */
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
    'charge.unsettled': 'unsettled',
  },
  unsettled: {
    'charge.paid': 'paid',
    'charge.expired': 'expired',
    'staff.foundPaid': 'paid',
    'staff.resolved': 'resolved',
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
  'charge.unsettled',
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

/** What the Scan2pay rule needs to know of an attempt besides its status. */
export interface TransitionSubject {
  method: string;
  status: AttemptStatus;
  /** ISO time until which an `unsettled` attempt is watched (its QR may be paid until then). */
  settleBy?: string | null;
}

/**
 * `nextStatus` plus the rule that Scan2pay money is watched until it cannot move (DESIGN.md §1 rule 10): a
 * Scan2pay QR stays payable after the kiosk leaves it, so a recorded Scan2pay attempt never goes straight to
 * `cancelled`/`expired` (it becomes `unsettled`), and an unsettled one becomes final only at or after its
 * `settleBy`, whoever asks (the watcher or staff).
 * @throws JournalError when the event is refused.
 */
export function nextStatusAt(subject: TransitionSubject, event: AttemptEvent, at: Date): AttemptStatus {
  const next = nextStatus(subject.status, event);
  if (event === 'charge.unsettled' && !unsettledMethods.includes(subject.method)) {
    throw new JournalError(`only a Scan2pay or UzQR attempt can be unsettled, not ${subject.method}`);
  }
  if (subject.method === 'uzqr') {
    // UzQR's invoice can be cancelled: the kiosk closes it itself once the gateway confirmed it (cancel
    // acknowledged, status declined or not found). Staff still wait for `settleBy`: they have no such proof.
    if (subject.status === 'unsettled' && event === 'staff.resolved') assertSettled(subject);
    return next;
  }
  if (subject.method !== 'scan2pay') return next;
  if (subject.status === 'recorded' && (event === 'charge.cancelled' || event === 'charge.expired')) {
    throw new JournalError(`a Scan2pay QR left ${event.slice(7)} may still be paid: it is unsettled, not final`);
  }
  if (subject.status === 'unsettled' && (event === 'charge.expired' || event === 'staff.resolved')) assertSettled(subject);
  return next;

  function assertSettled(s: TransitionSubject): void {
    const by = Date.parse(s.settleBy ?? '');
    if (Number.isNaN(by) || at.getTime() < by) {
      throw new JournalError(`the ${s.method === 'uzqr' ? 'UzQR' : 'Scan2pay'} QR may be paid until ${s.settleBy ?? '(unknown)'}: it stays unsettled`);
    }
  }
}

/** Methods whose QR stays payable after the kiosk leaves it, so an attempt can be `unsettled`. */
const unsettledMethods: readonly string[] = ['scan2pay', 'uzqr'];
