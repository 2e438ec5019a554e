import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FiscalCalls, RefundReceiptRequest } from '../gateway/fiscal-calls.ts';
import type { Receipt, Result } from '../gateway/types.ts';
import { rejectedError, unknownError } from '../testing/fake-gateway.ts';
import { openJournal, type Journal } from './journal.ts';
import { createRefundReceipts, newRefundReceipt, type RefundReceipts } from './refund-receipts.ts';
import { humoPaid, testDraft } from '../testing/journal.ts';
import { TestClock } from '../testing/clock.ts';

const saleUrl = 'https://ofd.soliq.uz/check?t=UZ170703100189&r=7&c=20250518221403&s=248429044289';

let journal: Journal;
let clock: TestClock;
let sent: RefundReceiptRequest[];
let answers: Result<Receipt>[];
let receipts: RefundReceipts;

const registered: Result<Receipt> = {
  ok: true,
  value: { terminalId: 'UZ1', receiptCount: '8', dateTime: '20250518222000', fiscalSign: '1', qrUrl: 'https://ofd.soliq.uz/check?t=UZ1&r=8', raw: '' },
};

function make(openShift?: () => Promise<boolean>): RefundReceipts {
  const fiscal: Pick<FiscalCalls, 'refundReceipt'> = {
    refundReceipt: async (request) => {
      sent.push(structuredClone(request));
      return answers.shift() ?? registered;
    },
  };
  const options: Parameters<typeof createRefundReceipts>[0] = { journal, fiscal, cashier: 'Kiosk 1', now: clock.date, timers: clock };
  if (openShift) options.openShift = openShift;
  return createRefundReceipts(options);
}

beforeEach(async () => {
  journal = await openJournal({ indexedDB: new IDBFactory() });
  clock = new TestClock(new Date(2025, 4, 18, 22, 20, 0));
  sent = [];
  answers = [];
  receipts = make();
});

afterEach(async () => {
  receipts.stop();
  await receipts.idle();
  journal.close();
});

/** A Humo sale with its receipt, then cancelled on the pinpad by staff (what refunds.ts writes). */
async function refundedSale(id = 'p-1'): Promise<void> {
  await journal.record(testDraft(id, 'humo'));
  await journal.update(id, 'charge.paid', { payment: humoPaid });
  await journal.update(id, 'receipt.registered', {
    receipt: { qrUrl: saleUrl, receiptCount: '7', fiscalSign: '248429044289', terminalId: 'UZ170703100189', dateTime: '20250518221403' },
  });
  await journal.update(id, 'confirm.skipped');
  const attempt = await journal.get(id);
  await journal.update(id, 'staff.refunded', {
    refund: {
      kind: 'cancel',
      at: '2025-05-18T17:19:00.000Z',
      slip: 'ОТМЕНА',
      rrn: '416311639412',
      amount: attempt!.amount,
      receipt: newRefundReceipt(attempt!, () => 'refund-uuid-1'),
    },
  });
}

describe('refund receipts', () => {
  it('a refund of a sale without a receipt needs none', () => {
    expect(newRefundReceipt({ receipt: null }, () => 'x')).toEqual({ state: 'notNeeded', uuid: 'x' });
  });

  it('registers the refund receipt for the same lines and amount, with the sale receipt URL, the RRN and its own uuid', async () => {
    await refundedSale();
    const state = await receipts.drive('p-1');
    expect(state).toMatchObject({ state: 'registered', qrUrl: 'https://ofd.soliq.uz/check?t=UZ1&r=8', uuid: 'refund-uuid-1' });
    expect(sent).toEqual([
      {
        uuid: 'refund-uuid-1',
        number: '12',
        time: '2025-05-18 22:20:00',
        cashier: 'Kiosk 1',
        total: 1_000_000,
        lines: testDraft('p-1', 'humo').lines,
        originalQrUrl: saleUrl,
        rrn: '416311639412',
      },
    ]);
    const attempt = await journal.get('p-1');
    expect(attempt?.status).toBe('done');
    expect(attempt?.refund?.receipt?.state).toBe('registered');
    // Once registered, never again.
    await receipts.drive('p-1');
    expect(sent).toHaveLength(1);
  });

  it('retries after a failure with backoff, and after a restart (a new driver finds it in the journal)', async () => {
    await refundedSale();
    answers.push({ ok: false, error: unknownError('server') }, { ok: false, error: rejectedError('101', 'Printer not working') });
    expect(await receipts.drive('p-1')).toBeNull();
    await receipts.idle();
    expect(clock.timeouts()).toEqual([2_000]);
    clock.fireTimeouts();
    await receipts.idle();
    expect(clock.timeouts()).toEqual([5_000]);
    expect((await journal.get('p-1'))?.refund?.receipt?.state).toBe('pending');

    // The kiosk restarts: the old driver is gone, a new one sweeps the journal.
    receipts.stop();
    receipts = make();
    receipts.start();
    await receipts.idle();
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.uuid))).toEqual(new Set(['refund-uuid-1']));
    expect((await journal.get('p-1'))?.refund?.receipt?.state).toBe('registered');
  });

  for (const code of ['65274', '65276', '65277']) {
    it(`puts a refund receipt refused with ${code} on the staff list with the reason, and stops sending it`, async () => {
      await refundedSale();
      answers.push({ ok: false, error: rejectedError(code, 'bad refund info passed') });
      const state = await receipts.drive('p-1');
      expect(state).toMatchObject({ state: 'refused', code, message: 'bad refund info passed' });
      const attempt = await journal.get('p-1');
      expect(attempt?.history.at(-1)).toMatchObject({ errorKind: 'rejected', errorCode: code, note: 'refund receipt refused' });
      await receipts.idle();
      expect(clock.timeouts()).toEqual([]);
    });
  }

  it('opens a closed fiscal shift and sends once more', async () => {
    receipts = make(async () => true);
    await refundedSale();
    answers.push({ ok: false, error: rejectedError('36909') });
    expect(await receipts.drive('p-1')).toMatchObject({ state: 'registered' });
    expect(sent).toHaveLength(2);
  });
});
