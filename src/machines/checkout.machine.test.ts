import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActor, fromPromise, setup, waitFor, type AnyActorLogic, type AnyStateMachine } from 'xstate';
import type { Catalog, Product } from '../catalog/catalog-types.ts';
import { createJournalActors } from '../journal/checkout-actors.ts';
import { FakeGateway, rejectedError, unknownError } from '../testing/fake-gateway.ts';
import { openJournal, type Attempt, type Journal } from '../journal/journal.ts';
import { createOutbox, type DriveResult, type Outbox } from '../journal/outbox.ts';
import { TestClock } from '../testing/clock.ts';
import { tiyin } from '../money/money.ts';
import { createCheckoutMachine, routeAfterPayment, type CheckoutInput, type RecoveryResumeEvent } from './checkout.machine.ts';
import type { ChargeDraft, PaymentOutcome, RecordChargeInput } from './payment-outcome.ts';
import type { PinpadPaymentMachine } from './pinpad.machine.ts';
import type { Scan2payPaymentMachine } from './scan2pay.machine.ts';
import type { UzqrPaymentMachine } from './uzqr.machine.ts';
import type { WalletPaymentMachine } from './wallet.machine.ts';

const checkoutMachine = createCheckoutMachine();

/**
 * The fake method machine stands in for each typed method child: the checkout reads only its output (a
 * PaymentOutcome) and forwards events to it, which the fake logs.
 */
function standIn<TMachine extends AnyStateMachine>(fake: AnyStateMachine): TMachine {
  return fake as TMachine;
}

function product(id: string, price: number, barcode?: string): Product {
  return {
    id,
    name: { uz: id, ru: id, en: id },
    price: tiyin(price),
    category: 'food',
    ...(barcode ? { barcode } : {}),
    fiscal: { classCode: '10899001001000000', packageCode: '1', unitName: 'dona', vatPercent: 12, ownerType: 1 },
  };
}
const catalog: Catalog = {
  categories: [{ id: 'food', name: 'Food' }],
  products: [product('tea', 500_000), product('cake', 1_250_000, '4780000000017')],
};

const baseInput: CheckoutInput = {
  catalog,
  methods: ['click', 'payme', 'uzum', 'anor', 'humo', 'uzcard', 'scan2pay', 'uzqr'],
  kioskName: 'Kiosk 1',
  idleMs: 90_000,
  walletTimeoutMs: 30_000,
  pinpadTimeoutMs: 180_000,
  scan2pay: { pollMs: 2_000, expiryMs: 300_000, print: false },
  maxAmount: tiyin(5_000_000_000),
};

const hour = 3_600_000;

interface MethodLog {
  inputs: Record<string, unknown>[];
  events: string[];
  /** What the journal held for the attempt at the moment the fake "charge request" went out. */
  recordedAtCharge: (Attempt | undefined)[];
  charged: number;
}

/**
 * A stand-in for a method machine: records the charge through the provided `recordCharge` (as the real
 * ones do), then "charges" and ends with the chosen outcome. `hang` keeps it charging forever.
 */
function fakeMethod(options: {
  log: MethodLog;
  outcomes: PaymentOutcome[];
  journal: Journal;
  recordCharge: AnyActorLogic;
  hang?: boolean;
  skipRecord?: boolean;
}) {
  const { log, outcomes, journal } = options;
  return setup({
    types: { context: {} as { input: Record<string, unknown> }, input: {} as Record<string, unknown> },
    actors: {
      recordCharge: options.recordCharge,
      charge: fromPromise<void, { attemptId: string }>(async ({ input }) => {
        log.recordedAtCharge.push(await journal.get(input.attemptId));
        log.charged += 1;
        if (options.hang) await new Promise(() => undefined);
      }),
    },
  }).createMachine({
    context: ({ input }) => {
      log.inputs.push(input);
      return { input };
    },
    on: { '*': { actions: ({ event }) => log.events.push(event.type) } },
    initial: options.skipRecord ? 'charging' : 'recording',
    states: {
      recording: {
        invoke: {
          src: 'recordCharge',
          input: ({ context }: { context: { input: Record<string, unknown> } }): RecordChargeInput => ({
            draft: draftIn(context.input),
            detail: (context.input.orderId as string | undefined) ?? (draftIn(context.input).method === 'humo' ? null : '880101698207133392'),
          }),
          onDone: 'charging',
          onError: 'notRecorded',
        },
      },
      charging: {
        invoke: { src: 'charge', input: ({ context }) => ({ attemptId: draftIn(context.input).attemptId }), onDone: 'finished' },
      },
      notRecorded: { type: 'final' },
      finished: { type: 'final' },
    },
    output: ({ context }) => {
      if (!('draft' in context.input)) throw new Error('no input');
      return outcomes.shift() ?? { outcome: 'cancelled' as const };
    },
  });
}

/** The checkout's draft in a method machine's input. */
function draftIn(input: Record<string, unknown>): ChargeDraft {
  return input.draft as ChargeDraft;
}

const clickPayment: PaymentOutcome = {
  outcome: 'paid',
  paid: {
    method: 'wallet',
    payment: { provider: 'click', paymentId: '000777', transactionId: 'T-7', phone: '998901112233', maskedCard: null, raw: '{}' },
  },
};

let journal: Journal;
let gateway: FakeGateway;
let outbox: Outbox;
let outboxTimers: TestClock;

beforeEach(async () => {
  journal = await openJournal({ indexedDB: new IDBFactory() });
  gateway = new FakeGateway();
  outboxTimers = new TestClock();
  outbox = createOutbox({ journal, gateway, cashier: 'Kiosk 1', timers: outboxTimers });
});

afterEach(async () => {
  outbox.stop();
  await outbox.idle();
  journal.close();
});

function newLog(): MethodLog {
  return { inputs: [], events: [], recordedAtCharge: [], charged: 0 };
}

/** Builds a running checkout wired like the app: journal actors, the outbox, fake method machines. */
function start(options: {
  outcomes?: PaymentOutcome[];
  input?: Partial<CheckoutInput>;
  hangCharge?: boolean;
  registerReceipt?: AnyActorLogic;
  nextOrderNumber?: AnyActorLogic;
  skipRecord?: boolean;
}) {
  const log = newLog();
  const clock = new TestClock(0);
  const actors = createJournalActors({ journal, outbox });
  const outcomes = options.outcomes ?? [];
  const method = fakeMethod({
    log,
    outcomes,
    journal,
    recordCharge: actors.recordCharge,
    ...(options.hangCharge ? { hang: true } : {}),
    ...(options.skipRecord ? { skipRecord: true } : {}),
  });
  const machine = checkoutMachine.provide({
    actors: {
      walletPayment: standIn<WalletPaymentMachine>(method),
      pinpadPayment: standIn<PinpadPaymentMachine>(method),
      scan2payPayment: standIn<Scan2payPaymentMachine>(method),
      uzqrPayment: standIn<UzqrPaymentMachine>(method),
      recordOutcome: actors.recordOutcome,
      registerReceipt: options.registerReceipt ?? actors.registerReceipt,
      nextOrderNumber: options.nextOrderNumber ?? actors.nextOrderNumber,
    },
  });
  const actor = createActor(machine, { input: { ...baseInput, ...options.input }, clock });
  const resets: number[] = [];
  actor.on('session.reset', () => resets.push(1));
  actor.start();
  return { actor, log, clock, resets };
}

type Running = ReturnType<typeof start>;

/** Waits for the fake charge to go out (each journal read yields to the IndexedDB task queue). */
async function untilCharged(run: Running): Promise<void> {
  for (let i = 0; i < 200 && run.log.charged === 0; i++) await journal.list();
  expect(run.log.charged).toBe(1);
}

async function toMethodChoice(run: Running): Promise<void> {
  run.actor.send({ type: 'checkout.start' });
  run.actor.send({ type: 'cart.add', productId: 'tea' });
  run.actor.send({ type: 'barcode.scanned', code: '4780000000017' });
  run.actor.send({ type: 'checkout.pay' });
  expect(run.actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
}

const settled = (s: { matches: (v: never) => boolean; value: unknown }) =>
  typeof s.value === 'string' && ['done', 'receiptTrouble', 'staffAssist', 'attract'].includes(s.value);

describe('checkout machine', () => {
  it('pays with a wallet: journal first, then receipt and confirm, then the done screen and back to attract', async () => {
    const run = start({ outcomes: [clickPayment] });
    await toMethodChoice(run);
    expect(run.actor.getSnapshot().context.total).toBe(1_750_000);
    run.actor.send({ type: 'method.choose', method: 'click' });
    const done = await waitFor(run.actor, (s) => s.matches('done') || s.matches('receiptTrouble'));
    expect(done.value).toBe('done');
    const { attemptId, orderNumber, receiptUrl, total, method } = done.context;
    expect(orderNumber).toBe('1');
    expect(total).toBe(1_750_000);
    expect(method).toBe('click');
    expect(receiptUrl).toMatch(/^https:\/\/ofd\.soliq\.uz\/check\?/);

    // Write before charge: the record was durable, with the cart, when the charge went out.
    expect(run.log.recordedAtCharge[0]).toMatchObject({
      id: attemptId,
      status: 'recorded',
      amount: 1_750_000,
      orderNumber: '1',
      detail: '880101698207133392',
    });
    expect(run.log.recordedAtCharge[0]?.lines.map((l) => [l.name, l.amount, l.price])).toEqual([
      ['tea', 1000, 500_000],
      ['cake', 1000, 1_250_000],
    ]);
    expect(run.log.inputs[0]).toEqual({
      draft: { attemptId, method: 'click', total: 1_750_000, lines: done.context.lines, orderNumber: '1' },
      timeoutMs: 30_000,
      camera: { facingMode: 'environment', engine: 'zxing-wasm' },
    });

    await outbox.idle();
    const attempt = await journal.get(attemptId ?? '');
    expect(attempt?.status).toBe('done');
    expect(gateway.callsOf('orderCreate')).toHaveLength(1);
    expect(gateway.callsOf('walletConfirm')).toHaveLength(1);

    run.actor.send({ type: 'user.done' });
    const after = run.actor.getSnapshot();
    expect(after.value).toBe('attract');
    expect(after.context.cart).toEqual([]);
    expect(after.context.orderNumber).toBeNull();
    expect(run.resets).toHaveLength(1);
  });

  it('leaves the done screen by itself after doneMs', async () => {
    const run = start({ outcomes: [clickPayment], input: { doneMs: 15_000 } });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'click' });
    await waitFor(run.actor, settled);
    run.clock.advance(14_999);
    expect(run.actor.getSnapshot().value).toBe('done');
    run.clock.advance(1);
    expect(run.actor.getSnapshot().value).toBe('attract');
    expect(run.resets).toHaveLength(1);
  });

  it('after a wallet decline shows the decline with the reason, and "scan again" makes a fresh attempt', async () => {
    const declined: PaymentOutcome = { outcome: 'declined', error: rejectedError('106'), messageKey: 'payment.declined', callStaff: false };
    const run = start({ outcomes: [declined, clickPayment] });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'uzum' });
    const back = await waitFor(run.actor, (s) => s.matches({ shopping: 'walletDeclined' }) && s.context.outcome !== null);
    expect(back.context.notice).toBe('payment.declined');
    const firstId = back.context.attemptId ?? '';
    expect((await journal.get(firstId))?.status).toBe('declined');

    run.actor.send({ type: 'wallet.retry' });
    await waitFor(run.actor, settled);
    const secondId = run.actor.getSnapshot().context.attemptId;
    expect(secondId).not.toBe(firstId);
    expect(run.log.inputs.map((i) => draftIn(i).method)).toEqual(['uzum', 'uzum']);
    expect(run.actor.getSnapshot().context.orderNumber).toBe('1');
    expect(run.actor.getSnapshot().value).toBe('done');
  });

  it('"choose another method" after a wallet decline shows the methods with the reason; "scan again" is only on the decline', async () => {
    const declined: PaymentOutcome = { outcome: 'declined', error: rejectedError('106'), messageKey: 'payment.declined', callStaff: false };
    const run = start({ outcomes: [declined] });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'click' });
    await waitFor(run.actor, (s) => s.matches({ shopping: 'walletDeclined' }));
    run.actor.send({ type: 'wallet.otherMethod' });
    expect(run.actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
    expect(run.actor.getSnapshot().context.notice).toBe('payment.declined');
    run.actor.send({ type: 'wallet.retry' });
    expect(run.actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
    expect(run.log.inputs).toHaveLength(1);
  });

  it('a declined pinpad goes back to the methods, not to the wallet decline', async () => {
    const declined: PaymentOutcome = { outcome: 'declined', error: rejectedError('116'), messageKey: 'payment.declined', callStaff: false };
    const run = start({ outcomes: [declined] });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'humo' });
    const s = await waitFor(run.actor, (x) => x.matches({ shopping: 'choosingMethod' }) && x.context.outcome !== null);
    expect(s.context.notice).toBe('payment.declined');
  });

  it('sends a decline that needs staff to the staff screen', async () => {
    const declined: PaymentOutcome = { outcome: 'declined', error: rejectedError('104'), messageKey: 'payment.billingError', callStaff: true };
    const run = start({ outcomes: [declined] });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'humo' });
    const s = await waitFor(run.actor, settled);
    expect(s.value).toBe('staffAssist');
    expect(s.context.notice).toBe('payment.billingError');
  });

  it('keeps an unknown outcome on the staff screen for hours, journalled as unknown, until staff resolve it', async () => {
    const unknown: PaymentOutcome = { outcome: 'unknown', error: unknownError('timeout'), messageKey: 'payment.unknown' };
    const run = start({ outcomes: [unknown] });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'payme' });
    const s = await waitFor(run.actor, settled);
    expect(s.value).toBe('staffAssist');
    expect((await journal.get(s.context.attemptId ?? ''))?.status).toBe('unknown');
    run.clock.advance(10 * hour);
    run.actor.send({ type: 'user.activity' });
    run.actor.send({ type: 'checkout.cancel' });
    expect(run.actor.getSnapshot().value).toBe('staffAssist');
    expect(run.resets).toHaveLength(0);
    run.actor.send({ type: 'staff.resolved' });
    expect(run.actor.getSnapshot().value).toBe('attract');
    expect(run.actor.getSnapshot().context.cart).toEqual([]);
    expect(run.resets).toHaveLength(1);
  });

  it('returns to the methods quietly after a cancel before any charge', async () => {
    const run = start({ outcomes: [{ outcome: 'cancelled' }], skipRecord: true });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'click' });
    const s = await waitFor(run.actor, (x) => x.matches({ shopping: 'choosingMethod' }) && x.context.outcome !== null);
    expect(s.context.notice).toBeNull();
    expect(await journal.list()).toEqual([]);
  });

  it('tells the customer a Scan2pay code expired, journals it as unsettled (still payable, watched), and used a digits-only order id', async () => {
    const run = start({ outcomes: [{ outcome: 'expired' }] });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'scan2pay' });
    const s = await waitFor(run.actor, (x) => x.matches({ shopping: 'choosingMethod' }) && x.context.outcome !== null);
    expect(s.context.notice).toBe('scan2pay.expired');
    const input = run.log.inputs[0];
    expect(input?.orderId).toMatch(/^\d{16}$/);
    expect(input).toMatchObject({ draft: { method: 'scan2pay', total: 1_750_000 }, print: false, pollMs: 2_000, expiryMs: 300_000 });
    const attempt = await journal.get(s.context.attemptId ?? '');
    expect(attempt?.status).toBe('unsettled');
    // Watched until the QR's expiry plus the default 10-minute margin, counted from the attempt's creation.
    expect(Date.parse(attempt?.settleBy ?? '') - Date.parse(attempt?.createdAt ?? '')).toBe(900_000);
    expect(attempt?.detail).toBe(input?.orderId);
  });

  it('takes a new attempt id, Scan2pay order id and the order-number day from the sources in its input', async () => {
    const days: string[] = [];
    const run = start({
      outcomes: [{ outcome: 'expired' }],
      input: {
        sources: { attemptId: () => 'attempt-from-input', scan2payOrderId: () => '1700000000000042', now: () => new Date(2025, 4, 18, 23, 59) },
      },
      nextOrderNumber: fromPromise<string, { day: string }>(async ({ input }) => {
        days.push(input.day);
        return '5';
      }),
    });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'scan2pay' });
    const s = await waitFor(run.actor, (x) => x.matches({ shopping: 'choosingMethod' }) && x.context.outcome !== null);
    expect(s.context.attemptId).toBe('attempt-from-input');
    expect(run.log.inputs[0]).toMatchObject({ orderId: '1700000000000042', draft: { attemptId: 'attempt-from-input', orderNumber: '5' } });
    expect(days).toEqual(['2025-05-18']);
  });

  it('routes UzQR to its machine with the draft and the configured expiry; a confirmed cancel closes the attempt', async () => {
    const run = start({ outcomes: [{ outcome: 'cancelled' }], input: { uzqr: { expiryMs: 120_000 } } });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'uzqr' });
    const s = await waitFor(run.actor, (x) => x.matches({ shopping: 'choosingMethod' }) && x.context.outcome !== null);
    expect(s.context.notice).toBeNull();
    expect(run.log.inputs[0]).toMatchObject({ draft: { method: 'uzqr', total: 1_750_000 }, expiryMs: 120_000 });
    expect((await journal.get(s.context.attemptId ?? ''))?.status).toBe('cancelled');
  });

  it('a UzQR cancel that could not be confirmed leaves the attempt unsettled, watched', async () => {
    const run = start({ outcomes: [{ outcome: 'cancelled', finalCheckFailed: true }] });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'uzqr' });
    const s = await waitFor(run.actor, (x) => x.matches({ shopping: 'choosingMethod' }) && x.context.outcome !== null);
    expect((await journal.get(s.context.attemptId ?? ''))?.status).toBe('unsettled');
  });

  it('reassures the customer when the receipt fails, keeps the screen for hours, and finishes when the outbox recovers', async () => {
    gateway.enqueue('orderCreate', { ok: false, error: rejectedError('101', 'Printer not working') });
    const run = start({ outcomes: [clickPayment] });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'click' });
    const s = await waitFor(run.actor, settled);
    expect(s.value).toBe('receiptTrouble');
    run.clock.advance(10 * hour);
    expect(run.actor.getSnapshot().value).toBe('receiptTrouble');
    run.actor.send({ type: 'receipt.recovered', attemptId: 'someone-else', receiptUrl: 'https://x' });
    expect(run.actor.getSnapshot().value).toBe('receiptTrouble');
    run.actor.send({ type: 'receipt.recovered', attemptId: s.context.attemptId ?? '', receiptUrl: 'javascript:alert(1)' });
    expect(run.actor.getSnapshot().value).toBe('done');
    expect(run.actor.getSnapshot().context.receiptUrl).toBeNull();
  });

  it('the customer’s Done on the receipt-trouble screen ends the session (its own event, not a staff one)', async () => {
    gateway.enqueue('orderCreate', { ok: false, error: rejectedError('101', 'Printer not working') });
    const run = start({ outcomes: [clickPayment] });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'click' });
    expect((await waitFor(run.actor, settled)).value).toBe('receiptTrouble');
    run.actor.send({ type: 'user.done' });
    expect(run.actor.getSnapshot().value).toBe('receiptTrouble');
    run.actor.send({ type: 'receiptTrouble.done' });
    expect(run.actor.getSnapshot().value).toBe('attract');
    expect(run.actor.getSnapshot().context.cart).toEqual([]);
    expect(run.resets).toHaveLength(1);
  });

  it('refuses a total above maxAmount before paying', async () => {
    const run = start({ input: { maxAmount: tiyin(1_000_000) } });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'click' });
    const s = run.actor.getSnapshot();
    expect(s.value).toEqual({ shopping: 'choosingMethod' });
    expect(s.context.notice).toBe('payment.amountTooLarge');
    expect(run.log.inputs).toHaveLength(0);
  });

  it('ignores a method that is not offered and an empty cart at Pay', () => {
    const run = start({ input: { methods: ['humo'] } });
    run.actor.send({ type: 'checkout.start' });
    run.actor.send({ type: 'checkout.pay' });
    expect(run.actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    run.actor.send({ type: 'cart.add', productId: 'tea' });
    run.actor.send({ type: 'checkout.pay' });
    run.actor.send({ type: 'method.choose', method: 'click' });
    expect(run.actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
  });

  it('edits the cart and flags an unknown barcode', () => {
    const run = start({});
    run.actor.send({ type: 'checkout.start' });
    run.actor.send({ type: 'cart.setQuantity', productId: 'tea', quantity: 3 });
    run.actor.send({ type: 'cart.remove', productId: 'tea' });
    run.actor.send({ type: 'barcode.scanned', code: '0000' });
    expect(run.actor.getSnapshot().context.notice).toBe('menu.unknownBarcode');
    run.actor.send({ type: 'cart.setQuantity', productId: 'tea', quantity: 21 });
    expect(run.actor.getSnapshot().context.notice).toBe('checkout.cartLimit');
    expect(run.actor.getSnapshot().context.cart).toEqual([{ productId: 'tea', quantity: 2 }]);
    run.actor.send({ type: 'cart.clear' });
    expect(run.actor.getSnapshot().context.cart).toEqual([]);
    run.actor.send({ type: 'cart.add', productId: 'tea' });
    run.actor.send({ type: 'checkout.cancel' });
    expect(run.actor.getSnapshot().value).toBe('attract');
    expect(run.actor.getSnapshot().context.cart).toEqual([]);
    expect(run.resets).toHaveLength(1);
  });

  it('asks "still there?" after idleMs on the browsing screens, returns to the same screen, and ends the session if nobody answers', async () => {
    const run = start({ input: { idleMs: 60_000, idlePromptMs: 20_000 } });
    await toMethodChoice(run);
    run.clock.advance(59_999);
    expect(run.actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
    run.actor.send({ type: 'user.activity' });
    run.clock.advance(59_999);
    expect(run.actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
    run.clock.advance(1);
    expect(run.actor.getSnapshot().value).toBe('idlePrompt');
    run.actor.send({ type: 'idle.stay' });
    expect(run.actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
    expect(run.actor.getSnapshot().context.cart).toHaveLength(2);
    run.actor.send({ type: 'user.back' });
    run.clock.advance(59_000);
    run.actor.send({ type: 'cart.add', productId: 'tea' });
    run.clock.advance(59_000);
    expect(run.actor.getSnapshot().value).toEqual({ shopping: 'browsing' });
    run.clock.advance(1_000);
    expect(run.actor.getSnapshot().value).toBe('idlePrompt');
    run.clock.advance(20_000);
    expect(run.actor.getSnapshot().value).toBe('attract');
    expect(run.actor.getSnapshot().context.cart).toEqual([]);
    expect(run.resets).toHaveLength(1);
  });

  it('never idles out while paying or registering the receipt, and forwards scanner events to the payment', async () => {
    const run = start({ outcomes: [clickPayment], hangCharge: true, input: { idleMs: 60_000 } });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'click' });
    await untilCharged(run);
    run.actor.send({ type: 'scanner.decoded', code: '880101698207133392', source: 'camera' });
    run.actor.send({ type: 'scanner.status', status: 'ready' });
    run.actor.send({ type: 'user.cancel' });
    expect(run.log.events).toEqual(['scanner.decoded', 'scanner.status', 'user.cancel']);
    run.clock.advance(10 * hour);
    expect(run.actor.getSnapshot().value).toEqual({ paying: 'wallet' });

    const hanging = start({
      outcomes: [clickPayment],
      input: { idleMs: 60_000 },
      registerReceipt: fromPromise<DriveResult, { attemptId: string }>(() => new Promise(() => undefined)),
    });
    await toMethodChoice(hanging);
    hanging.actor.send({ type: 'method.choose', method: 'click' });
    await waitFor(hanging.actor, (s) => s.matches('receipt'));
    hanging.clock.advance(10 * hour);
    expect(hanging.actor.getSnapshot().value).toBe('receipt');
  });

  it('hands the method machine the attempt as one draft (id, method, total, lines, pickup number, service) and records the charge from it', async () => {
    const run = start({ hangCharge: true, input: { serviceModes: ['eatIn', 'takeAway'] } });
    run.actor.send({ type: 'checkout.start' });
    run.actor.send({ type: 'cart.add', productId: 'tea' });
    run.actor.send({ type: 'checkout.pay' });
    run.actor.send({ type: 'service.choose', mode: 'takeAway' });
    run.actor.send({ type: 'method.choose', method: 'humo' });
    await untilCharged(run);
    const context = run.actor.getSnapshot().context;
    expect(draftIn(run.log.inputs[0] ?? {})).toEqual({
      attemptId: context.attemptId,
      method: 'humo',
      total: 500_000,
      lines: context.lines,
      orderNumber: '1',
      serviceMode: 'takeAway',
    });
    expect(run.log.recordedAtCharge[0]).toMatchObject({
      id: context.attemptId,
      method: 'humo',
      amount: 500_000,
      total: 500_000,
      orderNumber: '1',
      serviceMode: 'takeAway',
      detail: null,
    });
  });

  it('writes a settled attempt the method machine never recorded from the draft, not from the checkout', async () => {
    const unknown: PaymentOutcome = { outcome: 'unknown', error: null, messageKey: 'payment.unknown', detail: 'the payment machine failed' };
    const run = start({ outcomes: [unknown], skipRecord: true });
    await toMethodChoice(run);
    run.actor.send({ type: 'method.choose', method: 'payme' });
    const s = await waitFor(run.actor, settled);
    expect(s.value).toBe('staffAssist');
    expect(await journal.get(s.context.attemptId ?? '')).toMatchObject({
      status: 'unknown',
      method: 'payme',
      total: 1_750_000,
      orderNumber: '1',
      detail: null,
    });
  });

  describe('recovery.resume (after a reload)', () => {
    const resume = (over: Partial<RecoveryResumeEvent>): RecoveryResumeEvent => ({
      type: 'recovery.resume',
      attemptId: 'a-1',
      method: 'click',
      total: tiyin(1_750_000),
      orderNumber: '7',
      outcome: 'unknown',
      receiptRegistered: false,
      receiptUrl: null,
      ...over,
    });

    it('locks the kiosk on staff assist for an attempt whose charge may have gone out, until staff resolve it', () => {
      const run = start({});
      run.actor.send(resume({}));
      const s = run.actor.getSnapshot();
      expect(s.value).toBe('staffAssist');
      expect(s.context).toMatchObject({ attemptId: 'a-1', method: 'click', total: 1_750_000, orderNumber: '7', notice: 'payment.interrupted' });
      run.actor.send({ type: 'checkout.start' });
      expect(run.actor.getSnapshot().value).toBe('staffAssist');
      run.actor.send({ type: 'staff.resolved' });
      expect(run.actor.getSnapshot().value).toBe('attract');
      expect(run.actor.getSnapshot().context.attemptId).toBeNull();
    });

    it('shows the done screen with the pickup number when recovery registered the receipt', () => {
      const run = start({ input: { doneMs: 5_000 } });
      run.actor.send(resume({ outcome: 'paid', receiptRegistered: true, receiptUrl: 'https://ofd.soliq.uz/check?t=1' }));
      const s = run.actor.getSnapshot();
      expect(s.value).toBe('done');
      expect(s.context).toMatchObject({ orderNumber: '7', receiptUrl: 'https://ofd.soliq.uz/check?t=1', method: 'click' });
      run.clock.advance(5_000);
      expect(run.actor.getSnapshot().value).toBe('attract');
    });

    it('shows the receipt trouble screen while the receipt still fails, and done once the outbox registers it', () => {
      const run = start({});
      run.actor.send(resume({ outcome: 'paid', receiptRegistered: false }));
      expect(run.actor.getSnapshot().value).toBe('receiptTrouble');
      run.actor.send({ type: 'receipt.recovered', attemptId: 'other', receiptUrl: 'https://x' });
      expect(run.actor.getSnapshot().value).toBe('receiptTrouble');
      run.actor.send({ type: 'receipt.recovered', attemptId: 'a-1', receiptUrl: 'https://ofd.soliq.uz/check?r=2' });
      expect(run.actor.getSnapshot().value).toBe('done');
      expect(run.actor.getSnapshot().context.receiptUrl).toBe('https://ofd.soliq.uz/check?r=2');
    });

    it('keeps a non-http receipt URL off the done screen, and is ignored once a customer has started', async () => {
      const run = start({});
      run.actor.send(resume({ outcome: 'paid', receiptRegistered: true, receiptUrl: 'javascript:alert(1)' }));
      expect(run.actor.getSnapshot().context.receiptUrl).toBeNull();
      run.actor.send({ type: 'user.done' });
      await toMethodChoice(run);
      run.actor.send(resume({}));
      expect(run.actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
    });
  });

  it('routes every outcome exhaustively', () => {
    expect(routeAfterPayment(clickPayment).next).toBe('receipt');
    expect(routeAfterPayment({ outcome: 'cancelled' })).toEqual({ next: 'choosingMethod', notice: null });
    expect(routeAfterPayment(null).next).toBe('staffAssist');
    expect(routeAfterPayment({ outcome: 'bogus' } as unknown as PaymentOutcome).next).toBe('staffAssist');
  });
});
