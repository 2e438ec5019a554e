import { beforeEach, describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { GatewayError, Result, Scan2payCreated, Scan2payStatus } from '../gateway/types.ts';
import { tiyin } from '../money/money.ts';
import type { ChargeDraft, RecordChargeInput } from './payment-outcome.ts';
import { createScan2payPaymentMachine } from './scan2pay.machine.ts';
import type { Scan2payCreateInput, Scan2payInput, Scan2payStatusInput } from './scan2pay.machine.ts';
import { TestClock } from '../testing/clock.ts';

const scan2payPaymentMachine = createScan2payPaymentMachine();

const pending: Result<Scan2payStatus> = { ok: true, value: { paid: false, raw: '' } };
const paid: Result<Scan2payStatus> = {
  ok: true,
  value: { paid: true, scan2payId: '0b3f6c1e-uuid', orderId: '77777', raw: '' },
};
const lostConnection: Result<Scan2payStatus> = {
  ok: false,
  error: { kind: 'unknown', reason: 'network', status: null, raw: '' },
};
const created: Result<Scan2payCreated> = { ok: true, value: { paymentUrl: 'http://scan2pay.uz/0b3f6c1e-uuid', raw: '' } };

const draft: ChargeDraft<'scan2pay'> = { attemptId: 'att-9', method: 'scan2pay', total: tiyin(3_000_000), lines: [], orderNumber: '9' };

function rejected(code: string): GatewayError {
  return { kind: 'rejected', code, message: '', fieldErrors: null, providerCode: null, raw: '' };
}

/**
 * A Scan2pay machine whose status answers come from `status(callNumber)`; every status call is counted with
 * the fake clock's time, so cadence can be read back.
 */
function harness(options: {
  status?: (call: number) => Promise<Result<Scan2payStatus>>;
  create?: () => Promise<Result<Scan2payCreated>>;
  record?: () => Promise<void>;
  input?: Partial<Scan2payInput>;
} = {}) {
  const calls = {
    record: [] as RecordChargeInput[],
    create: [] as Scan2payCreateInput[],
    status: [] as { at: number; input: Scan2payStatusInput; signal: AbortSignal }[],
  };
  const machine = scan2payPaymentMachine.provide({
    actors: {
      recordCharge: fromPromise<void, RecordChargeInput>(async ({ input }) => {
        calls.record.push(input);
        if (options.record) await options.record();
      }),
      createQr: fromPromise<Result<Scan2payCreated>, Scan2payCreateInput>(({ input }) => {
        calls.create.push(input);
        return options.create ? options.create() : Promise.resolve(created);
      }),
      checkStatus: fromPromise<Result<Scan2payStatus>, Scan2payStatusInput>(({ input, signal }) => {
        calls.status.push({ at: clock.now(), input, signal });
        return options.status ? options.status(calls.status.length) : Promise.resolve(pending);
      }),
    },
  });
  const actor = createActor(machine, {
    input: { draft, orderId: '77777', print: false, now: clock.now, ...options.input },
    clock,
  });
  actor.start();
  return { actor, calls, times: () => calls.status.map((c) => c.at) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

// Time: the actor runs on a TestClock (XState's `clock` option), moved by hand (src/testing/clock.ts).
let clock: TestClock;
beforeEach(() => {
  clock = new TestClock(0);
});

describe('scan2payPaymentMachine: creating', () => {
  it('journals the order id, then creates the QR and shows its URL with an expiry time', async () => {
    const { actor, calls } = harness({ input: { print: true, now: () => 1_700_000_000_000 } });
    await clock.advanceAsync(0);
    expect(calls.record).toEqual([{ draft: { attemptId: 'att-9', method: 'scan2pay', total: 3_000_000, lines: [], orderNumber: '9' }, detail: '77777' }]);
    expect(calls.create).toEqual([{ attemptId: 'att-9', orderId: '77777', amount: 3_000_000, print: true }]);
    expect(actor.getSnapshot().matches('showingQr')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({
      paymentUrl: 'http://scan2pay.uz/0b3f6c1e-uuid',
      expiresAt: 1_700_000_000_000 + 300_000,
      reconnecting: false,
    });
  });

  it('creates nothing when the journal write fails', async () => {
    const { actor, calls } = harness({ record: () => Promise.reject(new Error('no journal')) });
    await clock.runAllAsync();
    expect(calls.create).toHaveLength(0);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'declined', messageKey: 'payment.cannotRecord', callStaff: true });
  });

  it.each<Result<Scan2payCreated>>([
    { ok: false, error: { kind: 'unknown', reason: 'timeout', status: null, raw: '' } },
    { ok: false, error: { kind: 'http', status: 500, raw: '' } },
    { ok: false, error: rejected('106') },
    { ok: true, value: { paymentUrl: 'javascript:alert(1)', raw: '' } },
  ])('declines with scan2pay.createFailed when creating fails (%o), and never polls', async (answer) => {
    const { actor, calls } = harness({ create: () => Promise.resolve(answer) });
    await clock.advanceAsync(60_000);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'declined', messageKey: 'scan2pay.createFailed' });
    expect(calls.status).toHaveLength(0);
  });

  it('sends staff an unclear create when the gateway was asked to print the QR (a printed QR can be paid)', async () => {
    const { actor, calls } = harness({
      input: { print: true },
      create: () => Promise.resolve({ ok: false, error: { kind: 'unknown', reason: 'timeout', status: null, raw: '' } }),
    });
    await clock.advanceAsync(60_000);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'unknown', messageKey: 'payment.unknown' });
    expect(calls.status).toHaveLength(0);
  });

  it('still declines a definite create refusal when printing', async () => {
    const { actor } = harness({ input: { print: true }, create: () => Promise.resolve({ ok: false, error: rejected('106') }) });
    await clock.advanceAsync(60_000);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'declined', messageKey: 'scan2pay.createFailed' });
  });

  it('lets the customer cancel while the QR is being created', async () => {
    const create = deferred<Result<Scan2payCreated>>();
    const { actor, calls } = harness({ create: () => create.promise });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().value).toBe('creating');
    actor.send({ type: 'user.cancel' });
    create.resolve(created);
    await clock.advanceAsync(60_000);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
    expect(calls.status).toHaveLength(0);
  });
});

describe('scan2payPaymentMachine: polling', () => {
  it('polls every pollMs while unpaid, then ends paid with the Scan2pay id and order id', async () => {
    const { actor, times } = harness({ status: (n) => Promise.resolve(n === 4 ? paid : pending) });
    await clock.advanceAsync(7_999);
    expect(times()).toEqual([2_000, 4_000, 6_000]);
    await clock.advanceAsync(1);
    expect(actor.getSnapshot().output).toEqual({
      outcome: 'paid',
      paid: { method: 'scan2pay', scan2payId: '0b3f6c1e-uuid', orderId: '77777' },
    });
  });

  it('honours a custom pollMs', async () => {
    const { times } = harness({ input: { pollMs: 500 } });
    await clock.advanceAsync(2_000);
    expect(times()).toEqual([500, 1_000, 1_500, 2_000]);
  });

  it('treats rejected 105 and 403 as pending: no reconnecting, normal cadence', async () => {
    const { actor, times } = harness({
      status: (n) => Promise.resolve({ ok: false, error: rejected(n % 2 === 0 ? '105' : '403') }),
    });
    await clock.advanceAsync(8_000);
    expect(times()).toEqual([2_000, 4_000, 6_000, 8_000]);
    expect(actor.getSnapshot().context.reconnecting).toBe(false);
  });

  it('backs off 2, 4, 8, 16, 16 s on transport errors, stays on the QR and clears reconnecting on a good answer', async () => {
    let failing = true;
    const { actor, times } = harness({ status: () => Promise.resolve(failing ? lostConnection : pending) });
    await clock.advanceAsync(2_000);
    expect(actor.getSnapshot().context.reconnecting).toBe(true);
    await clock.advanceAsync(46_000);
    expect(times()).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 48_000]);
    expect(actor.getSnapshot().matches('showingQr')).toBe(true);
    expect(actor.getSnapshot().context.reconnecting).toBe(true);
    failing = false;
    await clock.advanceAsync(16_000);
    expect(actor.getSnapshot().context.reconnecting).toBe(false);
    await clock.advanceAsync(2_000);
    expect(times().slice(6)).toEqual([64_000, 66_000]);
  });

  it('backs off on http, invalid, a crashed promise and a rejection that is not pending', async () => {
    const answers: (() => Promise<Result<Scan2payStatus>>)[] = [
      () => Promise.resolve({ ok: false, error: { kind: 'http', status: 502, raw: '' } }),
      () => Promise.resolve({ ok: false, error: { kind: 'invalid', problem: 'no data', raw: '{}' } }),
      () => Promise.reject(new Error('boom')),
      () => Promise.resolve({ ok: false, error: rejected('104') }),
    ];
    const { actor, times } = harness({ status: (n) => answers[n - 1]?.() ?? Promise.resolve(pending) });
    await clock.advanceAsync(32_000);
    expect(times().slice(0, 5)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(actor.getSnapshot().matches('showingQr')).toBe(true);
  });

  it('stops waiting for a status call that never settles and backs off', async () => {
    const { actor, calls } = harness({
      status: (n) => (n === 1 ? new Promise(() => undefined) : Promise.resolve(pending)),
      input: { statusTimeoutMs: 10_000 },
    });
    await clock.advanceAsync(2_000 + 15_000);
    expect(actor.getSnapshot().context.reconnecting).toBe(true);
    expect(calls.status[0]?.signal.aborted).toBe(true);
    await clock.advanceAsync(2_000);
    expect(calls.status).toHaveLength(2);
    expect(actor.getSnapshot().context.reconnecting).toBe(false);
  });
});

describe('scan2payPaymentMachine: leaving the QR', () => {
  it('catches a payment that landed just before expiry with the final check', async () => {
    const { actor, times } = harness({
      input: { expiryMs: 9_000 },
      status: () => Promise.resolve(clock.now() >= 8_500 ? paid : pending),
    });
    await clock.advanceAsync(9_000);
    expect(times()).toEqual([2_000, 4_000, 6_000, 8_000, 9_000]);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'paid', paid: { scan2payId: '0b3f6c1e-uuid' } });
  });

  it('ends expired when the final check finds it unpaid', async () => {
    const { actor } = harness({ input: { expiryMs: 9_000 } });
    await clock.advanceAsync(9_000);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'expired' });
  });

  it('measures expiry from showing the QR, not from the start of the attempt', async () => {
    const create = deferred<Result<Scan2payCreated>>();
    const { actor } = harness({ input: { expiryMs: 9_000 }, create: () => create.promise });
    await clock.advanceAsync(5_000);
    create.resolve(created);
    await clock.advanceAsync(8_999);
    expect(actor.getSnapshot().matches('showingQr')).toBe(true);
    await clock.advanceAsync(1);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'expired' });
  });

  it('counts a payment that races the cancel as paid, and aborts the poll in flight', async () => {
    const inFlight = deferred<Result<Scan2payStatus>>();
    const { actor, calls } = harness({ status: (n) => (n === 1 ? inFlight.promise : Promise.resolve(paid)) });
    await clock.advanceAsync(2_000);
    expect(calls.status).toHaveLength(1);
    actor.send({ type: 'user.cancel' });
    expect(calls.status[0]?.signal.aborted).toBe(true);
    await clock.advanceAsync(0);
    expect(calls.status).toHaveLength(2);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'paid' });
    inFlight.resolve(pending);
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'paid' });
  });

  it('ends cancelled when the final check finds it unpaid', async () => {
    const { actor, calls } = harness();
    await clock.advanceAsync(3_000);
    actor.send({ type: 'user.cancel' });
    await clock.advanceAsync(0);
    expect(calls.status).toHaveLength(2);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
  });

  it.each<[string, () => Promise<Result<Scan2payStatus>>]>([
    ['a lost connection', () => Promise.resolve(lostConnection)],
    ['a crashed promise', () => Promise.reject(new Error('boom'))],
    ['no answer at all', () => new Promise(() => undefined)],
  ])('marks a cancel whose final check got %s as cancelled but unchecked', async (_name, answer) => {
    const { actor } = harness({ status: (n) => (n === 1 ? Promise.resolve(pending) : answer()) });
    await clock.advanceAsync(3_000);
    actor.send({ type: 'user.cancel' });
    await clock.advanceAsync(60_000);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled', finalCheckFailed: true });
  });

  it('ignores a second cancel during the final check', async () => {
    const final = deferred<Result<Scan2payStatus>>();
    const { actor, calls } = harness({ status: (n) => (n === 1 ? Promise.resolve(pending) : final.promise) });
    await clock.advanceAsync(3_000);
    actor.send({ type: 'user.cancel' });
    actor.send({ type: 'user.cancel' });
    expect(calls.status).toHaveLength(2);
    final.resolve(paid);
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'paid' });
  });

  it.each([
    ['paid', (n: number) => Promise.resolve(n === 2 ? paid : pending)],
    ['cancelled', () => Promise.resolve(pending)],
    ['expired', () => Promise.resolve(pending)],
  ] as const)('sends no status request after ending %s', async (outcome, status) => {
    const { actor, calls } = harness({ status, input: { expiryMs: 30_000 } });
    if (outcome === 'cancelled') {
      await clock.advanceAsync(1_000);
      actor.send({ type: 'user.cancel' });
    }
    await clock.advanceAsync(30_000);
    expect(actor.getSnapshot().output).toMatchObject({ outcome });
    const count = calls.status.length;
    await clock.advanceAsync(24 * 60 * 60 * 1_000);
    expect(calls.status).toHaveLength(count);
    expect(clock.pending.size).toBe(0);
  });
});
