/**
 * The schema of `catalog.json` (DESIGN.md §5) and its mapping to the camelCase `Catalog` type.
 * Cross-references (a product's category exists, ids and barcodes are unique) are checked after the shape.
 */
import * as v from 'valibot';
import { httpUrl } from '../domain/http-url.ts';
import type { Tiyin } from '../money/money.ts';
import type { Catalog, Category, LocalizedText, Product } from './catalog-types.ts';
import type { ConfigIssue } from '../config/config-problem.ts';
import { describeIssue, isJsonObject } from '../config/config-problem.ts';

const nonEmptyText = v.pipe(
  v.string('must be a string'),
  v.check((s) => s.trim() !== '', 'must not be empty'),
);

const localizedText = v.union(
  [nonEmptyText, v.strictObject({ uz: nonEmptyText, ru: nonEmptyText, en: nonEmptyText })],
  'must be a string or { "uz", "ru", "en" }',
);

// A number is accepted as an id for convenience; it becomes a string (ids are strings inside the app).
const id = v.union(
  [
    nonEmptyText,
    v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.transform(String)),
  ],
  'must be a string (or a whole number)',
);

/** GS1 check digit over all but the last digit: weights 3,1,3,… from the right. */
export function gtinCheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = Number(digitsWithoutCheck[digitsWithoutCheck.length - 1 - i]);
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

const barcode = v.pipe(
  // A number would lose an EAN-13's leading zeros, so only a string is accepted.
  v.string('must be a string in quotes (a number would lose leading zeros)'),
  v.regex(/^[\x21-\x7e]{1,64}$/, 'must be 1–64 printable characters without spaces'),
  v.check((code) => {
    if (!/^\d{8}$|^\d{13}$/.test(code)) return true;
    return gtinCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
  }, 'the EAN check digit (last digit) is wrong'),
);

const fiscal = v.strictObject({
  class_code: v.pipe(
    v.string('must be a string of 17 digits in quotes'),
    v.regex(/^\d{17}$/, 'must be exactly 17 digits (IKPU/MXIK code)'),
  ),
  package_code: v.pipe(v.string('must be a string in quotes'), v.regex(/^\d{1,20}$/, 'must be digits')),
  unit_name: nonEmptyText,
  vat_percent: v.nullable(
    v.pipe(v.number('must be a number or null'), v.minValue(0, 'must be 0–100'), v.maxValue(100, 'must be 0–100')),
  ),
  owner_type: v.picklist([0, 1, 2], 'must be 0 (resale), 1 (own production) or 2 (service)'),
});

const wholeNumber = v.pipe(v.number('must be a whole number'), v.safeInteger('must be a whole number'), v.minValue(0, 'must be 0 or more'));

// DESIGN.md §5: `[{ "id", "name", "min", "max", "choices": [{ "id", "name", "price" }] }]`, price a tiyin delta.
const optionGroups = v.array(
  v.strictObject({
    id,
    name: localizedText,
    min: wholeNumber,
    max: v.pipe(wholeNumber, v.minValue(1, 'must be at least 1')),
    choices: v.pipe(
      v.array(
        v.strictObject({
          id,
          name: localizedText,
          price: v.pipe(
            v.number('must be a number (tiyin)'),
            v.safeInteger('must be a whole number of tiyin'),
            v.minValue(0, 'must be 0 or more tiyin'),
          ),
        }),
        'must be a list',
      ),
      v.minLength(1, 'must have at least one choice'),
    ),
  }),
  'must be a list',
);

export const catalogFileSchema = v.strictObject({
  categories: v.array(v.strictObject({ id, name: localizedText }), 'must be a list'),
  products: v.array(
    v.strictObject({
      id,
      name: localizedText,
      price: v.pipe(
        v.number('must be a number (tiyin)'),
        v.safeInteger('must be a whole number of tiyin (1 so\u02bbm = 100 tiyin)'),
        v.minValue(1, 'must be at least 1 tiyin'),
      ),
      category: id,
      barcode: v.optional(barcode),
      image: v.optional(nonEmptyText),
      marked: v.optional(v.boolean('must be true or false')),
      options: v.optional(optionGroups),
      fiscal,
    }),
    'must be a list',
  ),
});

export type CatalogFile = v.InferOutput<typeof catalogFileSchema>;

/**
 * Validates a parsed catalog file and maps it to `Catalog`; `catalogUrl` (absolute) is what images
 * are resolved against. Returns every issue found, with dot paths such as "products.3.category".
 */
export function parseCatalog(
  json: unknown,
  catalogUrl: string,
): { ok: true; catalog: Catalog } | { ok: false; issues: ConfigIssue[] } {
  if (!isJsonObject(json)) return { ok: false, issues: [{ path: '', message: 'must be a JSON object { … }' }] };
  const parsed = v.safeParse(catalogFileSchema, json);
  if (!parsed.success) return { ok: false, issues: parsed.issues.map(describeIssue) };
  const file = parsed.output;
  const issues: ConfigIssue[] = [];

  const categoryIds = new Set<string>();
  file.categories.forEach((category, i) => {
    if (categoryIds.has(category.id)) issues.push({ path: `categories.${i}.id`, message: `duplicate category id "${category.id}"` });
    categoryIds.add(category.id);
  });

  const productIds = new Set<string>();
  const barcodes = new Set<string>();
  const products: Product[] = [];
  file.products.forEach((p, i) => {
    if (productIds.has(p.id)) issues.push({ path: `products.${i}.id`, message: `duplicate product id "${p.id}"` });
    productIds.add(p.id);
    if (!categoryIds.has(p.category)) {
      issues.push({ path: `products.${i}.category`, message: `no category with id "${p.category}"` });
    }
    if (p.barcode !== undefined) {
      if (barcodes.has(p.barcode)) issues.push({ path: `products.${i}.barcode`, message: `duplicate barcode "${p.barcode}"` });
      barcodes.add(p.barcode);
    }
    // A marked product is matched to its marking codes by GTIN, which its barcode gives.
    if (p.marked === true && !/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(p.barcode ?? '')) {
      issues.push({ path: `products.${i}.barcode`, message: 'a marked product needs its GTIN as barcode (8, 12, 13 or 14 digits)' });
    }
    let image: string | undefined;
    if (p.image !== undefined) {
      image = resolveImage(p.image, catalogUrl);
      if (image === undefined) issues.push({ path: `products.${i}.image`, message: 'must be a relative path or an http(s) URL' });
    }
    const product: Product = {
      id: p.id,
      name: p.name as LocalizedText,
      price: p.price as Tiyin,
      category: p.category,
      fiscal: {
        classCode: p.fiscal.class_code,
        packageCode: p.fiscal.package_code,
        unitName: p.fiscal.unit_name,
        vatPercent: p.fiscal.vat_percent,
        ownerType: p.fiscal.owner_type,
      },
    };
    if (p.barcode !== undefined) product.barcode = p.barcode;
    if (image !== undefined) product.image = image;
    if (p.marked === true) product.marked = true;
    if (p.options !== undefined && p.options.length > 0) {
      issues.push(...optionIssues(p.options, `products.${i}.options`));
      product.options = p.options.map((group) => ({
        id: group.id,
        name: group.name as LocalizedText,
        min: group.min,
        max: group.max,
        choices: group.choices.map((c) => ({ id: c.id, name: c.name as LocalizedText, price: c.price as Tiyin })),
      }));
    }
    products.push(product);
  });

  if (issues.length > 0) return { ok: false, issues };
  const categories: Category[] = file.categories.map((c) => ({ id: c.id, name: c.name as LocalizedText }));
  return { ok: true, catalog: { categories, products } };
}

/** What the shape cannot say: unique ids, and a `min`..`max` the customer can actually satisfy. */
function optionIssues(groups: CatalogFile['products'][number]['options'] & object, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const groupIds = new Set<string>();
  groups.forEach((group, g) => {
    if (groupIds.has(group.id)) issues.push({ path: `${path}.${g}.id`, message: `duplicate option group id "${group.id}"` });
    groupIds.add(group.id);
    if (group.min > group.max) issues.push({ path: `${path}.${g}.min`, message: 'must not be more than max' });
    if (group.max > group.choices.length) {
      issues.push({ path: `${path}.${g}.max`, message: `must not be more than the number of choices (${group.choices.length})` });
    }
    const choiceIds = new Set<string>();
    group.choices.forEach((choice, c) => {
      if (choiceIds.has(choice.id)) issues.push({ path: `${path}.${g}.choices.${c}.id`, message: `duplicate choice id "${choice.id}"` });
      choiceIds.add(choice.id);
    });
  });
  return issues;
}

// Only http(s) images: a `javascript:` or `file:` URL in a hand-edited file is a mistake either way.
function resolveImage(image: string, catalogUrl: string): string | undefined {
  return httpUrl(image, catalogUrl)?.href;
}
