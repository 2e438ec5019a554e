/**
 * Every row of the payment method table is wired end to end: the checkout hands it to a payment machine, and
 * the gateway client's charge call for it is answered by the simulator. A new row without its machine or its
 * simulator route fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor, type AnyActorLogic } from 'xstate';
import { startHarness, type Harness } from '../../sim/test-harness.ts';
import type { Catalog } from '../catalog/catalog-types.ts';
import {
  isPinpad,
  isWallet,
  paymentMethodTable,
  unitConfigurableMethods,
  type PaymentMachine,
  type PaymentMethodRow,
} from '../domain/payment-methods.ts';
import { createGateway } from '../gateway/gateway.ts';
import { createUzqrCalls } from '../gateway/uzqr-calls.ts';
import { TraceBuffer } from '../gateway/http-core.ts';
import { pinpadCalls } from '../gateway/pinpad-calls.ts';
import type { Gateway, Result } from '../gateway/types.ts';
import { tiyin } from '../money/money.ts';
import { createCheckoutMachine, type CheckoutInput } from '../machines/checkout.machine.ts';

const checkoutMachine = createCheckoutMachine();

const catalog: Catalog = {
  categories: [{ id: 'food', name: 'Food' }],
  products: [
    {
      id: 'tea',
      name: { uz: 'Choy', ru: 'Чай', en: 'Tea' },
      price: tiyin(500_000),
      category: 'food',
      fiscal: { classCode: '10899001001000000', packageCode: '1', unitName: 'dona', vatPercent: 12, ownerType: 1 },
    },
  ],
};

const input: CheckoutInput = {
  catalog,
  methods: paymentMethodTable.map((row) => row.id),
  kioskName: 'Kiosk 1',
  idleMs: 90_000,
  walletTimeoutMs: 30_000,
  pinpadTimeoutMs: 180_000,
  scan2pay: { pollMs: 2_000, expiryMs: 300_000, print: false },
  maxAmount: tiyin(5_000_000_000),
};

/** The checkout's invoked payment child for each machine name (its `paying.<machine>` state). */
const childActor: Record<PaymentMachine, string> = {
  wallet: 'walletPayment',
  pinpad: 'pinpadPayment',
  scan2pay: 'scan2payPayment',
  uzqr: 'uzqrPayment',
};

describe('every payment method has a machine', () => {
  it.each(paymentMethodTable.map((row) => [row.id, row] as const))('%s goes to its payment machine', async (_id, row) => {
    const started: string[] = [];
    // A child that says which one it is and then waits: the test is about which one the checkout starts.
    const child = (name: string): AnyActorLogic =>
      fromPromise(async () => {
        started.push(name);
        await new Promise(() => undefined);
      });
    const machine = checkoutMachine.provide({
      actors: {
        ...Object.fromEntries(Object.values(childActor).map((name) => [name, child(name)])),
        nextOrderNumber: fromPromise(async () => '1'),
      },
    });
    const actor = createActor(machine, { input }).start();
    actor.send({ type: 'checkout.start' });
    actor.send({ type: 'cart.add', productId: 'tea' });
    actor.send({ type: 'checkout.pay' });
    expect(actor.getSnapshot().value).toEqual({ shopping: 'choosingMethod' });
    actor.send({ type: 'method.choose', method: row.id });
    await waitFor(actor, () => started.length > 0, { timeout: 1000 });
    expect(actor.getSnapshot().value).toEqual({ paying: row.machine });
    expect(started).toEqual([childActor[row.machine]]);
    actor.stop();
  });
});

/** The charge call each payment machine makes, through the real gateway client, and the path it goes to. */
interface Clients {
  gateway: Gateway;
  uzqr: ReturnType<typeof createUzqrCalls>;
}
const chargePath: Record<PaymentMachine, (row: PaymentMethodRow) => string> = {
  wallet: (row) => `/payment/${row.gatewayName}`,
  pinpad: (row) => `/payment/${row.gatewayName}`,
  scan2pay: (row) => `/payment/${row.gatewayName}`,
  // UzQR's first call creates the invoice (uzqr.md).
  uzqr: (row) => `/payment/${row.gatewayName}/create`,
};
const charge: Record<PaymentMachine, (clients: Clients, row: PaymentMethodRow) => Promise<Result<unknown>>> = {
  wallet: ({ gateway }, row) => {
    if (!isWallet(row.id)) throw new Error(`${row.id} is not a wallet`);
    return gateway.walletPay(row.id, tiyin(500_000), '880101698207133392');
  },
  pinpad: ({ gateway }, row) => {
    if (!isPinpad(row.id)) throw new Error(`${row.id} is not a pinpad`);
    return pinpadCalls(gateway, row.id).pay(tiyin(500_000));
  },
  scan2pay: ({ gateway }) => gateway.scan2payCreate(tiyin(500_000), '1700000000000123', false),
  uzqr: ({ uzqr }) => uzqr.create({ externalId: 'EXT001', amount: tiyin(500_000) }),
};

describe('every payment method has a simulator route', () => {
  let harness: Harness;
  let gateway: Gateway;
  let uzqr: Clients['uzqr'];
  // One trace for both clients, as boot.ts shares it.
  const trace = new TraceBuffer(50);
  beforeAll(async () => {
    harness = await startHarness();
    uzqr = createUzqrCalls({
      baseUrl: harness.base,
      trace,
      maxAmount: tiyin(5_000_000_000),
      timeouts: { defaultMs: 5_000, receiptMs: 5_000 },
    });
    gateway = createGateway({
      trace,
      baseUrl: harness.base,
      amountUnits: Object.fromEntries(unitConfigurableMethods.map((m) => [m, 'tiyin'])) as Parameters<
        typeof createGateway
      >[0]['amountUnits'],
      timeouts: { walletMs: 5_000, pinpadMs: 5_000, receiptMs: 5_000, defaultMs: 5_000 },
      maxAmount: tiyin(5_000_000_000),
    });
  });
  afterAll(async () => {
    await harness.close();
  });

  it.each(paymentMethodTable.map((row) => [row.id, row] as const))('the simulator answers the %s charge', async (_id, row) => {
    const result = await charge[row.machine]({ gateway, uzqr }, row);
    expect(result).toMatchObject({ ok: true });
    const last = gateway.trace().at(-1);
    expect(last?.path).toBe(chargePath[row.machine](row));
    expect(last?.status).toBe(200);
  });
});
