import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { Catalog, Product } from '../catalog/catalog-types.ts';
import { juiceGtin, markingCode, waterGtin } from '../testing/marking-codes.ts';
import type { OkmProduct, OkmSaleValidation } from '../gateway/okm-validation.ts';
import { tiyin } from '../money/money.ts';
import { createCheckoutMachine, type CheckoutInput } from './checkout.machine.ts';

const checkoutMachine = createCheckoutMachine();

const fiscal = { classCode: '11070001001000000', packageCode: '1339506', unitName: 'dona', vatPercent: 12, ownerType: 0 as const };
const water: Product = { id: 'water', name: 'Water', price: tiyin(650_000), category: 'c', barcode: '4780069000130', marked: true, fiscal };
const juice: Product = { id: 'juice', name: 'Juice', price: tiyin(2_100_000), category: 'c', barcode: '4781135000429', marked: true, fiscal };
const tea: Product = { id: 'tea', name: 'Tea', price: tiyin(500_000), category: 'c', barcode: '4780000000017', fiscal };
const catalog: Catalog = { categories: [{ id: 'c', name: 'C' }], products: [water, juice, tea] };

const input: CheckoutInput = {
  catalog,
  methods: ['humo'],
  kioskName: 'Kiosk 1',
  idleMs: 90_000,
  walletTimeoutMs: 30_000,
  pinpadTimeoutMs: 180_000,
  scan2pay: { pollMs: 2_000, expiryMs: 300_000, print: false },
  maxAmount: tiyin(5_000_000_000),
};

function start(options: { validate?: boolean; answer?: (products: OkmProduct[]) => OkmSaleValidation } = {}) {
  const asked: OkmProduct[][] = [];
  const machine = checkoutMachine.provide({
    actors: {
      validateMarkingCodes: fromPromise<OkmSaleValidation, { products: OkmProduct[] }>(async ({ input: i }) => {
        asked.push(i.products);
        return options.answer?.(i.products) ?? { result: { kind: 'accepted' }, productIndex: null };
      }),
    },
  });
  const actor = createActor(machine, { input: { ...input, validateMarkingCodes: options.validate ?? false } });
  actor.start();
  actor.send({ type: 'checkout.start' });
  return { actor, asked };
}

describe('checkout: marked goods', () => {
  it('adding a marked product asks for its code; the code adds one unit with its label; Back adds nothing', () => {
    const { actor } = start();
    actor.send({ type: 'cart.add', productId: 'water' });
    expect(actor.getSnapshot().matches({ shopping: 'scanningMarkingCode' })).toBe(true);
    expect(actor.getSnapshot().context.markingProductId).toBe('water');
    expect(actor.getSnapshot().context.cart).toEqual([]);
    actor.send({ type: 'marking.scanned', code: markingCode(waterGtin, 'W1') });
    expect(actor.getSnapshot().matches({ shopping: 'browsing' })).toBe(true);
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'water', quantity: 1, labels: [markingCode(waterGtin, 'W1')] }]);
    actor.send({ type: 'cart.setQuantity', productId: 'water', quantity: 2 });
    expect(actor.getSnapshot().matches({ shopping: 'scanningMarkingCode' })).toBe(true);
    actor.send({ type: 'user.back' });
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'water', quantity: 1, labels: [markingCode(waterGtin, 'W1')] }]);
  });

  it('refuses a second scan of the same code, another product’s code and a non-code, staying on the scan step', () => {
    const { actor } = start();
    actor.send({ type: 'cart.add', productId: 'water' });
    actor.send({ type: 'marking.scanned', code: markingCode(waterGtin, 'W1') });
    actor.send({ type: 'cart.add', productId: 'water' });
    for (const [code, refusal] of [
      [markingCode(waterGtin, 'W1'), 'alreadyInCart'],
      [markingCode(juiceGtin, 'J1'), 'wrongProduct'],
      ['4780069000130', 'notMarkingCode'],
    ] as const) {
      actor.send({ type: 'marking.scanned', code });
      expect(actor.getSnapshot().matches({ shopping: 'scanningMarkingCode' })).toBe(true);
      expect(actor.getSnapshot().context.markingNotice).toEqual({ kind: 'scan', productId: 'water', refusal });
    }
    expect(actor.getSnapshot().context.cart[0]?.quantity).toBe(1);
  });

  it('removing a unit removes its code (the last scanned); the code can then be scanned again', () => {
    const { actor } = start();
    for (const serial of ['W1', 'W2']) {
      actor.send({ type: 'cart.add', productId: 'water' });
      actor.send({ type: 'marking.scanned', code: markingCode(waterGtin, serial) });
    }
    actor.send({ type: 'cart.remove', productId: 'water' });
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'water', quantity: 1, labels: [markingCode(waterGtin, 'W1')] }]);
    actor.send({ type: 'cart.setQuantity', productId: 'water', quantity: 0 });
    expect(actor.getSnapshot().context.cart).toEqual([]);
  });

  it('on the menu a hand-scanned marking code adds its product with the code; the shop barcode asks for the code', () => {
    const { actor } = start();
    actor.send({ type: 'barcode.scanned', code: markingCode(juiceGtin, 'J1') });
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'juice', quantity: 1, labels: [markingCode(juiceGtin, 'J1')] }]);
    actor.send({ type: 'barcode.scanned', code: markingCode(juiceGtin, 'J1') });
    expect(actor.getSnapshot().context.markingNotice).toEqual({ kind: 'scan', productId: 'juice', refusal: 'alreadyInCart' });
    actor.send({ type: 'marking.dismiss' });
    expect(actor.getSnapshot().context.markingNotice).toBeNull();
    actor.send({ type: 'barcode.scanned', code: '4780069000130' });
    expect(actor.getSnapshot().matches({ shopping: 'scanningMarkingCode' })).toBe(true);
    expect(actor.getSnapshot().context.markingProductId).toBe('water');
    actor.send({ type: 'user.back' });
    // An unmarked product's barcode still adds it directly.
    actor.send({ type: 'barcode.scanned', code: '4780000000017' });
    expect(actor.getSnapshot().context.cart.map((l) => l.productId)).toEqual(['juice', 'tea']);
  });

  it('the receipt lines fixed at Pay carry the labels, one per unit', () => {
    const { actor } = start();
    for (const serial of ['W1', 'W2', 'W3']) {
      actor.send({ type: 'cart.add', productId: 'water' });
      actor.send({ type: 'marking.scanned', code: markingCode(waterGtin, serial) });
    }
    actor.send({ type: 'checkout.pay' });
    expect(actor.getSnapshot().matches({ shopping: 'choosingMethod' })).toBe(true);
    expect(actor.getSnapshot().context.lines[0]?.labels).toEqual([`01${waterGtin}21W1`, `01${waterGtin}21W2`, `01${waterGtin}21W3`]);
  });

  it('with validation on, Pay asks /okm/validation first; a refusal returns to the menu naming the product', async () => {
    const { actor, asked } = start({
      validate: true,
      answer: (products) =>
        products.length === 2
          ? { result: { kind: 'refused', code: '1016', message: 'Ushbu markirovka kodi sotilgan' }, productIndex: 1 }
          : { result: { kind: 'accepted' }, productIndex: null },
    });
    actor.send({ type: 'cart.add', productId: 'tea' });
    actor.send({ type: 'barcode.scanned', code: markingCode(waterGtin, 'W1') });
    actor.send({ type: 'barcode.scanned', code: markingCode(juiceGtin, 'J1') });
    actor.send({ type: 'checkout.pay' });
    await waitFor(actor, (s) => s.matches({ shopping: 'browsing' }));
    expect(asked[0]?.map((p) => p.kmIds)).toEqual([[`01${waterGtin}21W1`], [`01${juiceGtin}21J1`]]);
    expect(asked[0]?.[0]?.fullKmIds).toEqual([markingCode(waterGtin, 'W1')]);
    expect(actor.getSnapshot().context.markingNotice).toEqual({
      kind: 'refused',
      productId: 'juice',
      code: '1016',
      message: 'Ushbu markirovka kodi sotilgan',
    });
    // Taking the juice out lets the rest be paid.
    actor.send({ type: 'cart.remove', productId: 'juice' });
    actor.send({ type: 'checkout.pay' });
    await waitFor(actor, (s) => s.matches({ shopping: 'choosingMethod' }));
    expect(actor.getSnapshot().context.markingNotice).toBeNull();
  });

  it('with validation on, no answer stops the payment too (unknown is not accepted); no marked goods, no call', async () => {
    const { actor, asked } = start({ validate: true, answer: () => ({ result: { kind: 'unknown', problem: 'timeout' }, productIndex: null }) });
    actor.send({ type: 'barcode.scanned', code: markingCode(waterGtin, 'W1') });
    actor.send({ type: 'checkout.pay' });
    await waitFor(actor, (s) => s.matches({ shopping: 'browsing' }));
    expect(actor.getSnapshot().context.markingNotice).toEqual({ kind: 'unavailable' });
    actor.send({ type: 'cart.clear' });
    actor.send({ type: 'cart.add', productId: 'tea' });
    actor.send({ type: 'checkout.pay' });
    expect(actor.getSnapshot().matches({ shopping: 'choosingMethod' })).toBe(true);
    expect(asked).toHaveLength(1);
  });
});
