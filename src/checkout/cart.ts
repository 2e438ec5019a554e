/**
 * The cart as pure functions over an immutable list: the checkout machine keeps it in its context.
 * Limits keep a runaway tap or scanner from building an order nobody meant.
 */
import type { Catalog, Product } from '../catalog/catalog-types.ts';
import { multiplyTiyin, sumTiyin, type Tiyin } from '../money/money.ts';

export interface CartLine {
  productId: string;
  /** 1..MAX_QUANTITY */
  quantity: number;
  /**
   * A marked product's marking codes as scanned, one per unit (length === quantity); absent for unmarked
   * products. Kept and changed by marked-cart.ts.
   */
  labels?: readonly string[];
}

export type Cart = readonly CartLine[];

export const MAX_QUANTITY = 20;
export const MAX_LINES = 50;

export class CartError extends Error {
  override name = 'CartError';
}

/**
 * Adds one of a product. Returns the same cart (by reference) when a limit refuses it, so callers can tell.
 */
export function addToCart(cart: Cart, productId: string): Cart {
  const line = cart.find((l) => l.productId === productId);
  if (line) return setQuantity(cart, productId, line.quantity + 1);
  if (cart.length >= MAX_LINES) return cart;
  return [...cart, { productId, quantity: 1 }];
}

/** Takes one away; the line disappears at zero. */
export function removeFromCart(cart: Cart, productId: string): Cart {
  const line = cart.find((l) => l.productId === productId);
  if (!line) return cart;
  return setQuantity(cart, productId, line.quantity - 1);
}

/**
 * Sets a line's quantity: 0 or less removes it, more than MAX_QUANTITY (or not a whole number) is refused
 * and the same cart is returned. Setting a product not in the cart adds it (within MAX_LINES).
 */
export function setQuantity(cart: Cart, productId: string, quantity: number): Cart {
  if (!Number.isInteger(quantity) || quantity > MAX_QUANTITY) return cart;
  const index = cart.findIndex((l) => l.productId === productId);
  if (quantity <= 0) return index < 0 ? cart : cart.filter((l) => l.productId !== productId);
  if (index < 0) return cart.length >= MAX_LINES ? cart : [...cart, { productId, quantity }];
  if (cart[index]?.quantity === quantity) return cart;
  return cart.map((l, i) => (i === index ? { productId, quantity } : l));
}

/** Finds a cart line's product. @throws CartError when the catalog has no such product. */
export function productOf(catalog: Catalog, productId: string): Product {
  const product = catalog.products.find((p) => p.id === productId);
  if (!product) throw new CartError(`no product ${productId} in the catalog`);
  return product;
}

/** The cart's total in tiyin. @throws CartError for a product the catalog does not have. */
export function cartTotal(cart: Cart, catalog: Catalog): Tiyin {
  return sumTiyin(cart.map((l) => multiplyTiyin(productOf(catalog, l.productId).price, l.quantity)));
}

/** The number of items (quantities summed). */
export function cartCount(cart: Cart): number {
  return cart.reduce((n, l) => n + l.quantity, 0);
}
