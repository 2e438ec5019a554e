import { localizedText, type Catalog, type Product } from '../catalog/catalog-types.ts';
import { multiplyTiyin, sumTiyin, type Locale, type Tiyin } from '../money/money.ts';
import { choiceNames, lineIdOf, unitPrice, type LineChoice } from '../checkout/line-choices.ts';

/** What the checkout machine's cart holds per line; the screens only read it. */
export interface CartEntry {
  productId: string;
  quantity: number;
  choices?: readonly LineChoice[];
}

/** One line may hold 1–20 of a product: enough for a family, few enough that a stuck finger is noticed. */
export const minQuantity = 1;
export const maxQuantity = 20;

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

/** Joins the cart with the catalog. A line whose product left the catalog is dropped rather than priced at 0. */
export function cartView(catalog: Catalog, cart: readonly CartEntry[], locale: Locale): { lines: CartViewLine[]; total: Tiyin } {
  const byId = new Map(catalog.products.map((p) => [p.id, p]));
  const lines: CartViewLine[] = [];
  for (const entry of cart) {
    const product = byId.get(entry.productId);
    if (!product) continue;
    lines.push({
      id: lineIdOf(entry.productId, entry.choices),
      product,
      name: localizedText(product.name, locale),
      choices: choiceNames(product, entry.choices, locale),
      quantity: entry.quantity,
      lineTotal: multiplyTiyin(unitPrice(product, entry.choices), entry.quantity),
    });
  }
  return { lines, total: sumTiyin(lines.map((l) => l.lineTotal)) };
}
