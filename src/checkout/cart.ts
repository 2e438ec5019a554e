/**
 * The cart, the one model of it: pure functions over an immutable list that the checkout machine keeps in its
 * context, and the view of it the screens show. Limits keep a runaway tap or scanner from building an order
 * nobody meant.
 *
 * A line whose product is not in the catalog (a catalog replaced under it) is never priced at 0 and never
 * charged: the total and the receipt lines refuse it (`CartError`), and the view leaves it out, so the
 * customer is not shown a line the kiosk cannot price. The catalog is only replaced on the attract screen,
 * with no cart, so neither should ever meet one.
 */
import { localizedText, type Catalog, type Product } from '../catalog/catalog-types.ts';
import { multiplyTiyin, sumTiyin, type Locale, type Tiyin } from '../money/money.ts';
import { choiceNames, lineIdOf, unitPrice, type LineChoice } from './line-choices.ts';

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

/** One line may hold 1–20 of a product: enough for a family, few enough that a stuck finger is noticed. */
export const MIN_QUANTITY = 1;
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

/** A cart line's product, or undefined when the catalog has no such product. */
function findProduct(catalog: Catalog, productId: string): Product | undefined {
  return catalog.products.find((p) => p.id === productId);
}

/** Finds a cart line's product. @throws CartError when the catalog has no such product. */
export function productOf(catalog: Catalog, productId: string): Product {
  const product = findProduct(catalog, productId);
  if (!product) throw new CartError(`no product ${productId} in the catalog`);
  return product;
}

/** A line's total: its product's price with the line's choices, times its quantity. */
function lineTotal(product: Product, line: CartLine): Tiyin {
  return multiplyTiyin(unitPrice(product, line.choices), line.quantity);
}

/** The cart's total in tiyin. @throws CartError for a product the catalog does not have. */
export function cartTotal(cart: Cart, catalog: Catalog): Tiyin {
  return sumTiyin(cart.map((l) => lineTotal(productOf(catalog, l.productId), l)));
}

/** The number of items (quantities summed). */
export function cartCount(cart: Cart): number {
  return cart.reduce((n, l) => n + l.quantity, 0);
}

export interface CartViewLine {
  /** The line's id (the product id for a line without choices): what + / − / remove act on. */
  id: string;
  product: Product;
  name: string;
  /** The choices' names, in the customer's language ("L", "Oat milk"). */
  choices: string[];
  quantity: number;
  lineTotal: Tiyin;
}

/**
 * The cart as the screens show it, in the customer's language. A line whose product is not in the catalog is
 * left out (see the top of this file), and so is its amount: the total shown is the sum of the lines shown.
 */
export function cartView(catalog: Catalog, cart: Cart, locale: Locale): { lines: CartViewLine[]; total: Tiyin } {
  const lines: CartViewLine[] = [];
  for (const line of cart) {
    const product = findProduct(catalog, line.productId);
    if (!product) continue;
    lines.push({
      id: lineId(line),
      product,
      name: localizedText(product.name, locale),
      choices: choiceNames(product, line.choices, locale),
      quantity: line.quantity,
      lineTotal: lineTotal(product, line),
    });
  }
  return { lines, total: sumTiyin(lines.map((l) => l.lineTotal)) };
}
