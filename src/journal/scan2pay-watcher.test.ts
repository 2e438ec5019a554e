import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result, Scan2payStatus } from '../gateway/types.ts';
import { FakeGateway, rejectedError, unknownError } from '../testing/fake-gateway.ts';
import { openJournal, type Journal } from './journal.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { createScan2payWatcher, decideUnsettled, settleByFor, settleWindowMs, type Scan2payWatcher } from './scan2pay-watcher.ts';
import { TestClock } from '../testing/clock.ts';
import { testDraft } from '../testing/journal.ts';

const orderId = '1716000000000123';
const paidAnswer: Result<Scan2payStatus> = { ok: true, value: { paid: true, scan2payId: 'b7e0-uuid', orderId, raw: '{}' } };
const unpaidAnswer: Result<Scan2payStatus> = { ok: true, value: { paid: false, raw: '{}' } };

let journal: Journal;
let gateway: FakeGateway;
let clock: TestClock;
let outbox: Outbox;
let watcher: Scan2payWatcher;

beforeEach(async () => {
  clock = new TestClock('2025-05-18T10:00:00Z');
  journal = await openJournal({ indexedDB: new IDBFactory(), now: clock.date });
  gateway = new FakeGateway();
  outbox = createOutbox({ journal, gateway, cashier: 'Kiosk 1', now: clock.date, timers: clock });
  watcher = createScan2payWatcher({ journal, gateway, outbox, now: clock.date, timers: clock });
});

afterEach(async () => {
  watcher.stop();
  outbox.stop();
  await watcher.idle();
  await outbox.idle();
  journal.close();
});

/** A Scan2pay attempt the customer left (Cancel), watched for `windowMs` from its creation. */
async function unsettled(id: string, windowMs = 900_000) {
  const attempt = await journal.record(testDraft(id, 'scan2pay', orderId));
  await journal.update(id, 'charge.unsettled', { settleBy: settleByFor(attempt.createdAt, windowMs) });
}

describe('decideUnsettled', () => {
  const attempt = { detail: orderId, settleBy: '2025-05-18T10:15:00.000Z' };
  const before = new Date('2025-05-18T10:14:59Z');
  const after = new Date('2025-05-18T10:15:00Z');

  it('takes paid as paid whenever it comes', () => {
    expect(decideUnsettled(attempt, paidAnswer, before)).toEqual({
      kind: 'paid',
      payment: { method: 'scan2pay', scan2payId: 'b7e0-uuid', orderId },
    });
    expect(decideUnsettled(attempt, paidAnswer, after).kind).toBe('paid');
  });

  it('finalises a plain "not paid" only at or after settleBy', () => {
    expect(decideUnsettled(attempt, unpaidAnswer, before)).toEqual({ kind: 'wait' });
    expect(decideUnsettled(attempt, unpaidAnswer, after)).toEqual({ kind: 'expired' });
    expect(decideUnsettled(attempt, { ok: false, error: rejectedError('105', 'not paid') }, after)).toEqual({ kind: 'expired' });
  });

  it('never finalises on a failed status call, however late', () => {
    const late = new Date('2025-05-19T10:00:00Z');
    expect(decideUnsettled(attempt, { ok: false, error: unknownError('timeout') }, late)).toEqual({ kind: 'wait' });
    expect(decideUnsettled(attempt, { ok: false, error: { kind: 'http', status: 500, raw: '' } }, late)).toEqual({ kind: 'wait' });
    expect(decideUnsettled({ detail: orderId, settleBy: null }, unpaidAnswer, late)).toEqual({ kind: 'wait' });
  });

  it('computes the window from the config: expiry plus margin', () => {
    expect(settleWindowMs({ expirySeconds: 300, settleMarginSeconds: 600 })).toBe(900_000);
    expect(settleByFor('2025-05-18T10:00:00.000Z', 900_000)).toBe('2025-05-18T10:15:00.000Z');
  });
});

describe('the Scan2pay watcher', () => {
  it('keeps asking with backoff, and a payment that lands late gets its receipt', async () => {
    await unsettled('s-1');
    watcher.start();
    await expect.poll(() => watcher.scheduled()).toEqual(['s-1']);
    expect(clock.timeouts()).toEqual([2_000]);

    // Unpaid, then a network failure: still watched, each wait longer.
    gateway.enqueue('scan2payStatus', unpaidAnswer, { ok: false, error: unknownError('network') }, paidAnswer);
    const delays: number[] = [];
    for (let i = 0; i < 2; i++) {
      clock.skip(clock.timeouts()[0] ?? 0);
      clock.fireTimeouts();
      await watcher.idle();
      delays.push(...clock.timeouts());
    }
    expect(delays).toEqual([4_000, 8_000]);
    expect((await journal.get('s-1'))?.status).toBe('unsettled');

    clock.skip(8_000);
    clock.fireTimeouts();
    await watcher.idle();
    await outbox.idle();
    const attempt = await journal.get('s-1');
    expect(attempt?.status).toBe('done');
    expect(attempt?.payment).toEqual({ method: 'scan2pay', scan2payId: 'b7e0-uuid', orderId });
    expect(gateway.registered).toHaveLength(1);
    expect(gateway.registered[0]?.payment).toEqual({ method: 'scan2pay', scan2payId: 'b7e0-uuid' });
    expect(gateway.callsOf('scan2payStatus').every((c) => c.args[0] === orderId)).toBe(true);
    expect(watcher.scheduled()).toEqual([]);
  });

  it('writes expired only after expiry + margin, with a check right at settleBy', async () => {
    await unsettled('s-1', 20_000);
    watcher.watch('s-1');
    await expect.poll(() => clock.timeouts()).toEqual([2_000]);
    for (const expected of [4_000, 8_000, 6_000]) {
      clock.skip(clock.timeouts()[0] ?? 0);
      clock.fireTimeouts();
      await watcher.idle();
      expect(clock.timeouts()).toEqual([expected]);
      expect((await journal.get('s-1'))?.status).toBe('unsettled');
    }
    // 2 + 4 + 8 + 6 = 20 s: the last wait was cut to land on settleBy.
    clock.skip(6_000);
    clock.fireTimeouts();
    await watcher.idle();
    expect((await journal.get('s-1'))?.status).toBe('expired');
    expect(clock.timeouts()).toEqual([]);
  });

  it('keeps watching past settleBy while the gateway cannot answer', async () => {
    await unsettled('s-1', 1_000);
    clock.skip(60_000);
    gateway.enqueue('scan2payStatus', { ok: false, error: unknownError('network') });
    await watcher.check('s-1');
    expect((await journal.get('s-1'))?.status).toBe('unsettled');
    await watcher.check('s-1');
    expect((await journal.get('s-1'))?.status).toBe('expired');
  });

  it('leaves alone what is not unsettled', async () => {
    await journal.record(testDraft('w-1', 'click', 'code'));
    watcher.watch('w-1');
    watcher.start();
    await watcher.idle();
    expect(await watcher.check('w-1')).toBeNull();
    expect(gateway.callsOf('scan2payStatus')).toHaveLength(0);
  });

  it('picks up unsettled attempts a previous run left (the journal is the list)', async () => {
    await unsettled('old-1');
    await unsettled('old-2');
    watcher.start();
    await expect.poll(() => watcher.scheduled().sort()).toEqual(['old-1', 'old-2']);
    watcher.stop();
    expect(clock.timeouts()).toEqual([]);
  });
});
