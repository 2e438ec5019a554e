import { beforeEach, describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { GatewayError, Result } from '../gateway/types.ts';
import { tiyin } from '../money/money.ts';
import type { ChargeDraft, RecordChargeInput } from './payment-outcome.ts';
import {
  uzqrExternalId,
  createUzqrPaymentMachine,
  type UzqrCreateInput,
  type UzqrCreatedInvoice,
  type UzqrInput,
  type UzqrInvoiceInput,
  type UzqrStatusAnswer,
} from './uzqr.machine.ts';
import { TestClock } from '../testing/clock.ts';

const uzqrPaymentMachine = createUzqrPaymentMachine();

const attemptId = '0b3f6c1e-7a2d-4c11-9e8f-5d6a7b8c9d0e';
const draft: ChargeDraft<'uzqr'> = { attemptId, method: 'uzqr', total: tiyin(800_000), lines: [], orderNumber: '17' };
const invoice: Result<UzqrCreatedInvoice> = {
  ok: true,
  value: { invoiceId: 'INVC134B7FEFED34BC3B470B8', qrText: '00020101021240350012qr-online.uz0109987650001', raw: '{}' },
};

function answer(status: UzqrStatusAnswer['status'], extra: Partial<UzqrStatusAnswer> = {}): Result<UzqrStatusAnswer> {
  return {
    ok: true,
    value: {
      invoiceId: 'INVC134B7FEFED34BC3B470B8',
      status,
      payId: null,
      payerPhone: null,
      cardType: null,
      maskedCard: null,
      raw: `{"status":"${status}"}`,
      ...extra,
    },
  };
}
const inProgress = answer('in_progress');
const paid = answer('paid', { payId: 'PAY12345678901234567', payerPhone: '+998901234567', cardType: '3', maskedCard: '8600********1234' });
const declined = answer('declined');

function rejected(code: string): GatewayError {
  return { kind: 'rejected', code, message: '', fieldErrors: null, providerCode: null, raw: '' };
}
const notFound: Result<UzqrStatusAnswer> = { ok: false, error: rejected('3001') };
const lost: Result<never> = { ok: false, error: { kind: 'unknown', reason: 'network', status: null, raw: '' } };
const cancelled: Result<{ raw: string }> = { ok: true, value: { raw: '{}' } };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** A UzQR machine whose gateway answers come from the options; every call is counted with the fake clock's time. */
function harness(
  options: {
    create?: () => Promise<Result<UzqrCreatedInvoice>>;
    status?: (call: number) => Promise<Result<UzqrStatusAnswer>>;
    cancel?: () => Promise<Result<unknown>>;
    record?: () => Promise<void>;
    input?: Partial<UzqrInput>;
  } = {},
) {
  const calls = {
    record: [] as RecordChargeInput[],
    create: [] as UzqrCreateInput[],
    status: [] as { at: number; input: UzqrInvoiceInput }[],
    cancel: [] as { at: number; input: UzqrInvoiceInput }[],
  };
  const machine = uzqrPaymentMachine.provide({
    actors: {
      recordCharge: fromPromise<void, RecordChargeInput>(async ({ input }) => {
        calls.record.push(input);
        if (options.record) await options.record();
      }),
      createInvoice: fromPromise<Result<UzqrCreatedInvoice>, UzqrCreateInput>(({ input }) => {
        calls.create.push(input);
        return options.create ? options.create() : Promise.resolve(invoice);
      }),
      checkStatus: fromPromise<Result<UzqrStatusAnswer>, UzqrInvoiceInput>(({ input }) => {
        calls.status.push({ at: clock.now(), input });
        // By default the long poll stays open, as the gateway holds it.
        return options.status ? options.status(calls.status.length) : new Promise(() => undefined);
      }),
      cancelInvoice: fromPromise<Result<unknown>, UzqrInvoiceInput>(({ input }) => {
        calls.cancel.push({ at: clock.now(), input });
        return options.cancel ? options.cancel() : Promise.resolve(cancelled);
      }),
    },
  });
  const actor = createActor(machine, { input: { draft, now: clock.now, ...options.input }, clock });
  actor.start();
  return { actor, calls };
}

// Time: the actor runs on a TestClock (XState's `clock` option), moved by hand (src/testing/clock.ts).
let clock: TestClock;
beforeEach(() => {
  clock = new TestClock(0);
});

describe('uzqrExternalId', () => {
  it('is the attempt id without dashes, cut to the documented 20 characters', () => {
    expect(uzqrExternalId(attemptId)).toBe('0b3f6c1e7a2d4c119e8f');
    expect(uzqrExternalId(attemptId)).toHaveLength(20);
  });

  it('differs for different attempts', () => {
    const ids = new Set(Array.from({ length: 2_000 }, () => uzqrExternalId(crypto.randomUUID())));
    expect(ids.size).toBe(2_000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{20}$/);
  });
});

describe('uzqrPaymentMachine: creating and showing the QR', () => {
  it('creates the invoice, journals its id, then shows qr_text with an expiry and opens the long poll', async () => {
    const { actor, calls } = harness({ input: { now: () => 1_700_000_000_000 } });
    await clock.advanceAsync(0);
    expect(calls.create).toEqual([{ externalId: '0b3f6c1e7a2d4c119e8f', amount: 800_000 }]);
    expect(calls.record).toEqual([{ draft, detail: 'INVC134B7FEFED34BC3B470B8' }]);
    expect(actor.getSnapshot().matches('showingQr')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({
      qrText: '00020101021240350012qr-online.uz0109987650001',
      invoiceId: 'INVC134B7FEFED34BC3B470B8',
      expiresAt: 1_700_000_000_000 + 300_000,
    });
    expect(calls.status).toEqual([{ at: 0, input: { invoiceId: 'INVC134B7FEFED34BC3B470B8' } }]);
  });

  it('a failed create is a decline (nothing could be paid); the kiosk settings errors call staff', async () => {
    const plain = harness({ create: async () => ({ ok: false, error: rejected('9001') }) });
    await clock.advanceAsync(0);
    expect(plain.actor.getSnapshot().output).toMatchObject({ outcome: 'declined', messageKey: 'uzqr.createFailed', callStaff: false });
    expect(plain.calls.record).toEqual([]);

    const auth = harness({ create: async () => ({ ok: false, error: rejected('1001') }) });
    await clock.advanceAsync(0);
    expect(auth.actor.getSnapshot().output).toMatchObject({ outcome: 'declined', callStaff: true });
  });

  it('an invoice without qr_text is not shown', async () => {
    const { actor } = harness({ create: async () => ({ ok: true, value: { invoiceId: 'INV1', qrText: '', raw: '{}' } }) });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'declined', error: { kind: 'invalid' } });
  });

  it('a journal that cannot record the invoice stops before the QR is shown', async () => {
    const { actor, calls } = harness({ record: async () => Promise.reject(new Error('disk full')) });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'declined', messageKey: 'payment.cannotRecord', callStaff: true });
    expect(calls.status).toEqual([]);
  });

  it('Cancel while the invoice is being created leaves without a cancel call (no QR was shown)', async () => {
    const create = deferred<Result<UzqrCreatedInvoice>>();
    const { actor, calls } = harness({ create: () => create.promise });
    actor.send({ type: 'user.cancel' });
    create.resolve(invoice);
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
    expect(calls.record).toEqual([]);
    expect(calls.cancel).toEqual([]);
  });

  it('Cancel while the invoice is being journaled still cancels the invoice once the write lands', async () => {
    const record = deferred<void>();
    const { actor, calls } = harness({ record: () => record.promise, status: async () => declined });
    await clock.advanceAsync(0);
    actor.send({ type: 'user.cancel' });
    record.resolve();
    await clock.advanceAsync(0);
    expect(calls.cancel).toHaveLength(1);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
  });
});

describe('uzqrPaymentMachine: the long poll', () => {
  it('paid while the poll is open → paid with pay_id, phone, card type and masked card', async () => {
    const poll = deferred<Result<UzqrStatusAnswer>>();
    const { actor } = harness({ status: () => poll.promise });
    await clock.advanceAsync(60_000);
    expect(actor.getSnapshot().matches('showingQr')).toBe(true);
    poll.resolve(paid);
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toEqual({
      outcome: 'paid',
      paid: {
        method: 'uzqr',
        invoiceId: 'INVC134B7FEFED34BC3B470B8',
        payId: 'PAY12345678901234567',
        payerPhone: '+998901234567',
        cardType: '3',
        maskedCard: '8600********1234',
      },
    });
  });

  it('"in progress" after the gateway\'s 2-minute hold → asks again at once, with the same invoice', async () => {
    const { actor, calls } = harness({
      status: async (n) => {
        if (n === 1) {
          await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), 120_000));
          return inProgress;
        }
        return n === 2 ? inProgress : paid;
      },
    });
    await clock.advanceAsync(120_000);
    expect(calls.status.map((c) => c.at)).toEqual([0, 120_000, 120_000]);
    expect(calls.status.every((c) => c.input.invoiceId === 'INVC134B7FEFED34BC3B470B8')).toBe(true);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'paid' });
  });

  it('declined (status 3) → declined, no cancel', async () => {
    const { actor, calls } = harness({ status: async () => declined });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'declined', messageKey: 'payment.declined', callStaff: false });
    expect(calls.cancel).toEqual([]);
  });

  it('3001 (invoice not found) → expired, settled', async () => {
    const { actor } = harness({ status: async () => notFound });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'expired' });
  });

  it('a lost status answer keeps the QR and retries with backoff, showing "reconnecting"', async () => {
    const { actor, calls } = harness({ status: async (n) => (n <= 3 ? lost : new Promise(() => undefined)) });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().context.reconnecting).toBe(true);
    await clock.advanceAsync(20_000);
    expect(calls.status.map((c) => c.at)).toEqual([0, 2_000, 6_000, 14_000]);
    expect(actor.getSnapshot().matches('showingQr')).toBe(true);
  });

  it('a poll that never settles is abandoned after its deadline and asked again', async () => {
    const { calls } = harness({ input: { statusDeadlineMs: 165_000 } });
    await clock.advanceAsync(165_000 + 2_000);
    expect(calls.status.map((c) => c.at)).toEqual([0, 167_000]);
  });
});

describe('uzqrPaymentMachine: leaving the QR', () => {
  it('Cancel → one cancel call, then one final check; declined there → cancelled, final', async () => {
    const { actor, calls } = harness({ status: async (n) => (n === 1 ? new Promise(() => undefined) : declined) });
    await clock.advanceAsync(1_000);
    actor.send({ type: 'user.cancel' });
    await clock.advanceAsync(0);
    expect(calls.cancel).toEqual([{ at: 1_000, input: { invoiceId: 'INVC134B7FEFED34BC3B470B8' } }]);
    expect(calls.status).toHaveLength(2);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
  });

  it('a payment that landed before the cancel still counts: paid, not cancelled', async () => {
    const { actor, calls } = harness({
      status: async (n) => (n === 1 ? new Promise(() => undefined) : paid),
      cancel: async () => ({ ok: false, error: rejected('3002') }),
    });
    await clock.advanceAsync(0);
    actor.send({ type: 'user.cancel' });
    await clock.advanceAsync(0);
    expect(calls.cancel).toHaveLength(1);
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'paid', paid: { payId: 'PAY12345678901234567' } });
  });

  it('3001 on the final check after an acknowledged cancel is final too', async () => {
    const { actor } = harness({ status: async (n) => (n === 1 ? new Promise(() => undefined) : notFound) });
    await clock.advanceAsync(0);
    actor.send({ type: 'user.cancel' });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
  });

  it('a cancel that fails leaves the attempt to be watched, even when the final check says declined', async () => {
    const { actor } = harness({
      status: async (n) => (n === 1 ? new Promise(() => undefined) : declined),
      cancel: async () => ({ ok: false, error: rejected('9001') }),
    });
    await clock.advanceAsync(0);
    actor.send({ type: 'user.cancel' });
    await clock.advanceAsync(0);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled', finalCheckFailed: true });
  });

  it('a cancel with no answer gives up after its step time and still checks once; watched', async () => {
    const { actor, calls } = harness({
      status: async (n) => (n === 1 ? new Promise(() => undefined) : declined),
      cancel: () => new Promise(() => undefined),
      input: { leaveStepMs: 15_000 },
    });
    await clock.advanceAsync(0);
    actor.send({ type: 'user.cancel' });
    await clock.advanceAsync(14_999);
    expect(calls.status).toHaveLength(1);
    await clock.advanceAsync(1);
    expect(calls.status).toHaveLength(2);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled', finalCheckFailed: true });
  });

  it('a final check that is lost or stays open is not proof: watched', async () => {
    const lostCheck = harness({ status: async (n) => (n === 1 ? new Promise(() => undefined) : lost) });
    await clock.advanceAsync(0);
    lostCheck.actor.send({ type: 'user.cancel' });
    await clock.advanceAsync(0);
    expect(lostCheck.actor.getSnapshot().output).toEqual({ outcome: 'cancelled', finalCheckFailed: true });

    const hanging = harness({ input: { leaveStepMs: 15_000 } });
    await clock.advanceAsync(0);
    hanging.actor.send({ type: 'user.cancel' });
    await clock.advanceAsync(15_000);
    expect(hanging.actor.getSnapshot().output).toEqual({ outcome: 'cancelled', finalCheckFailed: true });
  });

  it('expiry (default 300 s) cancels the invoice and checks once: expired', async () => {
    // The long poll answers "in progress" every 2 minutes, as the gateway does, until the cancel.
    let cancelledAt: number | null = null;
    const { actor, calls } = harness({
      status: async () => {
        if (cancelledAt !== null) return declined;
        await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), 120_000));
        return inProgress;
      },
      cancel: async () => {
        cancelledAt = clock.now();
        return cancelled;
      },
    });
    await clock.advanceAsync(299_999);
    expect(calls.cancel).toEqual([]);
    await clock.advanceAsync(1);
    expect(calls.cancel.map((c) => c.at)).toEqual([300_000]);
    expect(actor.getSnapshot().output).toEqual({ outcome: 'expired' });
  });

  it('expiry follows uzqr.expirySeconds', async () => {
    const { calls } = harness({ input: { expiryMs: 60_000 }, status: async (n) => (n === 1 ? new Promise(() => undefined) : declined) });
    await clock.advanceAsync(60_000);
    expect(calls.cancel.map((c) => c.at)).toEqual([60_000]);
  });
});
