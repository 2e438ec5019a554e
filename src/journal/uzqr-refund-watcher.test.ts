import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FiscalCalls, RefundReceiptRequest } from '../gateway/fiscal-calls.ts';
import type { Receipt, ReceiptLine, Result } from '../gateway/types.ts';
import type { UzqrCalls, UzqrRefund } from '../gateway/uzqr-calls.ts';
import { tiyin } from '../money/money.ts';
import { rejectedError, unknownError } from '../testing/fake-gateway.ts';
import { openJournal, type Journal, type UzqrRefundRecord } from './journal.ts';
import { TestClock } from '../testing/clock.ts';
import { teaLine } from '../testing/journal.ts';
import { uzqrSale, uzqrSaleUrl } from '../testing/uzqr-fixtures.ts';
import { createUzqrRefundWatcher, refundLines, type UzqrRefundWatcher } from './uzqr-refund-watcher.ts';

const now = () => new Date(2025, 4, 18, 22, 20, 0);
let journal: Journal;
let timers: TestClock;
let statusAnswers: Result<UzqrRefund>[];
let statusCalls: string[];
let sent: RefundReceiptRequest[];
let receiptAnswers: Result<Receipt>[];
let watcher: UzqrRefundWatcher;

const registered: Result<Receipt> = {
  ok: true,
  value: { terminalId: 'UZ1', receiptCount: '10', dateTime: '20250518222000', fiscalSign: '1', qrUrl: 'https://ofd.soliq.uz/check?t=UZ1&r=10', raw: '' },
};
const refundStatus = (status: UzqrRefund['status'], refundId = 'REF1'): Result<UzqrRefund> => ({ ok: true, value: { refundId, status, raw: '' } });

function make(): UzqrRefundWatcher {
  const uzqr: Pick<UzqrCalls, 'refundStatus'> = {
    refundStatus: async (refundId) => {
      statusCalls.push(refundId);
      return statusAnswers.shift() ?? refundStatus('pending', refundId);
    },
  };
  const fiscal: Pick<FiscalCalls, 'refundReceipt'> = {
    refundReceipt: async (request) => {
      sent.push(structuredClone(request));
      return receiptAnswers.shift() ?? registered;
    },
  };
  return createUzqrRefundWatcher({ journal, uzqr, fiscal, cashier: 'Kiosk 1', now, timers });
}

/** What uzqr-refunds.ts writes once UzQR accepted a refund. */
async function acceptedRefund(amount: number, id = 'r-1', refundId = 'REF1'): Promise<void> {
  const record: UzqrRefundRecord = { id, amount: tiyin(amount), at: '2025-05-18T17:19:00.000Z', state: 'pending', refundId };
  await journal.update('u-1', 'uzqr.refund', { uzqrRefund: record });
}

beforeEach(async () => {
  journal = await openJournal({ indexedDB: new IDBFactory() });
  timers = new TestClock();
  statusAnswers = [];
  statusCalls = [];
  sent = [];
  receiptAnswers = [];
  watcher = make();
});
afterEach(async () => {
  watcher.stop();
  await watcher.idle();
  journal.close();
});

describe('UzQR refund watcher', () => {
  it('follows a pending refund with backoff until refunded, then registers a refund receipt for its amount', async () => {
    await uzqrSale(journal);
    await acceptedRefund(300_000);
    statusAnswers.push(refundStatus('pending'), { ok: false, error: rejectedError('9001') }, refundStatus('refunded'));
    expect(await watcher.drive('u-1')).toMatchObject([{ state: 'pending' }]);
    await watcher.idle();
    expect(timers.timeouts()).toEqual([1_000]);
    timers.fireTimeouts();
    await watcher.idle();
    expect(timers.timeouts()).toEqual([3_000]);
    timers.fireTimeouts();
    await watcher.idle();
    expect(statusCalls).toEqual(['REF1', 'REF1', 'REF1']);
    expect(timers.timeouts()).toEqual([]);
    const attempt = await journal.get('u-1');
    expect(attempt?.uzqrRefunds).toMatchObject([
      { id: 'r-1', state: 'refunded', refundId: 'REF1', receipt: { state: 'registered', uuid: 'r-1', qrUrl: 'https://ofd.soliq.uz/check?t=UZ1&r=10' } },
    ]);
    expect(sent).toEqual([
      {
        uuid: 'r-1',
        number: '12',
        time: '2025-05-18 22:20:00',
        cashier: 'Kiosk 1',
        total: 300_000,
        lines: [{ ...teaLine, amount: 1000, productPrice: 300_000, price: 300_000, vat: 32_143 }],
        originalQrUrl: uzqrSaleUrl,
        rrn: null,
      },
    ]);
    // Final: never asked or sent again.
    await watcher.drive('u-1');
    expect(statusCalls).toHaveLength(3);
    expect(sent).toHaveLength(1);
  });

  it('a failed refund is final, with no refund receipt', async () => {
    await uzqrSale(journal);
    await acceptedRefund(1_000_000);
    statusAnswers.push(refundStatus('failed'));
    expect(await watcher.drive('u-1')).toMatchObject([{ state: 'failed' }]);
    expect(sent).toEqual([]);
    await watcher.idle();
    expect(timers.timeouts()).toEqual([]);
  });

  it('picks pending refunds and unsent refund receipts up after a restart', async () => {
    await uzqrSale(journal);
    await acceptedRefund(500_000);
    statusAnswers.push(refundStatus('refunded'));
    receiptAnswers.push({ ok: false, error: unknownError('server') });
    await watcher.drive('u-1');
    expect((await journal.get('u-1'))?.uzqrRefunds?.[0]?.receipt?.state).toBe('pending');
    watcher.stop();
    watcher = make();
    watcher.start();
    await watcher.idle();
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((r) => r.uuid))).toEqual(new Set(['r-1']));
    expect((await journal.get('u-1'))?.uzqrRefunds?.[0]?.receipt?.state).toBe('registered');
  });

  it('a refund receipt the fiscal module refuses for good goes to staff with the reason', async () => {
    await uzqrSale(journal);
    await acceptedRefund(500_000);
    statusAnswers.push(refundStatus('refunded'));
    receiptAnswers.push({ ok: false, error: rejectedError('65276', 'bad refund info passed') });
    expect(await watcher.drive('u-1')).toMatchObject([{ receipt: { state: 'refused', code: '65276', message: 'bad refund info passed' } }]);
    await watcher.idle();
    expect(timers.timeouts()).toEqual([]);
  });

  it('a refund of a sale without a receipt needs no refund receipt', async () => {
    await uzqrSale(journal, 'u-1', false);
    await acceptedRefund(500_000);
    statusAnswers.push(refundStatus('refunded'));
    expect(await watcher.drive('u-1')).toMatchObject([{ state: 'refunded', receipt: { state: 'notNeeded', uuid: 'r-1' } }]);
    expect(sent).toEqual([]);
  });

  it('two partial refunds each get their own refund receipt', async () => {
    await uzqrSale(journal);
    await acceptedRefund(300_000, 'r-1', 'REF1');
    await acceptedRefund(700_000, 'r-2', 'REF2');
    statusAnswers.push(refundStatus('refunded', 'REF1'), refundStatus('refunded', 'REF2'));
    await watcher.drive('u-1');
    expect(sent.map((r) => [r.uuid, r.total])).toEqual([
      ['r-1', 300_000],
      ['r-2', 700_000],
    ]);
  });
});

describe('refundLines', () => {
  const coffee: ReceiptLine = { ...teaLine, name: 'Qahva', amount: 3000, productPrice: tiyin(200_000), price: tiyin(600_000), vat: tiyin(64_286) };
  const sale = [teaLine, coffee];

  it('whole lines first, then whole units of the next, else one unit at the price left', () => {
    expect(refundLines(sale, tiyin(1_000_000))).toEqual([teaLine]);
    expect(refundLines(sale, tiyin(1_400_000))).toEqual([teaLine, { ...coffee, amount: 2000, price: 400_000, vat: 42_857 }]);
    expect(refundLines(sale, tiyin(1))).toEqual([{ ...teaLine, amount: 1000, productPrice: 1, price: 1, vat: 0 }]);
    expect(refundLines(sale, tiyin(1_600_000))).toEqual(sale);
  });

  it('keeps one marking code per refunded unit', () => {
    const marked: ReceiptLine = { ...teaLine, labels: ['A', 'B'] };
    expect(refundLines([marked], tiyin(500_000))[0]?.labels).toEqual(['A']);
  });

  it('always adds up to the refund, never more than the sale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_600_000 }), (amount) => {
        const lines = refundLines(sale, tiyin(amount));
        expect(lines.reduce((sum, l) => sum + l.price, 0)).toBe(amount);
        for (const line of lines) expect(line.vat).toBeLessThanOrEqual(line.price);
      }),
    );
    expect(() => refundLines(sale, tiyin(1_600_001))).toThrow(RangeError);
  });
});
