import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../gateway/types.ts';
import type { UzqrCalls, UzqrRefund } from '../gateway/uzqr-calls.ts';
import { createUzqrCalls } from '../gateway/uzqr-calls.ts';
import { rejectedError, unknownError } from '../testing/fake-gateway.ts';
import { fakeFetch, textResponse } from '../testing/fake-fetch.ts';
import { openJournal, type Journal } from '../journal/journal.ts';
import { clickPaid, testDraft } from '../testing/journal.ts';
import { uzqrSale } from '../testing/uzqr-fixtures.ts';
import { tiyin } from '../money/money.ts';
import { memoryStaffLog } from './staff-store.ts';
import { isUzqrRefundable, refundUzqrPayment, resetUzqrRefundSession, uzqrRefundTotals } from './uzqr-refunds.ts';

let journal: Journal;
let sent: { payId: string; amount: number }[];
let answers: Result<UzqrRefund>[];
let ids: number;
const uzqr: Pick<UzqrCalls, 'refund'> = {
  refund: async (input) => {
    sent.push({ ...input });
    return answers.shift() ?? { ok: true, value: { refundId: `REF${sent.length}`, status: 'pending', raw: '' } };
  },
};
const now = () => new Date('2025-05-18T17:30:00.000Z');
const refund = (amount: number, extra: Partial<Parameters<typeof refundUzqrPayment>[0]> = {}) =>
  refundUzqrPayment({ uzqr, journal, attemptId: 'u-1', amount, now, newId: () => `r-${++ids}`, ...extra });

beforeEach(async () => {
  journal = await openJournal({ indexedDB: new IDBFactory() });
  sent = [];
  answers = [];
  ids = 0;
  resetUzqrRefundSession();
});
afterEach(() => journal.close());

describe('UzQR staff refunds', () => {
  it('refunds part of a payment by pay_id and keeps the refund_id in the journal, pending', async () => {
    await uzqrSale(journal);
    const result = await refund(300_000);
    expect(result).toMatchObject({ ok: true, record: { id: 'r-1', amount: 300_000, state: 'pending', refundId: 'REF1' } });
    expect(sent).toEqual([{ payId: 'PAY12345678901234567', amount: 300_000 }]);
    const attempt = await journal.get('u-1');
    expect(attempt?.uzqrRefunds).toEqual([{ id: 'r-1', amount: 300_000, at: '2025-05-18T17:30:00.000Z', state: 'pending', refundId: 'REF1' }]);
    expect(attempt?.status).toBe('receipted');
    expect(uzqrRefundTotals(attempt!)).toEqual({ refunded: 300_000, remaining: 700_000 });
  });

  it('never more than was paid: a second refund above the remainder is refused without a call', async () => {
    await uzqrSale(journal);
    await refund(600_000);
    const second = await refund(400_001);
    expect(second).toMatchObject({ ok: false, reason: 'aboveRemaining', remaining: 400_000 });
    expect(sent).toHaveLength(1);
    expect(await refund(400_000)).toMatchObject({ ok: true });
    const attempt = await journal.get('u-1');
    expect(isUzqrRefundable(attempt!)).toBe(false);
    expect(await refund(1)).toMatchObject({ ok: false, reason: 'aboveRemaining', remaining: 0 });
    expect(sent.map((s) => s.amount)).toEqual([600_000, 400_000]);
  });

  it('refuses a refund above the remainder itself: no /payment/one_qr/refund request goes out (the gateway may take it)', async () => {
    await uzqrSale(journal);
    // The real client on a fake wire that takes every refund, as the simulator's default does.
    const wire = fakeFetch(() => textResponse(JSON.stringify({ data: { refund_id: 'REFF5149C4B458F4D7FB', status: 1 }, error: null, is_success: true })));
    const calls = createUzqrCalls({ baseUrl: 'http://127.0.0.1:8080', fetch: wire.fetch, maxAmount: tiyin(5_000_000_000), timeouts: { defaultMs: 2_000, receiptMs: 2_000 } });
    expect(await refund(600_000, { uzqr: calls })).toMatchObject({ ok: true });
    expect(wire.requests.map((r) => new URL(r.url).pathname)).toEqual(['/payment/one_qr/refund']);
    expect(await refund(400_001, { uzqr: calls })).toMatchObject({ ok: false, reason: 'aboveRemaining', remaining: 400_000 });
    expect(await refund(1_000_000, { uzqr: calls })).toMatchObject({ ok: false, reason: 'aboveRemaining', remaining: 400_000 });
    expect(wire.requests).toHaveLength(1);
    expect((await journal.get('u-1'))?.uzqrRefunds?.map((r) => r.amount)).toEqual([600_000]);
  });

  it('journals the refund before the call: a lost answer stays counted (sending), never refundable twice', async () => {
    await uzqrSale(journal);
    let seenBeforeCall: string | undefined;
    const watching: Pick<UzqrCalls, 'refund'> = {
      refund: async () => {
        seenBeforeCall = (await journal.get('u-1'))?.uzqrRefunds?.[0]?.state;
        return { ok: false, error: unknownError('timeout') };
      },
    };
    const result = await refund(1_000_000, { uzqr: watching });
    expect(seenBeforeCall).toBe('sending');
    expect(result).toMatchObject({ ok: false, reason: 'unknown' });
    const attempt = await journal.get('u-1');
    expect(attempt?.uzqrRefunds).toMatchObject([{ state: 'sending', refundId: null, code: 'unknown' }]);
    expect(await refund(1)).toMatchObject({ ok: false, reason: 'aboveRemaining', remaining: 0 });
  });

  it('a refund UzQR rejects is failed, with its code, and frees its amount again', async () => {
    await uzqrSale(journal);
    answers.push({ ok: false, error: rejectedError('4001', 'Платеж не найден.') });
    expect(await refund(1_000_000)).toMatchObject({ ok: false, reason: 'rejected', code: '4001', message: 'Платеж не найден.' });
    expect((await journal.get('u-1'))?.uzqrRefunds).toMatchObject([{ state: 'failed', code: '4001' }]);
    expect(await refund(1_000_000)).toMatchObject({ ok: true });
  });

  it.each([0, -5, 1.5, Number.NaN])('refuses the amount %s', async (amount) => {
    await uzqrSale(journal);
    expect(await refund(amount)).toMatchObject({ ok: false, reason: 'badAmount' });
    expect(sent).toEqual([]);
  });

  it('refuses what is not a paid UzQR payment', async () => {
    expect(await refund(100)).toMatchObject({ ok: false, reason: 'notFound' });
    await journal.record(testDraft('c-1', 'click', '1'));
    await journal.update('c-1', 'charge.paid', { payment: clickPaid });
    expect(await refund(100, { attemptId: 'c-1' })).toMatchObject({ ok: false, reason: 'notUzqr' });
    await journal.record(testDraft('u-2', 'uzqr', 'INV2'));
    expect(await refund(100, { attemptId: 'u-2' })).toMatchObject({ ok: false, reason: 'notPaid' });
    expect(sent).toEqual([]);
  });

  it('above the PIN limit needs the badge; with it, the refund is logged', async () => {
    await uzqrSale(journal);
    const log = memoryStaffLog();
    expect(await refund(500_000, { auth: { method: 'pin', pinRefundLimit: 100_000 }, log })).toMatchObject({ ok: false, reason: 'needsBadge' });
    expect(await refund(500_000, { auth: { method: 'badge', pinRefundLimit: 100_000 }, log })).toMatchObject({ ok: true, record: { by: 'badge' } });
    expect(log.entries).toEqual([
      { at: '2025-05-18T17:30:00.000Z', action: 'refund', method: 'badge', attemptId: 'u-1', kind: 'uzqrRefund', amount: tiyin(500_000) },
    ]);
  });

  it('one refund of a payment at a time', async () => {
    await uzqrSale(journal);
    let release: () => void = () => {};
    let called: () => void = () => {};
    const onTheWire = new Promise<void>((resolve) => (called = resolve));
    const slow: Pick<UzqrCalls, 'refund'> = {
      refund: () =>
        new Promise((resolve) => {
          release = () => resolve({ ok: true, value: { refundId: 'R', status: 'pending', raw: '' } });
          called();
        }),
    };
    const first = refund(100_000, { uzqr: slow });
    await onTheWire;
    expect(await refund(100_000)).toMatchObject({ ok: false, reason: 'inProgress' });
    release();
    expect(await first).toMatchObject({ ok: true });
  });
});
