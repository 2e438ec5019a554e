import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attemptEvents, isTerminal, JournalError, nextStatus, nextStatusAt, type AttemptStatus } from './attempt-status.ts';

/** Applies events in order, skipping the ones the journal refuses (as it would), and returns every status passed. */
function walk(events: readonly (typeof attemptEvents)[number][]): AttemptStatus[] {
  const seen: AttemptStatus[] = ['recorded'];
  let status: AttemptStatus = 'recorded';
  for (const event of events) {
    try {
      status = nextStatus(status, event);
    } catch (error) {
      expect(error).toBeInstanceOf(JournalError);
      continue;
    }
    seen.push(status);
  }
  return seen;
}

const eventSequences = fc.array(fc.constantFrom(...attemptEvents), { maxLength: 40 });

describe('nextStatus', () => {
  it('follows the happy paths', () => {
    expect(nextStatus('recorded', 'charge.paid')).toBe('paid');
    expect(nextStatus('paid', 'receipt.registered')).toBe('receipted');
    expect(nextStatus('receipted', 'confirm.done')).toBe('done');
    expect(nextStatus('receipted', 'confirm.skipped')).toBe('done');
    expect(nextStatus('unknown', 'staff.foundPaid')).toBe('paid');
    expect(nextStatus('unknown', 'staff.resolved')).toBe('resolved');
  });

  it('refuses what does not fit', () => {
    expect(() => nextStatus('recorded', 'receipt.registered')).toThrow(JournalError);
    expect(() => nextStatus('declined', 'charge.paid')).toThrow(JournalError);
    expect(() => nextStatus('unknown', 'charge.paid')).toThrow(JournalError);
    expect(() => nextStatus('done', 'staff.resolved')).toThrow(JournalError);
    expect(() => nextStatus('paid', 'charge.paid')).toThrow(JournalError);
  });

  it('records a refund and its receipt on a taken payment without changing its status, and nowhere else', () => {
    for (const status of ['paid', 'receipted', 'done', 'resolved'] as const) {
      expect(nextStatus(status, 'staff.refunded')).toBe(status);
      expect(nextStatus(status, 'refund.receipt')).toBe(status);
      expect(nextStatus(status, 'uzqr.refund')).toBe(status);
    }
    for (const status of ['recorded', 'unknown', 'unsettled', 'declined', 'cancelled', 'expired'] as const) {
      expect(() => nextStatus(status, 'staff.refunded')).toThrow(JournalError);
      expect(() => nextStatus(status, 'refund.receipt')).toThrow(JournalError);
      expect(() => nextStatus(status, 'uzqr.refund')).toThrow(JournalError);
    }
  });

  it('never changes a terminal status', () => {
    fc.assert(
      fc.property(eventSequences, (events) => {
        const seen = walk(events);
        const firstTerminal = seen.findIndex(isTerminal);
        if (firstTerminal >= 0) expect(new Set(seen.slice(firstTerminal))).toEqual(new Set([seen[firstTerminal]]));
      }),
    );
  });

  it('reaches receipted only after paid, and never after declined, cancelled or expired', () => {
    fc.assert(
      fc.property(eventSequences, (events) => {
        const seen = walk(events);
        const receipted = seen.indexOf('receipted');
        if (receipted >= 0) {
          expect(seen.slice(0, receipted)).toContain('paid');
          expect(seen[receipted - 1]).toBe('paid');
        }
        for (const dead of ['declined', 'cancelled', 'expired'] as const) {
          const at = seen.indexOf(dead);
          if (at >= 0) expect(seen.slice(at)).not.toContain('receipted');
        }
        // A charge settles once: after leaving "recorded" an attempt never goes back to it.
        const left = seen.findIndex((s) => s !== 'recorded');
        if (left >= 0) expect(seen.slice(left)).not.toContain('recorded');
      }),
    );
  });

  it('lets every non-terminal status end somewhere', () => {
    fc.assert(
      fc.property(eventSequences, (events) => {
        const seen = walk(events);
        const last = seen[seen.length - 1] ?? 'recorded';
        // From anywhere, a staff decision or the normal path can still close the attempt.
        const closers = ['charge.declined', 'staff.resolved', 'confirm.done'] as const;
        if (!isTerminal(last)) expect(closers.some((e) => { try { return isTerminal(nextStatus(last, e)); } catch { return false; } })).toBe(true);
      }),
    );
  });
});

describe('nextStatusAt: Scan2pay money is watched until it cannot move', () => {
  const settleBy = '2025-05-18T10:15:00.000Z';
  const before = new Date('2025-05-18T10:14:59.999Z');
  const after = new Date('2025-05-18T10:15:00.000Z');

  it('makes a left Scan2pay QR unsettled, never cancelled or expired straight away', () => {
    const recorded = { method: 'scan2pay', status: 'recorded' as const };
    expect(nextStatusAt(recorded, 'charge.unsettled', before)).toBe('unsettled');
    expect(() => nextStatusAt(recorded, 'charge.cancelled', before)).toThrow(JournalError);
    expect(() => nextStatusAt(recorded, 'charge.expired', after)).toThrow(JournalError);
    // Wallets and pinpads keep their plain cancel; only Scan2pay can be unsettled.
    expect(nextStatusAt({ method: 'click', status: 'recorded' }, 'charge.cancelled', before)).toBe('cancelled');
    expect(() => nextStatusAt({ method: 'humo', status: 'recorded' }, 'charge.unsettled', before)).toThrow(JournalError);
  });

  it('lets an unsettled attempt be paid at any time, and closed only at or after settleBy', () => {
    const unsettled = { method: 'scan2pay', status: 'unsettled' as const, settleBy };
    expect(nextStatusAt(unsettled, 'charge.paid', before)).toBe('paid');
    expect(nextStatusAt(unsettled, 'staff.foundPaid', before)).toBe('paid');
    expect(() => nextStatusAt(unsettled, 'charge.expired', before)).toThrow(JournalError);
    expect(() => nextStatusAt(unsettled, 'staff.resolved', before)).toThrow(JournalError);
    expect(nextStatusAt(unsettled, 'charge.expired', after)).toBe('expired');
    expect(nextStatusAt(unsettled, 'staff.resolved', after)).toBe('resolved');
    expect(() => nextStatusAt({ ...unsettled, settleBy: null }, 'charge.expired', after)).toThrow(JournalError);
    expect(isTerminal('unsettled')).toBe(false);
  });
});
