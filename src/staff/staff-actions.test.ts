import { describe, expect, it } from 'vitest';
import { markPaid, markResolved, retry } from './staff-actions.ts';
import { fakeOutbox, seed, testJournal } from '../testing/journal.ts';
import { TestClock } from '../testing/clock.ts';

async function setup() {
  const clock = new TestClock();
  const journal = await testJournal(clock);
  return { clock, journal, outbox: fakeOutbox() };
}

describe('staff actions', () => {
  it('marks an unknown pinpad attempt paid with the RRN as typed (leading zeros), then drives its receipt', async () => {
    const { clock, journal, outbox } = await setup();
    const a = await seed(journal, clock, { id: 'u', method: 'uzcard', amount: 5000, to: 'unknown' });
    const result = await markPaid(journal, outbox, a, { rrn: ' 010965628751 ' });
    expect(result.ok).toBe(true);
    const stored = await journal.get('u');
    expect(stored?.status).toBe('paid');
    expect(stored?.payment).toMatchObject({ method: 'pinpad', result: { provider: 'uzcard', rrn: '010965628751' } });
    expect(outbox.driven).toEqual(['u']);
  });

  it('asks for the fields a receipt and confirm need, and writes nothing without them', async () => {
    const { clock, journal, outbox } = await setup();
    const a = await seed(journal, clock, { id: 'a', method: 'anor', amount: 5000, to: 'unknown' });
    expect(await markPaid(journal, outbox, a, { paymentId: '123' })).toEqual({
      ok: false,
      problem: 'missing',
      fields: ['transactionId'],
    });
    expect((await journal.get('a'))?.status).toBe('unknown');
    expect(outbox.driven).toEqual([]);
  });

  it('marks a stale recorded attempt unknown before resolving it, keeping the reason', async () => {
    const { clock, journal } = await setup();
    const a = await seed(journal, clock, { id: 'r', method: 'click', amount: 5000, to: 'recorded' });
    expect(await markResolved(journal, a, '   ')).toMatchObject({ ok: false, problem: 'missing' });
    const result = await markResolved(journal, a, 'not in Click merchant app');
    expect(result.ok).toBe(true);
    const stored = await journal.get('r');
    expect(stored?.status).toBe('resolved');
    expect(stored?.resolution?.reason).toBe('not in Click merchant app');
    expect(stored?.history.map((h) => h.event)).toEqual(['recorded', 'charge.unknown', 'staff.resolved']);
  });

  it('reports a journal refusal as text instead of throwing', async () => {
    const { clock, journal, outbox } = await setup();
    const a = await seed(journal, clock, { id: 'd', method: 'humo', amount: 5000, to: 'done' });
    expect(await markPaid(journal, outbox, a, { rrn: '1' })).toMatchObject({ ok: false, problem: 'journal' });
    expect(outbox.driven).toEqual([]);
  });

  it('retry pushes the attempt through the outbox', async () => {
    const { clock, journal, outbox } = await setup();
    await seed(journal, clock, { id: 'p', method: 'humo', amount: 5000, to: 'receiptError' });
    expect(await retry(journal, outbox, 'p')).toMatchObject({ ok: true, drive: { ok: false } });
    expect(outbox.driven).toEqual(['p']);
  });
});
