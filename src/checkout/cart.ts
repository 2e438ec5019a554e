/**
 * The cart as pure functions over an immutable list: the checkout machine keeps it in its context.
 * Limits keep a runaway tap or scanner from building an order nobody meant.
 */
import type { Catalog, Product } from '../catalog/catalog-types.ts';
import { multiplyTiyin, sumTiyin, type Tiyin } from '../money/money.ts';
import { lineIdOf, unitPrice, type LineChoice } from './line-choices.ts';

export interface CartLine {
  productId: string;
  /** 1..MAX_QUANTITY */
  quantity: number;
  /**
   * A marked product's marking codes as scanned, one per unit (length === quantity); absent for unmarked
   * products. Kept and changed by marked-cart.ts.
   */
  labels?: readonly string[];
  /** The product's option choices; absent for a product without options. Other choices make another line. */
  choices?: readonly LineChoice[];
}

/** A line's id: its product id, or for a line with choices the product and its choices (line-choices.ts). */
export function lineId(line: CartLine): string {
  return lineIdOf(line.productId, line.choices);
}

export type Cart = readonly CartLine[];

export const MAX_QUANTITY = 20;
export const MAX_LINES = 50;

export class CartError extends Error {
  override name = 'CartError';
}

/**
 * Adds one of a product (with its option choices, in catalog order: see `orderedChoices`). Returns the same cart
 * (by reference) when a limit refuses it, so callers can tell.
 */
export function addToCart(cart: Cart, productId: string, choices?: readonly LineChoice[]): Cart {
  const id = lineIdOf(productId, choices);
  const line = cart.find((l) => lineId(l) === id);
  if (line) return setQuantity(cart, id, line.quantity + 1);
  if (cart.length >= MAX_LINES) return cart;
  return [...cart, choices && choices.length > 0 ? { productId, quantity: 1, choices: [...choices] } : { productId, quantity: 1 }];
}

/** Takes one away from the line `id` (a product id for a line without choices); the line disappears at zero. */
export function removeFromCart(cart: Cart, id: string): Cart {
  const line = cart.find((l) => lineId(l) === id);
  if (!line) return cart;
  return setQuantity(cart, id, line.quantity - 1);
}

/**
 * Sets the quantity of the line `id` (a product id for a line without choices): 0 or less removes it, more than
 * MAX_QUANTITY (or not a whole number) is refused and the same cart is returned. Setting a product without
 * choices that is not in the cart adds it (within MAX_LINES).
 */
export function setQuantity(cart: Cart, id: string, quantity: number): Cart {
  if (!Number.isInteger(quantity) || quantity > MAX_QUANTITY) return cart;
  const index = cart.findIndex((l) => lineId(l) === id);
  if (quantity <= 0) return index < 0 ? cart : cart.filter((l) => lineId(l) !== id);
  if (index < 0) return cart.length >= MAX_LINES || id.includes('|') ? cart : [...cart, { productId: id, quantity }];
  if (cart[index]?.quantity === quantity) return cart;
  return cart.map((l, i) => (i === index ? { ...l, quantity } : l));
}

/** Finds a cart line's product. @throws CartError when the catalog has no such product. */
export function productOf(catalog: Catalog, productId: string): Product {
  const product = catalog.products.find((p) => p.id === productId);
  if (!product) throw new CartError(`no product ${productId} in the catalog`);
  return product;
}

/** The cart's total in tiyin. @throws CartError for a product the catalog does not have. */
export function cartTotal(cart: Cart, catalog: Catalog): Tiyin {
  return sumTiyin(cart.map((l) => multiplyTiyin(unitPrice(productOf(catalog, l.productId), l.choices), l.quantity)));
}

/** The number of items (quantities summed). */
export function cartCount(cart: Cart): number {
  return cart.reduce((n, l) => n + l.quantity, 0);
}
