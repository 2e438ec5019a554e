import { describe, expect, it } from 'vitest';
import type { LastReceipt, Result } from '../gateway/types.ts';
import { tiyin } from '../money/money.ts';
import type { Attempt, AttemptHistoryEntry } from './journal.ts';
import { decideRecovery, notRegisteredNote, orderLastNote, sentTimeNote, unclearSends } from './receipt-recovery.ts';
import { teaLine } from '../testing/journal.ts';

const entry = (event: AttemptHistoryEntry['event'], patch: Partial<AttemptHistoryEntry> = {}): AttemptHistoryEntry => ({
  at: '2026-11-29T10:00:00.000Z',
  status: 'paid',
  event,
  ...patch,
});

const attempt = (history: AttemptHistoryEntry[]): Pick<Attempt, 'id' | 'total' | 'lines' | 'history'> => ({
  id: 'att-1',
  total: tiyin(1_000_000),
  lines: [teaLine],
  history,
});

const sentAt = (time: string) => entry('receipt.sending', { note: sentTimeNote(time) });
const lost = entry('receipt.failed', { errorKind: 'unknown' });

const last = (patch: Partial<LastReceipt>): Result<LastReceipt> => ({
  ok: true,
  value: {
    found: true,
    uuid: null,
    qrUrl: 'https://ofd.soliq.uz/check?t=T&r=7&c=C&s=S',
    time: '2026-11-29 15:00:01',
    total: '1000000',
    lines: [{ classCode: teaLine.classCode, amount: '2000', price: '1000000' }],
    isRefund: false,
    terminalId: 'T',
    receiptSeq: '7',
    dateTime: 'C',
    fiscalSign: 'S',
    raw: '{}',
    ...patch,
  },
});

const decide = (history: AttemptHistoryEntry[], answer: Result<LastReceipt>, nowIso = '2026-11-29T10:01:00.000Z') =>
  decideRecovery({ attempt: attempt(history), last: answer, now: new Date(nowIso), staffAfterMs: 10 * 60_000, settleMs: 30_000 });

const paid = entry('charge.paid');

describe('unclearSends', () => {
  it('keeps a send without a definite answer, drops one answered "no", and forgets all after a proof', () => {
    expect(unclearSends(attempt([paid, sentAt('2026-11-29 15:00:01'), lost]))).toEqual([
      { time: '2026-11-29 15:00:01', at: '2026-11-29T10:00:00.000Z', answered: false },
    ]);
    expect(unclearSends(attempt([paid, sentAt('2026-11-29 15:00:01'), entry('receipt.failed', { errorKind: 'rejected' })]))).toEqual([]);
    // A later definite "no" does not clear an earlier unclear send.
    expect(
      unclearSends(attempt([paid, sentAt('2026-11-29 15:00:01'), lost, sentAt('2026-11-29 15:00:09'), entry('receipt.failed', { errorKind: 'rejected' })])),
    ).toHaveLength(1);
    // The /order/last check's own entries are not answers to a send.
    expect(unclearSends(attempt([paid, sentAt('2026-11-29 15:00:01'), entry('receipt.failed', { errorKind: 'unknown', note: orderLastNote })]))).toHaveLength(1);
    expect(unclearSends(attempt([paid, sentAt('2026-11-29 15:00:01'), lost, entry('note', { note: `${notRegisteredNote} (older)` })]))).toEqual([]);
    // A send with no answer at all (the power went) is unclear.
    expect(unclearSends(attempt([paid, sentAt('2026-11-29 15:00:01')]))).toHaveLength(1);
  });
});

describe('decideRecovery', () => {
  const history = [paid, sentAt('2026-11-29 15:00:01'), lost];

  it('adopts the last receipt when time, total and lines are the attempt’s (no uuid echoed)', () => {
    expect(decide(history, last({}))).toMatchObject({ action: 'adopt', qrUrl: 'https://ofd.soliq.uz/check?t=T&r=7&c=C&s=S' });
  });

  it('adopts by uuid when the gateway echoes it', () => {
    expect(decide(history, last({ uuid: 'att-1', time: '2026-11-29 15:00:05' }))).toMatchObject({ action: 'adopt' });
  });

  it('registers again when the last receipt is older than the first unclear send, or there is none', () => {
    expect(decide(history, last({ time: '2026-11-29 14:59:59' }))).toMatchObject({ action: 'register' });
    expect(decide(history, last({ uuid: 'someone-else', time: '2026-04-15 10:40:06' }))).toMatchObject({ action: 'register' });
    expect(decide(history, last({ found: false }))).toMatchObject({ action: 'register' });
  });

  it('waits when it cannot tell: a newer receipt that is not ours, a near match, a refund, a gateway error', () => {
    for (const answer of [
      last({ time: '2026-11-29 15:00:07' }),
      last({ total: '999999' }),
      last({ lines: [{ classCode: teaLine.classCode, amount: '1000', price: '1000000' }] }),
      last({ isRefund: true }),
      last({ uuid: 'someone-else' }),
      last({ time: null }),
      { ok: false as const, error: { kind: 'unknown' as const, reason: 'network' as const, status: null, raw: '' } },
    ]) {
      expect(decide(history, answer)).toMatchObject({ action: 'wait', needsStaff: false });
    }
  });

  it('does not register again while a send without an answer may still be on its way to the gateway', () => {
    expect(decide(history, last({ time: '2026-11-29 14:59:59' }), '2026-11-29T10:00:10.000Z')).toMatchObject({ action: 'wait' });
    expect(decide(history, last({ found: false }), '2026-11-29T10:00:10.000Z')).toMatchObject({ action: 'wait' });
    // An answer came back (an HTTP error page): the gateway is done with that request.
    const answered = [paid, sentAt('2026-11-29 15:00:01'), entry('receipt.failed', { errorKind: 'http' })];
    expect(decide(answered, last({ found: false }), '2026-11-29T10:00:10.000Z')).toMatchObject({ action: 'register' });
  });

  it('cannot prove "older" for a send whose time the journal did not keep', () => {
    expect(decide([paid, entry('receipt.sending'), lost], last({ time: '2020-01-01 00:00:00' }))).toMatchObject({ action: 'wait' });
  });

  it('puts the evidence in front of staff once it has been unclear for the bound', () => {
    const decision = decide(history, last({ time: '2026-11-29 15:00:07' }), '2026-11-29T10:10:00.000Z');
    expect(decision).toMatchObject({ action: 'wait', needsStaff: true });
    expect(decision.evidence).toContain('2026-11-29 15:00:07');
  });

  it('with no unclear send there is nothing to recover', () => {
    expect(decide([paid], last({}))).toMatchObject({ action: 'register' });
  });
});

describe('decideRecovery, property', () => {
  it('adopts only a receipt that is the attempt’s, and registers again only when no unclear send can have landed', async () => {
    const fc = (await import('fast-check')).default;
    const time = fc.constantFrom('2026-11-29 14:59:59', '2026-11-29 15:00:01', '2026-11-29 15:00:07', null);
    const answer = fc.record({
      found: fc.boolean(),
      uuid: fc.constantFrom(null, 'att-1', 'other'),
      time,
      total: fc.constantFrom('1000000', '999999', null),
      lines: fc.constantFrom<LastReceipt['lines']>(
        [{ classCode: teaLine.classCode, amount: '2000', price: '1000000' }],
        [{ classCode: teaLine.classCode, amount: '1000', price: '1000000' }],
        null,
      ),
      isRefund: fc.constantFrom(false, true, null),
    });
    fc.assert(
      fc.property(answer, fc.boolean(), (patch, late) => {
        const decision = decide(history(), last(patch), late ? '2026-11-29T10:20:00.000Z' : '2026-11-29T10:00:05.000Z');
        if (decision.action === 'adopt') {
          expect(patch.found && patch.isRefund !== true).toBe(true);
          const byUuid = patch.uuid === 'att-1';
          const byContent = patch.uuid === null && patch.time === '2026-11-29 15:00:01' && patch.total === '1000000' && patch.lines?.[0]?.amount === '2000';
          expect(byUuid || byContent).toBe(true);
        }
        if (decision.action === 'register') {
          expect(late).toBe(true);
          expect(!patch.found || (patch.time !== null && patch.time < '2026-11-29 15:00:01')).toBe(true);
        }
        if (decision.action === 'wait') expect(decision.needsStaff).toBe(late);
      }),
      { numRuns: 500 },
    );
  });
});

function history(): AttemptHistoryEntry[] {
  return [entry('charge.paid'), sentAt('2026-11-29 15:00:01'), lost];
}
