import { localizedText, type Catalog, type Product } from '../catalog/catalog-types.ts';
import { multiplyTiyin, sumTiyin, type Locale, type Tiyin } from '../money/money.ts';

/** What the checkout machine's cart holds per line; the screens only read it. */
export interface CartEntry {
  productId: string;
  quantity: number;
}

/** One line may hold 1–20 of a product: enough for a family, few enough that a stuck finger is noticed. */
export const minQuantity = 1;
export const maxQuantity = 20;

export interface CartViewLine {
  product: Product;
  name: string;
  quantity: number;
  lineTotal: Tiyin;
}

/** Joins the cart with the catalog. A line whose product left the catalog is dropped rather than priced at 0. */
export function cartView(catalog: Catalog, cart: readonly CartEntry[], locale: Locale): { lines: CartViewLine[]; total: Tiyin } {
  const byId = new Map(catalog.products.map((p) => [p.id, p]));
  const lines: CartViewLine[] = [];
  for (const entry of cart) {
    const product = byId.get(entry.productId);
    if (!product) continue;
    lines.push({
      product,
      name: localizedText(product.name, locale),
      quantity: entry.quantity,
      lineTotal: multiplyTiyin(product.price, entry.quantity),
    });
  }
  return { lines, total: sumTiyin(lines.map((l) => l.lineTotal)) };
}
