import { beforeEach, describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise } from 'xstate';
import type { AnyEventObject } from 'xstate';
import type { CameraScannerInput, WedgeScannerInput } from '../scanner/scanner-actors.ts';
import type { GatewayError, Result, WalletPayment } from '../gateway/types.ts';
import { tiyin } from '../money/money.ts';
import type { ChargeDraft, RecordChargeInput } from './payment-outcome.ts';
import { createWalletPaymentMachine } from './wallet.machine.ts';
import type { WalletChargeInput } from './wallet.machine.ts';
import { TestClock } from '../testing/clock.ts';

const walletPaymentMachine = createWalletPaymentMachine();

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const payment: WalletPayment = {
  provider: 'uzum',
  paymentId: '0012345',
  transactionId: null,
  phone: '998901234567',
  maskedCard: null,
  raw: '{}',
};

const uzumCode = '7993:5061401:01KFDH:3sySIUxrog+hhtBwUXquxn97N5k=';
const draft: ChargeDraft<'uzum'> = { attemptId: 'att-1', method: 'uzum', total: tiyin(1_250_000), lines: [], orderNumber: '1' };
const input = { draft, timeoutMs: 30_000 };

/** A wallet machine with counting fakes; `chargeResult` decides what the charge answers. */
function harness(options: {
  chargeResult?: Promise<Result<WalletPayment>>;
  record?: (input: RecordChargeInput) => Promise<void>;
} = {}) {
  const calls = { record: [] as RecordChargeInput[], charge: [] as WalletChargeInput[], signals: [] as AbortSignal[] };
  const readers = {
    camera: { starts: 0, stops: 0, send: null as ((event: AnyEventObject) => void) | null },
    wedge: { starts: 0, stops: 0, send: null as ((event: AnyEventObject) => void) | null },
  };
  const reader = <TInput,>(which: 'camera' | 'wedge') =>
    fromCallback<{ type: never }, TInput>(({ sendBack }) => {
      readers[which].starts += 1;
      readers[which].send = sendBack;
      return () => {
        readers[which].stops += 1;
      };
    });
  const machine = walletPaymentMachine.provide({
    actors: {
      camera: reader<CameraScannerInput>('camera'),
      wedge: reader<WedgeScannerInput | undefined>('wedge'),
      recordCharge: fromPromise<void, RecordChargeInput>(async ({ input: recordInput }) => {
        calls.record.push(recordInput);
        if (options.record) await options.record(recordInput);
      }),
      charge: fromPromise<Result<WalletPayment>, WalletChargeInput>(({ input: chargeInput, signal }) => {
        calls.charge.push(chargeInput);
        calls.signals.push(signal);
        return options.chargeResult ?? Promise.resolve({ ok: true, value: payment });
      }),
    },
  });
  const actor = createActor(machine, { input, clock });
  actor.start();
  return { actor, calls, readers };
}

// Time: the actor runs on a TestClock (XState's `clock` option), moved by hand (src/testing/clock.ts).
let clock: TestClock;
beforeEach(() => {
  clock = new TestClock(0);
});

describe('walletPaymentMachine', () => {
  it('charges a valid code once, exactly as decoded, and ends paid', async () => {
    const { actor, calls } = harness();
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'camera' });
    await clock.runAllAsync();
    expect(calls.record).toEqual([{ draft: { attemptId: 'att-1', method: 'uzum', total: 1_250_000, lines: [], orderNumber: '1' }, detail: uzumCode }]);
    expect(calls.charge).toEqual([{ attemptId: 'att-1', provider: 'uzum', amount: 1_250_000, code: uzumCode, timeoutMs: 30_000 }]);
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ outcome: 'paid', paid: { method: 'wallet', payment } });
    expect(actor.getSnapshot().context.code).toBe(uzumCode);
  });

  it('sends one charge for 30 decodes in a row from the camera and the wedge at once', async () => {
    const charge = deferred<Result<WalletPayment>>();
    const { actor, calls, readers } = harness({ chargeResult: charge.promise });
    for (let i = 0; i < 30; i += 1) {
      readers.camera.send?.({ type: 'scanner.decoded', code: `88010169820713339${i % 10}`, source: 'camera' });
      readers.wedge.send?.({ type: 'scanner.decoded', code: `50501010793410469${i % 10}`, source: 'wedge' });
      await clock.advanceAsync(33);
    }
    actor.send({ type: 'scanner.decoded', code: '12345678901234567890', source: 'typed' });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().value).toBe('charging');
    expect(calls.record).toHaveLength(1);
    expect(calls.charge).toHaveLength(1);
    expect(calls.charge[0]?.code).toBe('880101698207133390');
    charge.resolve({ ok: true, value: payment });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output?.outcome).toBe('paid');
    expect(calls.charge).toHaveLength(1);
  });

  it('ignores a staff badge read by the camera or the wedge (no notice, no charge), and tags charging from the accepted code on', async () => {
    const charge = deferred<Result<WalletPayment>>();
    const { actor, calls, readers } = harness({ chargeResult: charge.promise });
    readers.camera.send?.({ type: 'scanner.decoded', code: 'TOLOV-STAFF-0001-abcdef', source: 'camera' });
    readers.wedge.send?.({ type: 'scanner.decoded', code: 'TOLOV-STAFF-0001-abcdef', source: 'wedge' });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().value).toBe('scanning');
    expect(actor.getSnapshot().context.notice).toBeNull();
    expect(actor.getSnapshot().hasTag('charging')).toBe(false);
    expect(calls.record).toHaveLength(0);
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'camera' });
    expect(actor.getSnapshot().hasTag('charging')).toBe(true);
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().value).toBe('charging');
    expect(actor.getSnapshot().hasTag('charging')).toBe(true);
    charge.resolve({ ok: true, value: payment });
    await clock.runAllAsync();
    expect(calls.charge).toHaveLength(1);
  });

  it('starts the camera with the kiosk camera settings and QR formats', () => {
    const inputs: unknown[] = [];
    const machine = walletPaymentMachine.provide({
      actors: { camera: fromCallback(({ input: cameraInput }) => void inputs.push(cameraInput)) },
    });
    const actor = createActor(machine, {
      input: { ...input, camera: { deviceId: 'cam-2', facingMode: 'user', engine: 'zxing-js' } },
      clock,
    }).start();
    expect(inputs).toEqual([{ deviceId: 'cam-2', facingMode: 'user', engine: 'zxing-js', formats: 'qr' }]);
    actor.stop();
  });

  it('runs the camera and the wedge while scanning and stops both when scanning is left', async () => {
    const charge = deferred<Result<WalletPayment>>();
    const { actor, readers } = harness({ chargeResult: charge.promise });
    expect(readers.camera).toMatchObject({ starts: 1, stops: 0 });
    expect(readers.wedge).toMatchObject({ starts: 1, stops: 0 });
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'wedge' });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().value).toBe('charging');
    expect(readers.camera).toMatchObject({ starts: 1, stops: 1 });
    expect(readers.wedge).toMatchObject({ starts: 1, stops: 1 });
  });

  it('stops the readers when the customer cancels, without recording or charging', async () => {
    const { actor, calls, readers } = harness();
    actor.send({ type: 'user.cancel' });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
    expect(calls.record).toHaveLength(0);
    expect(calls.charge).toHaveLength(0);
    expect(readers.camera).toMatchObject({ starts: 1, stops: 1 });
    expect(readers.wedge).toMatchObject({ starts: 1, stops: 1 });
  });

  it('gives up scanning after scanTimeoutMs as cancelled and releases the camera, charging nothing', async () => {
    const { actor, calls, readers } = harness();
    await clock.advanceAsync(119_999);
    expect(actor.getSnapshot().value).toBe('scanning');
    await clock.advanceAsync(1);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
    expect(calls.charge).toHaveLength(0);
    expect(readers.camera).toMatchObject({ starts: 1, stops: 1 });
  });

  it('keeps scanning after a code that is not a payment code and tells the UI', async () => {
    const { actor, calls } = harness();
    actor.send({ type: 'scanner.decoded', code: 'hello world', source: 'camera' });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().value).toBe('scanning');
    expect(actor.getSnapshot().context).toMatchObject({ rejectedCode: 'hello world', notice: 'wallet.notThisWallet', code: null });
    expect(calls.record).toHaveLength(0);
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'camera' });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output?.outcome).toBe('paid');
    expect(calls.charge[0]?.code).toBe(uzumCode);
  });

  it('stores the camera status for the UI', () => {
    const { actor, readers } = harness();
    readers.camera.send?.({ type: 'scanner.status', status: 'unavailable' });
    expect(actor.getSnapshot().context.cameraStatus).toBe('unavailable');
  });

  it('ignores cancel while recording and while charging', async () => {
    const record = deferred<void>();
    const charge = deferred<Result<WalletPayment>>();
    const { actor, calls } = harness({ record: () => record.promise, chargeResult: charge.promise });
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'camera' });
    expect(actor.getSnapshot().value).toBe('recording');
    actor.send({ type: 'user.cancel' });
    expect(actor.getSnapshot().value).toBe('recording');
    record.resolve();
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().value).toBe('charging');
    actor.send({ type: 'user.cancel' });
    expect(actor.getSnapshot().value).toBe('charging');
    charge.resolve({ ok: true, value: payment });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output?.outcome).toBe('paid');
    expect(calls.charge).toHaveLength(1);
  });

  it('sends no charge when the journal write fails, and asks for staff', async () => {
    const { actor, calls } = harness({ record: () => Promise.reject(new Error('QuotaExceededError')) });
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'camera' });
    await clock.runAllAsync();
    expect(calls.charge).toHaveLength(0);
    expect(actor.getSnapshot().output).toMatchObject({
      outcome: 'declined',
      messageKey: 'payment.cannotRecord',
      callStaff: true,
    });
  });

  it('gives up on a charge that never settles after timeoutMs + 5 s: unknown, and aborts it', async () => {
    const { actor, calls } = harness({ chargeResult: new Promise(() => undefined) });
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'camera' });
    await clock.advanceAsync(34_999);
    expect(actor.getSnapshot().value).toBe('charging');
    await clock.advanceAsync(1);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'unknown', messageKey: 'payment.unknown' });
    expect(calls.signals[0]?.aborted).toBe(true);
    expect(calls.charge).toHaveLength(1);
  });

  it('treats a charge promise that rejects as unknown, never declined', async () => {
    const { actor } = harness({ chargeResult: Promise.reject(new TypeError('Failed to fetch')) });
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'camera' });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'unknown', error: null, messageKey: 'payment.unknown' });
  });

  const failures: [GatewayError, string, string][] = [
    [{ kind: 'unknown', reason: 'timeout', status: null, raw: '' }, 'unknown', 'payment.unknown'],
    [{ kind: 'http', status: 502, raw: '' }, 'unknown', 'payment.unknown'],
    [{ kind: 'invalid', problem: 'no payment_id', raw: '{}' }, 'unknown', 'payment.unknown'],
    [{ kind: 'rejected', code: '106', message: 'declined', fieldErrors: null, providerCode: '-1', raw: '' }, 'declined', 'payment.declined'],
    [{ kind: 'rejected', code: '104', message: 'billing', fieldErrors: null, providerCode: null, raw: '' }, 'declined', 'payment.billingError'],
    [{ kind: 'refused', problem: 'over maxAmount' }, 'declined', 'payment.refused'],
  ];
  it.each(failures)('maps a %o charge answer to %s / %s', async (error, outcome, messageKey) => {
    const { actor } = harness({ chargeResult: Promise.resolve({ ok: false, error }) });
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'camera' });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output).toMatchObject({ outcome, messageKey, error });
  });

  it('fails loudly when the charge actor was never provided, as unknown', async () => {
    const actor = createActor(
      walletPaymentMachine.provide({ actors: { recordCharge: fromPromise<void, RecordChargeInput>(async () => undefined) } }),
      { input, clock },
    );
    actor.start();
    actor.send({ type: 'scanner.decoded', code: uzumCode, source: 'camera' });
    await clock.runAllAsync();
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'unknown' });
  });
});
