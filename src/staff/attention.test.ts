import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../gateway/types.ts';
import { ageMinutes, attentionReason, describeError, formatTraceEntry, lastError, lastErrorAction, selectAttention, stillWatched, traceForAttempt } from './attention.ts';
import type { Attempt } from './ports.ts';
import { seed, testJournal, type Seed } from '../testing/journal.ts';
import { TestClock } from '../testing/clock.ts';

const now = Date.parse('2025-03-07T12:00:00.000Z');
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

async function journalWith(seeds: Omit<Seed, 'amount'>[]) {
  const clock = new TestClock();
  const journal = await testJournal(clock);
  for (const s of seeds) await seed(journal, clock, { amount: 1000, ...s });
  return journal;
}

describe('selectAttention', () => {
  it('picks unknown, stale recorded, paid without receipt, receipt error, confirm pending; newest first', async () => {
    const journal = await journalWith([
      { id: 'unknown', method: 'click', to: 'unknown', at: at(30) },
      { id: 'fresh-recorded', method: 'humo', to: 'recorded', at: at(1) },
      { id: 'stale-recorded', method: 'humo', to: 'recorded', at: at(20) },
      { id: 'paid-no-receipt', method: 'humo', to: 'paid', at: at(10) },
      { id: 'receipt-error', method: 'payme', to: 'receiptError', at: at(5) },
      { id: 'confirm-pending', method: 'click', to: 'receipted', at: at(3) },
      { id: 'done', method: 'uzcard', to: 'done', at: at(2) },
      { id: 'declined', method: 'humo', to: 'declined', at: at(2) },
    ]);
    const items = selectAttention(await journal.list(), now);
    expect(items.map((i) => [i.attempt.id, i.reason])).toEqual([
      ['confirm-pending', 'confirmPending'],
      ['receipt-error', 'receiptError'],
      ['paid-no-receipt', 'noReceipt'],
      ['stale-recorded', 'stale'],
      ['unknown', 'unknown'],
    ]);
    expect(items.find((i) => i.attempt.id === 'receipt-error')?.lastError).toBe('rejected 104');
    expect(items.find((i) => i.attempt.id === 'unknown')?.lastError).toBe('unknown timeout');
  });

  it('leaves a charge in flight alone until it is stale', async () => {
    const journal = await journalWith([
      { id: 'r4', method: 'humo', to: 'recorded', at: at(4) },
      { id: 'r6', method: 'humo', to: 'recorded', at: at(6) },
    ]);
    expect(selectAttention(await journal.list(), now).map((i) => i.attempt.id)).toEqual(['r6']);
  });
});

describe('errors and traces', () => {
  it('describes gateway errors and plain messages as one line', async () => {
    expect(describeError({ kind: 'unknown', reason: 'timeout', status: 504, raw: '' })).toBe('unknown (timeout, HTTP 504)');
    expect(describeError({ kind: 'rejected', code: '7', message: 'bad', fieldErrors: null, providerCode: null, raw: '' })).toBe('7: bad');
    expect(describeError({ message: 'plain' })).toBe('plain');
    expect(describeError(null)).toBeNull();
    const journal = await journalWith([{ id: 'ok', method: 'humo', to: 'done', at: at(1) }]);
    const [done] = await journal.list();
    expect(done && lastError(done)).toBeNull();
  });

  it('keeps trace entries inside the time window of the attempt, bodies as text', async () => {
    const entry = (id: number, minutesAgo: number): TraceEntry => ({
      id,
      at: at(minutesAgo),
      method: 'POST',
      path: '/payment/xumo',
      requestBody: '{"amount":2800000}',
      status: 200,
      responseText: '<b>slip</b>',
      ms: 1200,
      outcome: 'ok',
    });
    const journal = await journalWith([{ id: 'x', method: 'humo', to: 'recorded', at: at(20) }]);
    const [a] = await journal.list();
    const trace = [entry(1, 40), entry(2, 20), entry(3, 16.5), entry(4, 1)];
    expect(a && traceForAttempt(a, trace).map((e) => e.id)).toEqual([2, 3]);
    expect(formatTraceEntry(entry(2, 20))).toContain('< <b>slip</b>');
  });
});

describe('unsettled Scan2pay attempts', () => {
  const attempt = {
    id: 's-1',
    method: 'scan2pay',
    status: 'unsettled',
    createdAt: at(7),
    settleBy: new Date(now + 8 * 60_000).toISOString(),
    history: [],
    receiptError: null,
  } as unknown as Attempt;

  it('are on the staff list with their age, and cannot be closed while the QR may still be paid', () => {
    expect(attentionReason(attempt, now)).toBe('unsettled');
    expect(selectAttention([attempt], now).map((i) => i.reason)).toEqual(['unsettled']);
    expect(ageMinutes(attempt, now)).toBe(7);
    expect(stillWatched(attempt, now)).toBe(true);
    expect(stillWatched(attempt, now + 8 * 60_000)).toBe(false);
    expect(stillWatched({ ...attempt, status: 'unknown' } as Attempt, now)).toBe(false);
  });
});

describe('lastErrorAction', () => {
  const attempt = (patch: Partial<Attempt>): Attempt => ({ receiptError: null, history: [], ...patch }) as Attempt;
  it('names what staff do about the gateway code of the last refusal (errors.md)', () => {
    expect(lastErrorAction(attempt({ receiptError: { kind: 'rejected', code: '36909', at: '' } }))).toBe('staff.code.openShift');
    expect(lastErrorAction(attempt({ receiptError: { kind: 'rejected', code: '104', at: '' } }))).toBe('staff.code.clockOrArgument');
    expect(
      lastErrorAction(
        attempt({ history: [{ at: '', status: 'paid', event: 'receipt.failed', errorKind: 'rejected', errorCode: '65279' }] }),
      ),
    ).toBe('staff.code.fiscalModuleBlocked');
    expect(lastErrorAction(attempt({ receiptError: { kind: 'rejected', code: '999999', at: '' } }))).toBe('staff.code.unlisted');
    expect(lastErrorAction(attempt({ receiptError: { kind: 'unknown', code: null, at: '' } }))).toBeNull();
  });
});
