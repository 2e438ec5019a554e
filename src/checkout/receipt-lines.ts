/**
 * Turns the cart into the receipt's product lines (gateway-notes.md, `/order/create`): quantities ×1000,
 * money in tiyin, VAT included in the price and computed in integers so no float ever holds money.
 */
import { localizedText, type Catalog } from '../catalog/catalog-types.ts';
import type { ReceiptLine } from '../gateway/types.ts';
import { multiplyTiyin, tiyin, type Locale, type Tiyin } from '../money/money.ts';
import { productOf, type Cart } from './cart.ts';
import { labelsForReceipt } from './marking-code.ts';
import { choiceNames, fiscalName, unitPrice } from './line-choices.ts';

/**
 * The VAT included in `price` at `percent` %: round(price × p / (100 + p)), half up, exact for any safe-integer
 * price. A fractional percent (12.5) is taken as the decimal it is written as.
 */
export function includedVat(price: Tiyin, percent: number | null): Tiyin {
  if (percent === null || percent === 0) return tiyin(0);
  if (!Number.isFinite(percent) || percent < 0) throw new RangeError(`bad VAT percent: ${String(percent)}`);
  const { numerator, denominator } = decimalFraction(percent);
  // price × (n/d) / (100 + n/d) = price × n / (100d + n)
  const num = BigInt(price) * numerator;
  const den = 100n * denominator + numerator;
  return tiyin(Number((2n * num + den) / (2n * den)));
}

/** A finite decimal as an exact fraction, read from its shortest decimal text (12.5 → 125/10). */
function decimalFraction(value: number): { numerator: bigint; denominator: bigint } {
  const text = String(value);
  if (/e/i.test(text)) throw new RangeError(`VAT percent not a plain decimal: ${text}`);
  const [whole = '0', fraction = ''] = text.split('.');
  return { numerator: BigInt(whole + fraction), denominator: 10n ** BigInt(fraction.length) };
}

/**
 * The receipt lines for a cart. Names are taken in `locale` (the fiscal receipt's language, Uzbek by default).
 * @throws CartError for a product the catalog does not have.
 */
export function buildReceiptLines(cart: Cart, catalog: Catalog, locale: Locale = 'uz'): ReceiptLine[] {
  return cart.map((line) => {
    const product = productOf(catalog, line.productId);
    // A line's option choices are part of what is sold: their deltas are in the unit price, their names in the name.
    const productPrice = unitPrice(product, line.choices);
    const price = multiplyTiyin(productPrice, line.quantity);
    const receiptLine: ReceiptLine = {
      name: fiscalName(localizedText(product.name, locale), choiceNames(product, line.choices, locale)),
      amount: line.quantity * 1000,
      unitName: product.fiscal.unitName,
      productPrice,
      price,
      vat: includedVat(price, product.fiscal.vatPercent),
      vatPercent: product.fiscal.vatPercent,
      classCode: product.fiscal.classCode,
      packageCode: product.fiscal.packageCode,
      ownerType: product.fiscal.ownerType,
    };
    if (product.barcode !== undefined) receiptLine.barcode = product.barcode;
    // A marked product: one marking code per unit, on the same line (error 1003 is a count mismatch).
    if (line.labels && line.labels.length > 0) receiptLine.labels = labelsForReceipt(line.labels);
    return receiptLine;
  });
}
