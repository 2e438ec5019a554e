/**
 * The life of one payment attempt in the journal, as a pure function so the rules can be checked on their own
 * (DESIGN.md §1 rules 1–3). The journal refuses any write whose event does not fit the stored status.
 */

import type { AttemptEvent, AttemptStatus } from '../domain/attempt-types.ts';

export type { AttemptEvent, AttemptStatus } from '../domain/attempt-types.ts';

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

/**
 * A card payment that was taken can be refunded by staff (`staff.refunded`) and its refund receipt followed
 * (`refund.receipt`); a UzQR payment in parts (`uzqr.refund`); none changes the status, so a `done` attempt stays
 * done with its refunds recorded.
 */
function refundEvents(status: 'paid' | 'receipted' | 'done' | 'resolved'): Partial<Record<AttemptEvent, AttemptStatus>> {
  return { 'staff.refunded': status, 'refund.receipt': status, 'uzqr.refund': status };
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
    ...refundEvents('paid'),
  },
  receipted: {
    'confirm.failed': 'receipted',
    'confirm.done': 'done',
    'confirm.skipped': 'done',
    'staff.resolved': 'resolved',
    ...refundEvents('receipted'),
  },
  unknown: {
    'staff.foundPaid': 'paid',
    'staff.resolved': 'resolved',
  },
  declined: {},
  cancelled: {},
  expired: {},
  done: refundEvents('done'),
  // A refund that was on the wire while the attempt was resolved still happened: it is recorded.
  resolved: refundEvents('resolved'),
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
  'staff.refunded',
  'refund.receipt',
  'uzqr.refund',
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
