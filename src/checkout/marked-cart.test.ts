import { describe, expect, it } from 'vitest';
import type { Catalog, Product } from '../catalog/catalog-types.ts';
import { tiyin } from '../money/money.ts';
import { addToCart, MAX_QUANTITY, type Cart } from './cart.ts';
import { addMarkedUnit, isMarked, markedProductForCode, reduceMarkedLine } from './marked-cart.ts';
import { juiceGtin, markingCode, waterGtin } from '../testing/marking-codes.ts';
import { buildReceiptLines } from './receipt-lines.ts';

const fiscal = { classCode: '11070001001000000', packageCode: '1339506', unitName: 'dona', vatPercent: 12, ownerType: 0 as const };
const water: Product = { id: 'water', name: 'Water', price: tiyin(650_000), category: 'c', barcode: '4780069000130', marked: true, fiscal };
const juice: Product = { id: 'juice', name: 'Juice', price: tiyin(2_100_000), category: 'c', barcode: '4781135000429', marked: true, fiscal };
const tea: Product = { id: 'tea', name: 'Tea', price: tiyin(500_000), category: 'c', fiscal };
const catalog: Catalog = { categories: [{ id: 'c', name: 'C' }], products: [water, juice, tea] };

function added(cart: Cart, product: Product, code: string): Cart {
  const result = addMarkedUnit(cart, product, code);
  if (!result.ok) throw new Error(result.refusal);
  return result.cart;
}

describe('marked cart', () => {
  it('adds one unit per code and keeps the codes on the line in scan order', () => {
    let cart: Cart = addToCart([], 'tea');
    cart = added(cart, water, markingCode(waterGtin, 'W1'));
    cart = added(cart, water, markingCode(waterGtin, 'W2'));
    expect(cart).toEqual([
      { productId: 'tea', quantity: 1 },
      { productId: 'water', quantity: 2, labels: [markingCode(waterGtin, 'W1'), markingCode(waterGtin, 'W2')] },
    ]);
    expect(isMarked(catalog, 'water')).toBe(true);
    expect(isMarked(catalog, 'tea')).toBe(false);
  });

  it('refuses a code already in the cart (same GTIN and serial, whatever its tail), another product’s code, and non-codes', () => {
    const cart = added([], water, markingCode(waterGtin, 'W1'));
    expect(addMarkedUnit(cart, water, markingCode(waterGtin, 'W1', 'XXXX'))).toEqual({ ok: false, refusal: 'alreadyInCart' });
    expect(addMarkedUnit(cart, water, markingCode(juiceGtin, 'J1'))).toEqual({ ok: false, refusal: 'wrongProduct' });
    expect(addMarkedUnit(cart, water, '4780069000130')).toEqual({ ok: false, refusal: 'notMarkingCode' });
    expect(addMarkedUnit(cart, water, `01${waterGtin}21W293dGVz`)).toEqual({ ok: false, refusal: 'noSeparator' });
  });

  it('refuses a unit beyond the quantity limit', () => {
    let cart: Cart = [];
    for (let i = 0; i < MAX_QUANTITY; i++) cart = added(cart, water, markingCode(waterGtin, `W${i}`));
    expect(addMarkedUnit(cart, water, markingCode(waterGtin, 'W99'))).toEqual({ ok: false, refusal: 'cartLimit' });
  });

  it('taking units away takes the last scanned codes with them; zero removes the line', () => {
    let cart = added([], water, markingCode(waterGtin, 'W1'));
    cart = added(cart, water, markingCode(waterGtin, 'W2'));
    cart = added(cart, water, markingCode(waterGtin, 'W3'));
    const two = reduceMarkedLine(cart, 'water', 2);
    expect(two).toEqual([{ productId: 'water', quantity: 2, labels: [markingCode(waterGtin, 'W1'), markingCode(waterGtin, 'W2')] }]);
    expect(reduceMarkedLine(two, 'water', 0)).toEqual([]);
    // A larger quantity is not made here (each unit needs its code).
    expect(reduceMarkedLine(two, 'water', 5)).toBe(two);
    // The removed code can be scanned again.
    expect(addMarkedUnit(two, water, markingCode(waterGtin, 'W3')).ok).toBe(true);
  });

  it('finds the marked product of a code by GTIN', () => {
    expect(markedProductForCode(catalog, markingCode(juiceGtin, 'J1'))?.id).toBe('juice');
    expect(markedProductForCode(catalog, markingCode('04780000000017', 'X1'))).toBeNull();
    expect(markedProductForCode(catalog, 'hello')).toBeNull();
  });

  it('a marked line of quantity 3 becomes one receipt line of amount 3000 with 3 labels; unmarked lines have none', () => {
    let cart: Cart = addToCart([], 'tea');
    for (const s of ['A1', 'B2', 'C3']) cart = added(cart, water, markingCode(waterGtin, s));
    const [teaLine, waterLine] = buildReceiptLines(cart, catalog);
    expect(teaLine?.labels).toBeUndefined();
    expect(waterLine?.amount).toBe(3000);
    expect(waterLine?.labels).toEqual([`01${waterGtin}21A1`, `01${waterGtin}21B2`, `01${waterGtin}21C3`]);
  });
});
