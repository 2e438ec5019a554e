/**
 * Cart changes for marked products (catalog `"marked": true`): every unit comes with its own marking code,
 * so a unit is added only with a code, and taking a unit away takes its code with it. The plain cart
 * functions (cart.ts) never touch a line's `labels`; the checkout machine routes marked products here.
 */
import type { Catalog, Product } from '../catalog/catalog-types.ts';
import { MAX_LINES, MAX_QUANTITY, type Cart, type CartLine } from './cart.ts';
import { codeFitsProduct, parseMarkingCode, type MarkingCodeProblem } from './marking-code.ts';

/** Why a scanned marking code was not added. */
export type MarkingRefusal = MarkingCodeProblem | 'wrongProduct' | 'alreadyInCart' | 'cartLimit';

export function isMarked(catalog: Catalog, productId: string): boolean {
  return catalog.products.some((p) => p.id === productId && p.marked === true);
}

/** The marked product a scanned marking code belongs to (by GTIN), or null. */
export function markedProductForCode(catalog: Catalog, scanned: string): Product | null {
  const parsed = parseMarkingCode(scanned);
  if (!parsed.ok) return null;
  return catalog.products.find((p) => p.marked === true && codeFitsProduct(parsed.code, p.barcode)) ?? null;
}

/**
 * Adds one unit of a marked product with its scanned code.
 * @returns the new cart, or why the code is refused (the cart is then unchanged)
 */
export function addMarkedUnit(
  cart: Cart,
  product: Product,
  scanned: string,
): { ok: true; cart: Cart } | { ok: false; refusal: MarkingRefusal } {
  const parsed = parseMarkingCode(scanned);
  if (!parsed.ok) return { ok: false, refusal: parsed.problem };
  if (!codeFitsProduct(parsed.code, product.barcode)) return { ok: false, refusal: 'wrongProduct' };
  const inCart = cart.flatMap((l) => l.labels ?? []).some((label) => {
    const other = parseMarkingCode(label);
    return other.ok && other.code.identification === parsed.code.identification;
  });
  if (inCart) return { ok: false, refusal: 'alreadyInCart' };
  const full = parsed.code.full;
  const index = cart.findIndex((l) => l.productId === product.id);
  const line = cart[index];
  if (!line) {
    if (cart.length >= MAX_LINES) return { ok: false, refusal: 'cartLimit' };
    return { ok: true, cart: [...cart, { productId: product.id, quantity: 1, labels: [full] }] };
  }
  if (line.quantity >= MAX_QUANTITY) return { ok: false, refusal: 'cartLimit' };
  const next: CartLine = { productId: line.productId, quantity: line.quantity + 1, labels: [...(line.labels ?? []), full] };
  return { ok: true, cart: cart.map((l, i) => (i === index ? next : l)) };
}

/**
 * Takes units of a marked product away down to `quantity` (0 removes the line): the codes scanned last go
 * first. A larger quantity is not a change this function makes (each new unit needs its code).
 */
export function reduceMarkedLine(cart: Cart, productId: string, quantity: number): Cart {
  const index = cart.findIndex((l) => l.productId === productId);
  const line = cart[index];
  if (!line || !Number.isInteger(quantity) || quantity >= line.quantity) return cart;
  if (quantity <= 0) return cart.filter((_, i) => i !== index);
  const next: CartLine = { productId, quantity, labels: (line.labels ?? []).slice(0, quantity) };
  return cart.map((l, i) => (i === index ? next : l));
}
