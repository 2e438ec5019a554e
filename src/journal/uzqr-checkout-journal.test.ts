/**
 * The UzQR checkout in the journal: how a left QR is written (final only with the gateway's proof, else watched),
 * the watcher's UzQR checks, recovery after a restart, the receipt's card type and the receipt link the outbox
 * sends after the receipt (retried, never again once acknowledged).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { receiptBody } from '../gateway/receipt-body.ts';
import type { GatewayError, Result } from '../gateway/types.ts';
import type { UzqrCalls, UzqrStatus } from '../gateway/uzqr-calls.ts';
import type { ChargeDraft, PaymentOutcome } from '../domain/attempt-types.ts';
import { FakeGateway, unknownError } from '../testing/fake-gateway.ts';
import { TestClock } from '../testing/clock.ts';
import { testDraft } from '../testing/journal.ts';
import { uzqrPaid } from '../testing/uzqr-fixtures.ts';
import { nextStatusAt } from './attempt-status.ts';
import { createJournalActors } from './checkout-actors.ts';
import { openJournal, type Journal } from './journal.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { recover } from './recovery.ts';
import { createScan2payWatcher, decideUnsettledUzqr, settleByFor, type Scan2payWatcher } from './scan2pay-watcher.ts';

const invoiceId = 'INVC134B7FEFED34BC3B470B8';

function status(value: UzqrStatus['status'], extra: Partial<UzqrStatus> = {}): Result<UzqrStatus> {
  return {
    ok: true,
    value: { invoiceId, status: value, payId: null, payerPhone: null, cardType: null, maskedCard: null, fiscalModule: '1', raw: '{}', ...extra },
  };
}
const paid = status('paid', { payId: 'PAY777', payerPhone: '+998901234567', cardType: '2', maskedCard: '8600********1234' });
const rejected = (code: string): GatewayError => ({ kind: 'rejected', code, message: '', fieldErrors: null, providerCode: null, raw: '' });

/** UzQR calls answering from queues (the last answer repeats), every call counted. */
class FakeUzqr implements Pick<UzqrCalls, 'status' | 'cancel' | 'sendReceipt'> {
  readonly calls: { name: string; args: unknown[] }[] = [];
  statuses: Result<UzqrStatus>[] = [status('in_progress')];
  cancels: Result<{ raw: string }>[] = [{ ok: true, value: { raw: '{}' } }];
  receipts: Result<{ raw: string }>[] = [{ ok: true, value: { raw: '{}' } }];

  private take<T>(queue: T[]): T {
    return (queue.length > 1 ? queue.shift() : queue[0]) as T;
  }
  status(id: string) {
    this.calls.push({ name: 'status', args: [id] });
    return Promise.resolve(this.take(this.statuses));
  }
  cancel(id: string) {
    this.calls.push({ name: 'cancel', args: [id] });
    return Promise.resolve(this.take(this.cancels));
  }
  sendReceipt(input: { payId: string; receiptUrl: string }) {
    this.calls.push({ name: 'sendReceipt', args: [input] });
    return Promise.resolve(this.take(this.receipts));
  }
  named(name: string) {
    return this.calls.filter((c) => c.name === name);
  }
}

let clock = 0;
const now = () => new Date(clock);
let journal: Journal;
let gateway: FakeGateway;
let uzqr: FakeUzqr;
let timers: TestClock;
let outbox: Outbox;
let watcher: Scan2payWatcher;

beforeEach(async () => {
  clock = Date.parse('2025-05-18T10:00:00Z');
  journal = await openJournal({ indexedDB: new IDBFactory(), now });
  gateway = new FakeGateway();
  uzqr = new FakeUzqr();
  timers = new TestClock();
  outbox = createOutbox({ journal, gateway, uzqr, cashier: 'Kiosk 1', now, timers });
  watcher = createScan2payWatcher({ journal, gateway, outbox, uzqr, now, timers });
});

afterEach(async () => {
  watcher.stop();
  outbox.stop();
  await watcher.idle();
  await outbox.idle();
  journal.close();
});

const draft: ChargeDraft = { attemptId: 'u-1', method: 'uzqr', total: testDraft('u-1', 'uzqr').total, lines: testDraft('u-1', 'uzqr').lines, orderNumber: '12' };

async function recordOutcome(outcome: PaymentOutcome): Promise<void> {
  const actors = createJournalActors({ journal, outbox, uzqrSettleMs: 900_000, onUnsettled: (id) => watcher.watch(id) });
  await toPromise(createActor(actors.recordOutcome, { input: { draft, outcome } }).start());
}

describe('a left UzQR QR in the journal', () => {
  it('is closed when the cancel was acknowledged and the final check said not paid', async () => {
    await journal.record(testDraft('u-1', 'uzqr', invoiceId));
    await recordOutcome({ outcome: 'cancelled' });
    expect((await journal.get('u-1'))?.status).toBe('cancelled');
  });

  it('stays watched (unsettled, settleBy = creation + window) when the cancel or final check could not confirm it', async () => {
    await journal.record(testDraft('u-1', 'uzqr', invoiceId));
    await recordOutcome({ outcome: 'expired', finalCheckFailed: true });
    const attempt = await journal.get('u-1');
    expect(attempt?.status).toBe('unsettled');
    expect(attempt?.settleBy).toBe('2025-05-18T10:15:00.000Z');
    await expect.poll(() => watcher.scheduled()).toEqual(['u-1']);
  });

  it('the journal lets a UzQR attempt be unsettled and closes it on proof, but staff wait for settleBy', () => {
    const subject = { method: 'uzqr', status: 'unsettled' as const, settleBy: '2025-05-18T10:15:00.000Z' };
    const before = new Date('2025-05-18T10:05:00Z');
    expect(nextStatusAt({ method: 'uzqr', status: 'recorded' }, 'charge.unsettled', before)).toBe('unsettled');
    expect(nextStatusAt(subject, 'charge.expired', before)).toBe('expired');
    expect(() => nextStatusAt(subject, 'staff.resolved', before)).toThrow(/may be paid until/);
    expect(nextStatusAt(subject, 'staff.resolved', new Date('2025-05-18T10:15:00Z'))).toBe('resolved');
    expect(() => nextStatusAt({ method: 'humo', status: 'recorded' }, 'charge.unsettled', before)).toThrow(/Scan2pay or UzQR/);
  });
});

describe('decideUnsettledUzqr', () => {
  const attempt = { detail: invoiceId, settleBy: '2025-05-18T10:15:00.000Z' };
  const before = new Date('2025-05-18T10:14:59Z');
  const after = new Date('2025-05-18T10:15:00Z');

  it('paid is paid whenever it comes, with everything the receipt and refunds need', () => {
    expect(decideUnsettledUzqr(attempt, paid, false, before)).toEqual({
      kind: 'paid',
      payment: { method: 'uzqr', invoiceId, payId: 'PAY777', payerPhone: '+998901234567', cardType: '2', maskedCard: '8600********1234' },
    });
  });

  it('declined or not found closes it at once: that invoice cannot be paid', () => {
    expect(decideUnsettledUzqr(attempt, status('declined'), false, before)).toEqual({ kind: 'expired' });
    expect(decideUnsettledUzqr(attempt, { ok: false, error: rejected('3001') }, false, before)).toEqual({ kind: 'expired' });
  });

  it('"in progress" closes it only past settleBy and after an acknowledged cancel; a lost answer never', () => {
    expect(decideUnsettledUzqr(attempt, status('in_progress'), true, before)).toEqual({ kind: 'wait' });
    expect(decideUnsettledUzqr(attempt, status('in_progress'), false, after)).toEqual({ kind: 'wait' });
    expect(decideUnsettledUzqr(attempt, status('in_progress'), true, after)).toEqual({ kind: 'expired' });
    expect(decideUnsettledUzqr(attempt, { ok: false, error: unknownError('timeout') }, true, after)).toEqual({ kind: 'wait' });
    expect(decideUnsettledUzqr(attempt, { ok: false, error: rejected('9001') }, true, after)).toEqual({ kind: 'wait' });
  });
});

describe('the watcher with UzQR attempts', () => {
  async function unsettled(windowMs = 900_000) {
    const attempt = await journal.record(testDraft('u-1', 'uzqr', invoiceId));
    await journal.update('u-1', 'charge.unsettled', { settleBy: settleByFor(attempt.createdAt, windowMs) });
  }

  it('asks the status (never cancels before settleBy); a late payment gets its receipt and then its receipt link', async () => {
    await unsettled();
    uzqr.statuses = [status('in_progress'), paid];
    await watcher.check('u-1');
    expect((await journal.get('u-1'))?.status).toBe('unsettled');
    await watcher.check('u-1');
    await outbox.idle();
    const attempt = await journal.get('u-1');
    expect(attempt?.status).toBe('done');
    expect(uzqr.named('cancel')).toEqual([]);
    expect(uzqr.named('status').map((c) => c.args[0])).toEqual([invoiceId, invoiceId]);
    expect(gateway.registered).toHaveLength(1);
    expect(uzqr.named('sendReceipt').map((c) => c.args[0])).toEqual([{ payId: 'PAY777', receiptUrl: attempt?.receipt?.qrUrl }]);
  });

  it('from settleBy on it cancels again and closes the invoice once the cancel is acknowledged', async () => {
    await unsettled(60_000);
    clock += 60_000;
    uzqr.cancels = [{ ok: false, error: rejected('9001') }, { ok: true, value: { raw: '{}' } }];
    uzqr.statuses = [status('in_progress')];
    await watcher.check('u-1');
    expect((await journal.get('u-1'))?.status).toBe('unsettled');
    await watcher.check('u-1');
    expect((await journal.get('u-1'))?.status).toBe('expired');
    expect(uzqr.named('cancel')).toHaveLength(2);
  });
});

describe('recovery of a UzQR attempt', () => {
  it('leaves it watched without waiting on the long poll at start', async () => {
    await journal.record(testDraft('u-1', 'uzqr', invoiceId));
    const report = await recover({ journal, gateway, outbox, uzqrSettleWindowMs: 900_000 });
    expect(report.unsettled).toEqual(['u-1']);
    expect((await journal.get('u-1'))?.settleBy).toBe('2025-05-18T10:15:00.000Z');
    expect(uzqr.calls).toEqual([]);
  });
});

describe('the UzQR receipt and its link', () => {
  async function paidAttempt(payment = uzqrPaid) {
    await journal.record(testDraft('u-1', 'uzqr', invoiceId));
    await journal.update('u-1', 'charge.paid', { payment });
  }

  it('is received by card with UzQR card type; a social card carries its masked number', () => {
    const base = { uuid: 'u', time: 't', cashier: 'k', total: testDraft('u', 'uzqr').total, lines: testDraft('u', 'uzqr').lines };
    const personal = receiptBody({ ...base, payment: { method: 'uzqr', payId: 'P', cardType: '2', maskedCard: '8600********1234' } });
    expect(personal).toMatchObject({ received_card: base.total, received_cash: 0, card_type: 2 });
    expect(personal['extra_info']).toBeUndefined();
    const corporate = receiptBody({ ...base, payment: { method: 'uzqr', payId: 'P', cardType: '1', maskedCard: null } });
    expect(corporate['card_type']).toBe(1);
    const social = receiptBody({ ...base, payment: { method: 'uzqr', payId: 'P', cardType: '3', maskedCard: '9860********5678' } });
    expect(social).toMatchObject({ card_type: 3, extra_info: { card_number: '9860********5678' } });
    const unknown = receiptBody({ ...base, payment: { method: 'uzqr', payId: 'P', cardType: null, maskedCard: null } });
    expect(unknown['card_type']).toBe(2);
  });

  it('the outbox sends the link after the receipt, retries a failed one, and never sends it again once acknowledged', async () => {
    await paidAttempt();
    uzqr.receipts = [{ ok: false, error: unknownError('network') }, { ok: true, value: { raw: '{}' } }];
    const first = await outbox.drive('u-1');
    await outbox.idle();
    expect(first.ok).toBe(true);
    expect((await journal.get('u-1'))?.status).toBe('receipted');
    expect(outbox.scheduled()).toEqual(['u-1']);

    timers.fireTimeouts();
    await outbox.idle();
    expect((await journal.get('u-1'))?.status).toBe('done');
    const url = (await journal.get('u-1'))?.receipt?.qrUrl;
    expect(uzqr.named('sendReceipt').map((c) => c.args[0])).toEqual([
      { payId: 'PAY12345678901234567', receiptUrl: url },
      { payId: 'PAY12345678901234567', receiptUrl: url },
    ]);

    await outbox.drive('u-1');
    await outbox.idle();
    expect(uzqr.named('sendReceipt')).toHaveLength(2);
    expect(gateway.registered).toHaveLength(1);
  });
});
