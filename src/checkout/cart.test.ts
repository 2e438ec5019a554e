import { describe, expect, it } from 'vitest';
import type { Catalog, Product } from '../catalog/catalog-types.ts';
import { tiyin } from '../money/money.ts';
import {
  addToCart,
  cartCount,
  cartTotal,
  CartError,
  cartView,
  MAX_LINES,
  MAX_QUANTITY,
  MIN_QUANTITY,
  removeFromCart,
  setQuantity,
  type Cart,
} from './cart.ts';

function product(id: string, price: number): Product {
  return {
    id,
    name: id,
    price: tiyin(price),
    category: 'c',
    fiscal: { classCode: '10899001001000000', packageCode: '1', unitName: 'dona', vatPercent: 12, ownerType: 1 },
  };
}
const catalog: Catalog = { categories: [{ id: 'c', name: 'C' }], products: [product('tea', 500_000), product('cake', 1_250_050)] };

describe('cart', () => {
  it('adds, removes and totals in tiyin', () => {
    let cart: Cart = [];
    cart = addToCart(cart, 'tea');
    cart = addToCart(cart, 'tea');
    cart = addToCart(cart, 'cake');
    expect(cart).toEqual([
      { productId: 'tea', quantity: 2 },
      { productId: 'cake', quantity: 1 },
    ]);
    expect(cartCount(cart)).toBe(3);
    expect(cartTotal(cart, catalog)).toBe(2_250_050);
    cart = removeFromCart(cart, 'tea');
    cart = removeFromCart(cart, 'cake');
    expect(cart).toEqual([{ productId: 'tea', quantity: 1 }]);
    expect(removeFromCart(cart, 'cake')).toBe(cart);
  });

  it('keeps each line within 1..20 and refuses by returning the same cart', () => {
    let cart: Cart = setQuantity([], 'tea', MAX_QUANTITY);
    expect(cart).toEqual([{ productId: 'tea', quantity: 20 }]);
    expect(addToCart(cart, 'tea')).toBe(cart);
    expect(setQuantity(cart, 'tea', 21)).toBe(cart);
    expect(setQuantity(cart, 'tea', 2.5)).toBe(cart);
    cart = setQuantity(cart, 'tea', 0);
    expect(cart).toEqual([]);
  });

  it('holds at most 50 lines', () => {
    let cart: Cart = [];
    for (let i = 0; i < MAX_LINES; i++) cart = addToCart(cart, `p${i}`);
    expect(cart).toHaveLength(50);
    expect(addToCart(cart, 'one-more')).toBe(cart);
    expect(addToCart(cart, 'p0')[0]?.quantity).toBe(2);
  });

  it('refuses to price a product the catalog does not have', () => {
    expect(() => cartTotal([{ productId: 'ghost', quantity: 1 }], catalog)).toThrow(CartError);
  });

  it('shows what it charges: the view of a priced cart has the same lines and total', () => {
    const cart: Cart = [
      { productId: 'tea', quantity: 2 },
      { productId: 'cake', quantity: 1 },
    ];
    const view = cartView(catalog, cart, 'en');
    expect(view.lines.map((l) => [l.id, l.name, l.quantity, l.lineTotal])).toEqual([
      ['tea', 'tea', 2, 1_000_000],
      ['cake', 'cake', 1, 1_250_050],
    ]);
    expect(view.total).toBe(cartTotal(cart, catalog));
    expect([MIN_QUANTITY, MAX_QUANTITY]).toEqual([1, 20]);
  });

  it('leaves a line whose product left the catalog out of the view and its total, never priced at 0', () => {
    const cart: Cart = [
      { productId: 'ghost', quantity: 3 },
      { productId: 'cake', quantity: 1 },
    ];
    const view = cartView(catalog, cart, 'en');
    expect(view.lines.map((l) => l.id)).toEqual(['cake']);
    expect(view.total).toBe(1_250_050);
    // …and the same cart is never charged.
    expect(() => cartTotal(cart, catalog)).toThrow(CartError);
  });
});
