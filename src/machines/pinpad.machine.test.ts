import { beforeEach, describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { GatewayError, PinpadResult, Result } from '../gateway/types.ts';
import { tiyin } from '../money/money.ts';
import type { ChargeDraft, RecordChargeInput } from './payment-outcome.ts';
import { createPinpadPaymentMachine } from './pinpad.machine.ts';
import type { PinpadChargeInput } from './pinpad.machine.ts';
import { TestClock } from '../testing/clock.ts';

const pinpadPaymentMachine = createPinpadPaymentMachine();

const slip: PinpadResult = { provider: 'humo', slip: 'ОДОБРЕНО\nКод ответа: 000', rrn: '010965270742', raw: '{}' };
const draft: ChargeDraft<'humo'> = { attemptId: 'att-7', method: 'humo', total: tiyin(4_500_000), lines: [], orderNumber: '7' };
const input = { draft, timeoutMs: 180_000 };

function declined(providerCode: string): GatewayError {
  return { kind: 'rejected', code: '108', message: 'XUMO error', fieldErrors: null, providerCode, raw: '' };
}

function harness(options: {
  chargeResult?: Promise<Result<PinpadResult>>;
  record?: () => Promise<void>;
} = {}) {
  const calls = { record: [] as RecordChargeInput[], charge: [] as PinpadChargeInput[], signals: [] as AbortSignal[] };
  const machine = pinpadPaymentMachine.provide({
    actors: {
      recordCharge: fromPromise<void, RecordChargeInput>(async ({ input: recordInput }) => {
        calls.record.push(recordInput);
        if (options.record) await options.record();
      }),
      charge: fromPromise<Result<PinpadResult>, PinpadChargeInput>(({ input: chargeInput, signal }) => {
        calls.charge.push(chargeInput);
        calls.signals.push(signal);
        return options.chargeResult ?? Promise.resolve({ ok: true, value: slip });
      }),
    },
  });
  const actor = createActor(machine, { input, clock });
  actor.start();
  return { actor, calls };
}

// Time: the actor runs on a TestClock (XState's `clock` option), moved by hand (src/testing/clock.ts).
let clock: TestClock;
beforeEach(() => {
  clock = new TestClock(0);
});

describe('pinpadPaymentMachine', () => {
  it('journals the attempt (no detail), charges once and ends paid with the slip', async () => {
    const { actor, calls } = harness();
    await clock.runAllAsync();
    expect(calls.record).toEqual([{ draft: { attemptId: 'att-7', method: 'humo', total: 4_500_000, lines: [], orderNumber: '7' }, detail: null }]);
    expect(calls.charge).toEqual([{ attemptId: 'att-7', provider: 'humo', amount: 4_500_000, timeoutMs: 180_000 }]);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'paid', paid: { method: 'pinpad', result: slip } });
  });

  it('does not charge before the journal write resolves, and not at all when it fails', async () => {
    const record = deferred();
    const { actor, calls } = harness({ record: () => record.promise });
    await clock.advanceAsync(1_000);
    expect(actor.getSnapshot().value).toBe('recording');
    expect(calls.charge).toHaveLength(0);
    record.reject(new Error('IndexedDB closed'));
    await clock.runAllAsync();
    expect(calls.charge).toHaveLength(0);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'declined', messageKey: 'payment.cannotRecord', callStaff: true });
  });

  it('ignores cancel while the customer follows the terminal', async () => {
    const charge = deferredResult();
    const { actor } = harness({ chargeResult: charge.promise });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().value).toBe('charging');
    actor.send({ type: 'user.cancel' });
    expect(actor.getSnapshot().value).toBe('charging');
    charge.resolve({ ok: true, value: slip });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output?.outcome).toBe('paid');
  });

  it('maps decline 116 to insufficient funds, without calling staff', async () => {
    const { actor } = harness({ chargeResult: Promise.resolve({ ok: false, error: declined('116') }) });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output).toMatchObject({
      outcome: 'declined',
      messageKey: 'gateway.pinpad.insufficientFunds',
      callStaff: false,
    });
  });

  it('maps device problem 999 (no link to the pinpad) to a decline that calls staff', async () => {
    const { actor } = harness({ chargeResult: Promise.resolve({ ok: false, error: declined('999') }) });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output).toMatchObject({
      outcome: 'declined',
      messageKey: 'gateway.pinpad.noLink',
      callStaff: true,
    });
  });

  it.each<GatewayError>([
    { kind: 'unknown', reason: 'timeout', status: null, raw: '' },
    { kind: 'unknown', reason: 'unreadable', status: 200, raw: '{"data":{"message":"slip\nwith break' },
    { kind: 'http', status: 500, raw: '' },
    { kind: 'invalid', problem: 'no ppt_id', raw: '{}' },
  ])('never declines a doubtful answer (%o)', async (error) => {
    const { actor } = harness({ chargeResult: Promise.resolve({ ok: false, error }) });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'unknown', messageKey: 'payment.unknown', error });
  });

  it('gives up on a charge that never settles after timeoutMs + 5 s, as unknown', async () => {
    const { actor, calls } = harness({ chargeResult: new Promise(() => undefined) });
    await clock.advanceAsync(184_999);
    expect(actor.getSnapshot().value).toBe('charging');
    await clock.advanceAsync(1);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'unknown' });
    expect(calls.signals[0]?.aborted).toBe(true);
    expect(calls.charge).toHaveLength(1);
  });
});

function deferred() {
  let resolve!: () => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function deferredResult() {
  let resolve!: (value: Result<PinpadResult>) => void;
  const promise = new Promise<Result<PinpadResult>>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}
