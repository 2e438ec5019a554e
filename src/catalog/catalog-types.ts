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
  fiscal: FiscalFields;
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
