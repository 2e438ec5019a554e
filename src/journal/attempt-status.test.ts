import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attemptEvents, isTerminal, JournalError, nextStatus, type AttemptStatus } from './attempt-status.ts';

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
