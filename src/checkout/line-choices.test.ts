import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { Catalog, Product } from '../catalog/catalog-types.ts';
import { parseCatalog } from '../catalog/catalog-schema.ts';
import { createCheckoutMachine } from '../machines/checkout.machine.ts';
import { tiyin } from '../money/money.ts';
import { addToCart, cartTotal, lineId, removeFromCart, setQuantity } from './cart.ts';
import { FISCAL_NAME_MAX, fiscalName, lineIdOf, orderedChoices, unitPrice, unmetGroups } from './line-choices.ts';
import { buildReceiptLines } from './receipt-lines.ts';

const checkoutMachine = createCheckoutMachine();

const fiscal = { classCode: '10899001001000000', packageCode: '1', unitName: 'stakan', vatPercent: 12, ownerType: 1 as const };
const cappuccino: Product = {
  id: 'cappuccino',
  name: { uz: 'Kapuchino', ru: 'Капучино', en: 'Cappuccino' },
  price: tiyin(2_800_000),
  category: 'hot',
  options: [
    {
      id: 'size',
      name: { uz: 'Hajmi', ru: 'Размер', en: 'Size' },
      min: 1,
      max: 1,
      choices: [
        { id: 's', name: 'S', price: tiyin(0) },
        { id: 'l', name: 'L', price: tiyin(500_000) },
      ],
    },
    {
      id: 'milk',
      name: { uz: 'Sut', ru: 'Молоко', en: 'Milk' },
      min: 0,
      max: 2,
      choices: [
        { id: 'oat', name: { uz: 'Suli suti', ru: 'Овсяное молоко', en: 'Oat milk' }, price: tiyin(300_000) },
        { id: 'syrup', name: { uz: 'Sirop', ru: 'Сироп', en: 'Syrup' }, price: tiyin(0) },
      ],
    },
  ],
  fiscal,
};
const tea: Product = { id: 'tea', name: 'Choy', price: tiyin(1_000_000), category: 'hot', fiscal };
const catalog: Catalog = { categories: [{ id: 'hot', name: 'Hot' }], products: [cappuccino, tea] };
const large = [{ group: 'size', choice: 'l' }];
const largeOat = [
  { group: 'milk', choice: 'oat' },
  { group: 'size', choice: 'l' },
];

describe('option choices', () => {
  it('price a unit with its deltas and check each group min/max', () => {
    expect(unitPrice(cappuccino, orderedChoices(cappuccino, largeOat))).toBe(3_600_000);
    expect(unitPrice(tea, undefined)).toBe(1_000_000);
    expect(unmetGroups(cappuccino, []).map((g) => g.id)).toEqual(['size']);
    expect(unmetGroups(cappuccino, large)).toEqual([]);
    expect(unmetGroups(cappuccino, [...large, { group: 'size', choice: 's' }]).map((g) => g.id)).toEqual(['size']);
  });

  it('name a line by product and choices in catalog order, whatever order they were tapped in', () => {
    expect(lineIdOf('tea', undefined)).toBe('tea');
    expect(lineIdOf('cappuccino', orderedChoices(cappuccino, largeOat))).toBe('cappuccino|size:l,milk:oat');
  });

  it('keep the fiscal name within FISCAL_NAME_MAX, shortening the choices, never the product', () => {
    expect(fiscalName('Kapuchino', ['L', 'Suli suti'])).toBe('Kapuchino (L, Suli suti)');
    const long = fiscalName('Kapuchino', Array.from({ length: 20 }, (_, i) => `Choice ${i}`));
    expect([...long].length).toBeLessThanOrEqual(FISCAL_NAME_MAX);
    expect(long.startsWith('Kapuchino (Choice 0, ')).toBe(true);
    expect(long.endsWith('…)')).toBe(true);
  });
});

describe('a cart with options', () => {
  it('keeps the same product with other choices on another line; + and − act per line', () => {
    let cart = addToCart([], 'cappuccino', orderedChoices(cappuccino, large));
    cart = addToCart(cart, 'cappuccino', orderedChoices(cappuccino, largeOat));
    cart = addToCart(cart, 'cappuccino', orderedChoices(cappuccino, large));
    cart = addToCart(cart, 'tea');
    expect(cart.map((l) => [lineId(l), l.quantity])).toEqual([
      ['cappuccino|size:l', 2],
      ['cappuccino|size:l,milk:oat', 1],
      ['tea', 1],
    ]);
    cart = removeFromCart(cart, 'cappuccino|size:l');
    cart = setQuantity(cart, 'cappuccino|size:l,milk:oat', 3);
    expect(cart.map((l) => [lineId(l), l.quantity])).toEqual([
      ['cappuccino|size:l', 1],
      ['cappuccino|size:l,milk:oat', 3],
      ['tea', 1],
    ]);
    // A line with choices cannot be conjured by its id alone.
    expect(setQuantity(cart, 'cappuccino|size:s', 1)).toBe(cart);
    expect(cartTotal(cart, catalog)).toBe(3_300_000 + 3 * 3_600_000 + 1_000_000);
  });

  it('puts the deltas in product_price and the choices in the receipt name, VAT on the whole line', () => {
    const cart = addToCart([], 'cappuccino', orderedChoices(cappuccino, largeOat));
    const [line] = buildReceiptLines(setQuantity(cart, lineId(cart[0]!), 2), catalog, 'en');
    expect(line).toMatchObject({ name: 'Cappuccino (L, Oat milk)', productPrice: 3_600_000, price: 7_200_000, amount: 2000 });
    expect(line?.vat).toBe(771_429); // 7 200 000 × 12 / 112, half up
  });
});

describe('catalog options', () => {
  const file = (options: unknown) => ({
    categories: [{ id: 'hot', name: 'Hot' }],
    products: [
      {
        id: 'c',
        name: 'C',
        price: 100,
        category: 'hot',
        options,
        fiscal: { class_code: '10899001001000000', package_code: '1', unit_name: 'dona', vat_percent: 12, owner_type: 1 },
      },
    ],
  });
  const group = { id: 'size', name: 'Size', min: 1, max: 1, choices: [{ id: 's', name: 'S', price: 0 }, { id: 'l', name: 'L', price: 500 }] };

  it('reads groups and choices, prices in tiyin', () => {
    const parsed = parseCatalog(file([group]), 'http://k/catalog.json');
    expect(parsed.ok && parsed.catalog.products[0]?.options?.[0]?.choices[1]?.price).toBe(500);
  });

  it.each([
    ['a negative delta', [{ ...group, choices: [{ id: 's', name: 'S', price: -1 }] }], 'products.0.options.0.choices.0.price'],
    ['min above max', [{ ...group, min: 2 }], 'products.0.options.0.min'],
    ['max above the choices', [{ ...group, max: 3 }], 'products.0.options.0.max'],
    ['a duplicate choice', [{ ...group, choices: [group.choices[0], group.choices[0]] }], 'products.0.options.0.choices.1.id'],
    ['no choices', [{ ...group, choices: [] }], 'products.0.options.0.choices'],
  ])('refuses %s with its path', (_, options, path) => {
    const parsed = parseCatalog(file(options), 'http://k/catalog.json');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain(path);
  });
});

describe('the checkout with cafe features', () => {
  const input = {
    catalog,
    methods: ['humo' as const],
    kioskName: 'K',
    idleMs: 90_000,
    walletTimeoutMs: 30_000,
    pinpadTimeoutMs: 180_000,
    scan2pay: { pollMs: 2_000, expiryMs: 300_000, print: false },
    maxAmount: tiyin(5_000_000_000),
  };

  it('refuses a product with a required group unanswered, and a sold-out product', () => {
    const actor = createActor(checkoutMachine, { input }).start();
    actor.send({ type: 'checkout.start' });
    actor.send({ type: 'cart.add', productId: 'cappuccino' });
    expect(actor.getSnapshot().context.cart).toEqual([]);
    expect(actor.getSnapshot().context.notice).toBe('menu.chooseOptionsNotice');
    actor.send({ type: 'soldOut.changed', productIds: ['tea'] });
    actor.send({ type: 'cart.add', productId: 'tea' });
    expect(actor.getSnapshot().context.cart).toEqual([]);
    expect(actor.getSnapshot().context.notice).toBe('menu.soldOutNotice');
    actor.send({ type: 'cart.add', productId: 'cappuccino', choices: largeOat });
    expect(actor.getSnapshot().context.cart).toEqual([{ productId: 'cappuccino', quantity: 1, choices: orderedChoices(cappuccino, largeOat) }]);
  });

  it('flags a product that sold out while in the cart: no payment until it is removed', () => {
    const actor = createActor(checkoutMachine, { input }).start();
    actor.send({ type: 'checkout.start' });
    actor.send({ type: 'cart.add', productId: 'tea' });
    actor.send({ type: 'soldOut.changed', productIds: ['tea'] });
    actor.send({ type: 'checkout.pay' });
    expect(actor.getSnapshot().matches({ shopping: 'browsing' })).toBe(true);
    expect(actor.getSnapshot().context.notice).toBe('menu.cart.soldOutNotice');
    actor.send({ type: 'soldOut.changed', productIds: [] });
    actor.send({ type: 'checkout.pay' });
    expect(actor.getSnapshot().matches({ shopping: 'choosingMethod' })).toBe(true);
  });

  it('asks eat here or take away before the methods when serviceModes is set', () => {
    const actor = createActor(checkoutMachine, { input: { ...input, serviceModes: ['eatIn', 'takeAway'] } }).start();
    actor.send({ type: 'checkout.start' });
    actor.send({ type: 'cart.add', productId: 'tea' });
    actor.send({ type: 'checkout.pay' });
    expect(actor.getSnapshot().matches({ shopping: 'choosingService' })).toBe(true);
    actor.send({ type: 'service.choose', mode: 'takeAway' });
    expect(actor.getSnapshot().matches({ shopping: 'choosingMethod' })).toBe(true);
    expect(actor.getSnapshot().context.serviceMode).toBe('takeAway');
  });

  it('takes a new catalog on the attract screen only, never under a cart', () => {
    const actor = createActor(checkoutMachine, { input }).start();
    const dearer: Catalog = { ...catalog, products: [cappuccino, { ...tea, price: tiyin(2_000_000) }] };
    actor.send({ type: 'checkout.start' });
    actor.send({ type: 'cart.add', productId: 'tea' });
    actor.send({ type: 'catalog.update', catalog: dearer });
    expect(actor.getSnapshot().context.catalog).toBe(catalog);
    actor.send({ type: 'checkout.pay' });
    expect(actor.getSnapshot().context.total).toBe(1_000_000);
    actor.send({ type: 'user.back' });
    actor.send({ type: 'checkout.cancel' });
    actor.send({ type: 'catalog.update', catalog: dearer });
    expect(actor.getSnapshot().context.catalog).toBe(dearer);
  });
});
