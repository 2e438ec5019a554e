import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result, Scan2payStatus } from '../gateway/types.ts';
import { buildReceiptRequest, createOutbox, type Outbox } from './outbox.ts';
import { FakeGateway, unknownError } from '../testing/fake-gateway.ts';
import { openJournal, type Journal } from './journal.ts';
import { sentTimeNote } from './receipt-recovery.ts';
import { recover } from './recovery.ts';
import { clickPaid, humoPaid, testDraft } from '../testing/journal.ts';
import { TestClock } from '../testing/clock.ts';

let journal: Journal;
let gateway: FakeGateway;
let clock: TestClock;
let outbox: Outbox;

beforeEach(async () => {
  journal = await openJournal({ indexedDB: new IDBFactory() });
  gateway = new FakeGateway();
  clock = new TestClock();
  outbox = createOutbox({ journal, gateway, cashier: 'Kiosk 1', timers: clock });
});

afterEach(async () => {
  outbox.stop();
  await outbox.idle();
  journal.close();
});

describe('recover', () => {
  it('marks wallet and pinpad attempts left "recorded" as unknown, for staff, without charging again', async () => {
    await journal.record(testDraft('w-1', 'payme', '50501010793410469483'));
    await journal.record(testDraft('p-1', 'uzcard'));
    const report = await recover({ journal, gateway, outbox });
    expect(report.unknown.sort()).toEqual(['p-1', 'w-1']);
    expect((await journal.get('w-1'))?.status).toBe('unknown');
    expect((await journal.get('p-1'))?.status).toBe('unknown');
    expect(gateway.calls.filter((c) => c.name === 'walletPay' || c.name === 'uzcardPay')).toHaveLength(0);
  });

  it('asks Scan2pay about a left-over order: paid → receipt; unpaid or no answer → unsettled, watched until expiry + margin', async () => {
    await journal.record(testDraft('s-paid', 'scan2pay', '1716000000000123'));
    await journal.record(testDraft('s-unpaid', 'scan2pay', '1716000000000456'));
    await journal.record(testDraft('s-silent', 'scan2pay', '1716000000000789'));
    const answer = (orderId: string): Promise<Result<Scan2payStatus>> => {
      if (orderId === '1716000000000123') return Promise.resolve({ ok: true, value: { paid: true, scan2payId: 'b7e0-uuid', orderId, raw: '{}' } });
      if (orderId === '1716000000000456') return Promise.resolve({ ok: true, value: { paid: false, raw: '{}' } });
      return Promise.resolve({ ok: false, error: unknownError('network') });
    };
    gateway.enqueue('scan2payStatus', answer, answer, answer);
    const report = await recover({ journal, gateway, outbox, settleWindowMs: 60_000 });
    expect(report.paid).toEqual(['s-paid']);
    expect(report.unsettled.sort()).toEqual(['s-silent', 's-unpaid']);
    expect(report.unknown).toEqual([]);
    expect(report.driven.map((d) => [d.id, d.result.ok])).toEqual([['s-paid', true]]);
    await outbox.idle();
    const paid = await journal.get('s-paid');
    expect(paid?.status).toBe('done');
    expect(paid?.payment).toEqual({ method: 'scan2pay', scan2payId: 'b7e0-uuid', orderId: '1716000000000123' });
    expect(gateway.registered[0]?.payment).toEqual({ method: 'scan2pay', scan2payId: 'b7e0-uuid' });
    for (const id of ['s-unpaid', 's-silent']) {
      const left = await journal.get(id);
      expect(left?.status).toBe('unsettled');
      expect(Date.parse(left?.settleBy ?? '') - Date.parse(left?.createdAt ?? '')).toBe(60_000);
    }
  });

  it('finishes a receipt that was being sent when the power went, without registering it twice', async () => {
    await journal.record(testDraft('p-1', 'humo'));
    await journal.update('p-1', 'charge.paid', { payment: humoPaid });
    const attempt = await journal.get('p-1');
    if (!attempt) throw new Error('missing');
    const request = buildReceiptRequest(attempt, 'Kiosk 1', new Date());
    await journal.update('p-1', 'receipt.sending', { note: sentTimeNote(request.time) });
    // The gateway registered it before the crash; the kiosk never heard back.
    await gateway.orderCreate(request);
    const report = await recover({ journal, gateway, outbox });
    expect(report.driven.map((d) => d.id)).toEqual(['p-1']);
    await outbox.idle();
    expect(gateway.callsOf('orderLast')).toHaveLength(1);
    expect(gateway.callsOf('orderCreate')).toHaveLength(1);
    expect((await journal.get('p-1'))?.status).toBe('done');
  });

  it('registers a paid attempt that never got to its receipt', async () => {
    await journal.record(testDraft('w-1', 'click', '880101698207133392'));
    await journal.update('w-1', 'charge.paid', { payment: clickPaid });
    await recover({ journal, gateway, outbox });
    await outbox.idle();
    expect(gateway.callsOf('orderCreate')).toHaveLength(1);
    expect(gateway.callsOf('walletConfirm')).toHaveLength(1);
    expect((await journal.get('w-1'))?.status).toBe('done');
  });

  it('sends the confirm a receipted wallet attempt is still waiting for', async () => {
    await journal.record(testDraft('w-1', 'click', '880101698207133392'));
    await journal.update('w-1', 'charge.paid', { payment: clickPaid });
    await journal.update('w-1', 'receipt.registered', {
      receipt: { qrUrl: 'https://ofd.soliq.uz/check?t=T&r=5&c=D&s=S', receiptCount: '5', fiscalSign: 'S', terminalId: 'T', dateTime: 'D' },
    });
    await recover({ journal, gateway, outbox });
    await outbox.idle();
    expect(gateway.callsOf('orderCreate')).toHaveLength(0);
    expect(gateway.callsOf('walletConfirm')[0]?.args[2]).toBe('https://ofd.soliq.uz/check?t=T&r=5&c=D&s=S');
    expect((await journal.get('w-1'))?.status).toBe('done');
  });
});
