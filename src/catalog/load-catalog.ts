import { fetchJsonFile, type ConfigProblem } from '../config/config-problem.ts';
import { parseCatalog } from './catalog-schema.ts';
import type { Catalog, Product } from './catalog-types.ts';

export type CatalogResult = { ok: true; catalog: Catalog; catalogUrl: string } | { ok: false; problem: ConfigProblem };

/**
 * Fetches and validates the catalog (usually `catalogUrl` from `loadConfig`). Never throws; a failure is a
 * `ConfigProblem` naming the file and the field, for the same full-screen error as a broken config.
 */
export async function loadCatalog(url: string, fetchFn: typeof fetch = fetch): Promise<CatalogResult> {
  const file = await fetchJsonFile(url, fetchFn);
  if (!file.ok) return file;
  const parsed = parseCatalog(file.json, file.url);
  if (!parsed.ok) return { ok: false, problem: { kind: 'invalid', url: file.url, issues: parsed.issues } };
  return { ok: true, catalog: parsed.catalog, catalogUrl: file.url };
}

const barcodeIndex = new WeakMap<Catalog, Map<string, Product>>();

/**
 * The product whose barcode is exactly `code` after trimming white space (a keyboard-wedge scanner adds
 * Enter or a tab); nothing else is changed, so an EAN-13's leading zeros must match. Undefined if none.
 */
export function findProductByBarcode(catalog: Catalog, code: string): Product | undefined {
  let index = barcodeIndex.get(catalog);
  if (!index) {
    index = new Map();
    for (const product of catalog.products) if (product.barcode !== undefined) index.set(product.barcode, product);
    barcodeIndex.set(catalog, index);
  }
  return index.get(code.trim());
}
