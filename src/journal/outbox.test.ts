import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt, ReceiptRequest, Result } from '../gateway/types.ts';
import { FakeGateway, rejectedError, unknownError } from '../testing/fake-gateway.ts';
import { openJournal, type Journal } from './journal.ts';
import { createOutbox, localTimestamp, type Outbox } from './outbox.ts';
import { clickPaid, humoPaid, teaLine, testDraft } from '../testing/journal.ts';
import { TestClock } from '../testing/clock.ts';

let journal: Journal;
let gateway: FakeGateway;
let clock: TestClock;
let outbox: Outbox;

beforeEach(async () => {
  journal = await openJournal({ indexedDB: new IDBFactory() });
  gateway = new FakeGateway();
  clock = new TestClock(new Date(2025, 4, 18, 22, 14, 3));
  // settleMs 0: these tests are not about a request still on its way (receipt-recovery.test.ts is).
  outbox = createOutbox({ journal, gateway, cashier: 'Kiosk 1', now: clock.date, timers: clock, settleMs: 0 });
});

afterEach(async () => {
  outbox.stop();
  await outbox.idle();
  expect(clock.pending.size).toBe(0);
  journal.close();
});

async function paidAttempt(id: string, paid = clickPaid) {
  await journal.record(testDraft(id, paid.method === 'wallet' ? 'click' : 'humo'));
  await journal.update(id, 'charge.paid', { payment: paid });
}

describe('outbox', () => {
  it('formats local time as the gateway wants it', () => {
    expect(localTimestamp(new Date(2025, 0, 2, 3, 4, 5))).toBe('2025-01-02 03:04:05');
  });

  it('registers a wallet receipt with the attempt id as uuid, then confirms it with the receipt URL', async () => {
    await paidAttempt('w-1');
    const result = await outbox.drive('w-1');
    expect(result.ok).toBe(true);
    await outbox.idle();
    const [request] = gateway.callsOf('orderCreate').map((c) => c.args[0] as ReceiptRequest);
    expect(request).toEqual({
      uuid: 'w-1',
      time: '2025-05-18 22:14:03',
      cashier: 'Kiosk 1',
      total: 1_000_000,
      lines: [teaLine],
      payment: { method: 'click', phone: '998901234567', paymentId: '000123' },
      number: '12',
    });
    const confirm = gateway.callsOf('walletConfirm');
    expect(confirm).toHaveLength(1);
    expect(confirm[0]?.args).toEqual(['click', { paymentId: '000123', transactionId: 'T-9' }, result.ok ? result.receipt.qrUrl : '']);
    const attempt = await journal.get('w-1');
    expect(attempt?.status).toBe('done');
    expect(attempt?.confirm).toBe('done');
    expect(attempt?.receipt?.receiptCount).toBe('1');
  });

  it('takes a pinpad attempt to done after the receipt, with the RRN and no confirm', async () => {
    await paidAttempt('p-1', humoPaid);
    expect((await outbox.drive('p-1')).ok).toBe(true);
    await outbox.idle();
    expect((gateway.callsOf('orderCreate')[0]?.args[0] as ReceiptRequest).payment).toEqual({ method: 'humo', rrn: '010965270742' });
    expect(gateway.callsOf('walletConfirm')).toHaveLength(0);
    expect((await journal.get('p-1'))?.status).toBe('done');
  });

  it('sends one receipt call per attempt when drive() and the background loop race', async () => {
    await paidAttempt('w-1');
    let answer: (r: Result<Receipt>) => void = () => undefined;
    gateway.enqueue(
      'orderCreate',
      (request) =>
        new Promise<Result<Receipt>>((resolve) => {
          answer = (r) => resolve(r);
          void request;
        }),
    );
    const first = outbox.drive('w-1');
    outbox.start();
    const second = outbox.drive('w-1');
    expect(second).toBe(first);
    // Let the loop's sweep and both drives reach the gateway if they were going to.
    // Each journal read yields to the IndexedDB task queue, letting any competing flight get as far as it can.
    for (let i = 0; i < 30; i++) await journal.list();
    expect(gateway.callsOf('orderCreate')).toHaveLength(1);
    answer(await gateway.orderCreate(await requestOf('w-1')));
    await first;
    await outbox.idle();
    // The call the test made itself to produce the answer is the second in the log.
    expect(gateway.callsOf('orderCreate')).toHaveLength(2);
    expect(gateway.registered).toHaveLength(1);
    expect((await journal.get('w-1'))?.status).toBe('done');
  });

  it('backs off 1, 2, 4 … 60 s between failed tries and goes on until it succeeds', async () => {
    await paidAttempt('p-1', humoPaid);
    const failures = Array.from({ length: 8 }, () => ({ ok: false as const, error: rejectedError('101', 'Printer not working') }));
    gateway.enqueue('orderCreate', ...failures);
    const first = await outbox.drive('p-1');
    expect(first).toEqual({ ok: false, error: rejectedError('101', 'Printer not working') });
    const delays: number[] = [];
    for (;;) {
      await outbox.idle();
      const waiting = clock.timeouts();
      if (waiting.length === 0) break;
      expect(waiting).toHaveLength(1);
      delays.push(waiting[0] ?? -1);
      clock.fireTimeouts();
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(gateway.callsOf('orderCreate')).toHaveLength(9);
    // A definite "no" from the gateway needs no /order/last check.
    expect(gateway.callsOf('orderLast')).toHaveLength(0);
    expect((await journal.get('p-1'))?.status).toBe('done');
  });

  it('after an unknown receipt answer, asks /order/last and takes the receipt it finds instead of registering again', async () => {
    await paidAttempt('w-1');
    gateway.enqueue('orderCreate', gateway.registerThen({ ok: false, error: unknownError('timeout') }));
    const first = await outbox.drive('w-1');
    expect(first.ok).toBe(false);
    await outbox.idle();
    expect((await journal.get('w-1'))?.receiptError?.kind).toBe('unknown');
    expect(clock.timeouts()).toEqual([1_000]);
    clock.fireTimeouts();
    await outbox.idle();
    expect(gateway.callsOf('orderLast')).toHaveLength(1);
    expect(gateway.callsOf('orderCreate')).toHaveLength(1);
    expect(gateway.registered).toHaveLength(1);
    const attempt = await journal.get('w-1');
    expect(attempt?.status).toBe('done');
    expect(attempt?.receipt).toMatchObject({ terminalId: 'UZ170703100189', receiptCount: '1' });
  });

  it('registers again after an unknown answer when /order/last shows another receipt', async () => {
    await paidAttempt('w-1');
    gateway.enqueue('orderCreate', { ok: false, error: unknownError('network') });
    expect((await outbox.drive('w-1')).ok).toBe(false);
    await outbox.idle();
    clock.fireTimeouts();
    await outbox.idle();
    expect(gateway.callsOf('orderLast')).toHaveLength(1);
    expect(gateway.callsOf('orderCreate')).toHaveLength(2);
    expect((await journal.get('w-1'))?.status).toBe('done');
  });

  it('does not register while /order/last cannot answer after an unknown answer', async () => {
    await paidAttempt('w-1');
    gateway.enqueue('orderCreate', { ok: false, error: unknownError('timeout') });
    gateway.enqueue('orderLast', { ok: false, error: rejectedError('103') }, { ok: false, error: unknownError('network') });
    await outbox.drive('w-1');
    for (let i = 0; i < 2; i++) {
      await outbox.idle();
      clock.fireTimeouts();
    }
    await outbox.idle();
    expect(gateway.callsOf('orderCreate')).toHaveLength(1);
    expect(gateway.callsOf('orderLast')).toHaveLength(2);
    clock.fireTimeouts();
    await outbox.idle();
    expect(gateway.callsOf('orderCreate')).toHaveLength(2);
    expect((await journal.get('w-1'))?.status).toBe('done');
  });

  it('retries a failed confirm without a second receipt', async () => {
    await paidAttempt('w-1');
    gateway.enqueue('walletConfirm', { ok: false, error: unknownError('timeout') });
    expect((await outbox.drive('w-1')).ok).toBe(true);
    await outbox.idle();
    expect((await journal.get('w-1'))?.status).toBe('receipted');
    clock.fireTimeouts();
    await outbox.idle();
    expect(gateway.callsOf('walletConfirm')).toHaveLength(2);
    expect(gateway.callsOf('orderCreate')).toHaveLength(1);
    expect((await journal.get('w-1'))?.status).toBe('done');
  });

  it('leaves nothing running after stop(), even with retries and the loop pending', async () => {
    await paidAttempt('w-1');
    gateway.enqueue('orderCreate', { ok: false, error: rejectedError('102') });
    outbox.start();
    await outbox.idle();
    expect(outbox.scheduled()).toEqual(['w-1']);
    expect(clock.pending.size).toBe(2);
    outbox.stop();
    expect(clock.pending.size).toBe(0);
    expect(outbox.scheduled()).toEqual([]);
  });

  it('refuses to drive an attempt that is not paid', async () => {
    await journal.record(testDraft('u-1', 'click'));
    await journal.update('u-1', 'charge.unknown');
    const result = await outbox.drive('u-1');
    expect(result.ok).toBe(false);
    expect(gateway.callsOf('orderCreate')).toHaveLength(0);
  });
});

async function requestOf(id: string): Promise<ReceiptRequest> {
  const call = gateway.callsOf('orderCreate').find((c) => (c.args[0] as ReceiptRequest).uuid === id);
  if (!call) throw new Error('no call');
  return call.args[0] as ReceiptRequest;
}

describe('outbox: a receipt refused because the fiscal shift is not open', () => {
  function withShiftOpener(openShift: () => Promise<boolean>): void {
    outbox.stop();
    outbox = createOutbox({ journal, gateway, cashier: 'Kiosk 1', now: clock.date, timers: clock, openShift });
  }

  for (const code of ['36909', '9326']) {
    it(`opens the shift and registers the receipt once more (${code}), with no staff`, async () => {
      const opens: string[] = [];
      withShiftOpener(async () => {
        opens.push('open');
        return true;
      });
      gateway.enqueue('orderCreate', { ok: false, error: rejectedError(code, 'ERROR_ZREPORT_IS_NOT_OPEN') });
      await paidAttempt('w-1');
      const result = await outbox.drive('w-1');
      expect(result.ok).toBe(true);
      await outbox.idle();
      expect(opens).toEqual(['open']);
      expect(gateway.callsOf('orderCreate')).toHaveLength(2);
      expect(gateway.registered).toHaveLength(1);
      expect(gateway.callsOf('walletConfirm')).toHaveLength(1);
      const attempt = await journal.get('w-1');
      expect(attempt?.status).toBe('done');
      expect(attempt?.history.some((h) => h.note === 'shift not open' && h.errorCode === code)).toBe(true);
    });
  }

  it('leaves the receipt to the retry loop when the shift cannot be opened', async () => {
    withShiftOpener(async () => false);
    gateway.enqueue('orderCreate', { ok: false, error: rejectedError('36909') });
    await paidAttempt('w-1');
    expect((await outbox.drive('w-1')).ok).toBe(false);
    await outbox.idle();
    expect(gateway.callsOf('orderCreate')).toHaveLength(1);
    expect((await journal.get('w-1'))?.status).toBe('paid');
    expect(outbox.scheduled()).toEqual(['w-1']);
  });

  it('does not reopen for other refusals (printer 101 keeps the usual retry)', async () => {
    const opens: string[] = [];
    withShiftOpener(async () => {
      opens.push('open');
      return true;
    });
    gateway.enqueue('orderCreate', { ok: false, error: rejectedError('101', 'Printer not working') });
    await paidAttempt('w-1');
    expect((await outbox.drive('w-1')).ok).toBe(false);
    await outbox.idle();
    expect(opens).toEqual([]);
    expect(gateway.callsOf('orderCreate')).toHaveLength(1);
  });
});
