/** The catalog as the app uses it, after `catalog.json` is validated (DESIGN.md §5). */
import type { Locale, Tiyin } from '../money/money.ts';

/** A name given once for all languages, or per language. */
export type LocalizedText = string | Record<Locale, string>;

export interface FiscalFields {
  /** IKPU / MXIK, 17 digits, kept as a string. */
  classCode: string;
  packageCode: string;
  unitName: string;
  /** 12 for 12 % VAT included in the price; null for no VAT. */
  vatPercent: number | null;
  /** 0 resale, 1 own production, 2 service. */
  ownerType: 0 | 1 | 2;
}

export interface Product {
  id: string;
  name: LocalizedText;
  /** Unit price, tiyin. */
  price: Tiyin;
  category: string;
  barcode?: string;
  /** URL resolved against the catalog's URL. */
  image?: string;
  /** Each unit sold needs its marking code scanned (GS1 Data Matrix); `barcode` is then its GTIN. */
  marked?: boolean;
  /** Choice groups the customer picks from before the product goes in the cart (DESIGN.md §5 `options`). */
  options?: OptionGroup[];
  fiscal: FiscalFields;
}

/** One choice of a group; `price` (tiyin, ≥ 0) is added to the product's price. */
export interface OptionChoice {
  id: string;
  name: LocalizedText;
  price: Tiyin;
}

/** A group of choices: the customer picks at least `min` and at most `max` (min 1 = required). */
export interface OptionGroup {
  id: string;
  name: LocalizedText;
  min: number;
  max: number;
  choices: OptionChoice[];
}

export interface Category {
  id: string;
  name: LocalizedText;
}

export interface Catalog {
  categories: Category[];
  products: Product[];
}

/** The name in the customer's language (a plain string serves every language). */
export function localizedText(text: LocalizedText, locale: Locale): string {
  return typeof text === 'string' ? text : text[locale];
}
