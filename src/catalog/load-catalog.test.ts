import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, parseCatalog } from './catalog-schema.ts';
import { findProductByBarcode, loadCatalog } from './load-catalog.ts';
import { localizedText, type Catalog } from './catalog-types.ts';

const demoText = readFileSync(new URL('../../public/catalog.json', import.meta.url), 'utf8');
const demo = JSON.parse(demoText) as { products: { image?: string }[] };
const URL_ = 'http://kiosk.local/app/catalog.json';

const fiscal = { class_code: '10899001001000000', package_code: '1495086', unit_name: 'dona', vat_percent: 12, owner_type: 1 };
const base = () => ({
  categories: [{ id: 'food', name: 'Food' }],
  products: [{ id: 'p1', name: { uz: 'Somsa', ru: 'Самса', en: 'Samsa' }, price: 800000, category: 'food', fiscal: { ...fiscal } }],
});

function product(patch: Record<string, unknown>) {
  const json = base();
  return { ...json, products: [{ ...json.products[0], ...patch }] };
}

function withoutUnitName() {
  const { unit_name: _omitted, ...rest } = fiscal;
  return rest;
}

function ok(json: unknown, url = URL_): Catalog {
  const result = parseCatalog(json, url);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.catalog;
}

function issues(json: unknown) {
  const result = parseCatalog(json, URL_);
  if (result.ok) throw new Error('expected the catalog to be refused');
  return result.issues;
}

describe('parseCatalog', () => {
  it('accepts the demo catalog: 3 categories, 17 products in tiyin (3 with options, 2 marked), images beside the catalog', () => {
    const catalog = ok(demo);
    expect(catalog.categories).toHaveLength(3);
    expect(catalog.products).toHaveLength(17);
    expect(catalog.products.filter((p) => p.marked === true).map((p) => p.id)).toEqual(['water-marked-1l', 'juice-marked-1l']);
    expect(catalog.products.filter((p) => p.options !== undefined).map((p) => p.id)).toEqual(['latte', 'black-tea', 'pumpkin-samsa']);
    const cappuccino = catalog.products.find((p) => p.id === 'cappuccino');
    expect(cappuccino?.price).toBe(2_800_000);
    expect(cappuccino && localizedText(cappuccino.name, 'en')).toBe('Cappuccino');
    expect(cappuccino?.image).toBe('http://kiosk.local/app/images/cappuccino.svg');
    expect(cappuccino?.fiscal).toEqual({ classCode: '10899001001000000', packageCode: '1495086', unitName: 'stakan', vatPercent: 12, ownerType: 1 });
    expect(catalog.products.filter((p) => p.barcode !== undefined).map((p) => p.id).sort()).toEqual([
      'chocolate',
      'juice',
      'juice-marked-1l',
      'water',
      'water-marked-1l',
    ]);
  });

  it('the demo catalog has marked goods (water, juice) whose barcodes are valid GTINs', () => {
    const marked = ok(demo).products.filter((p) => p.marked === true);
    expect(marked.map((p) => p.id)).toEqual(['water-marked-1l', 'juice-marked-1l']);
    for (const p of marked) expect(gtinCheckDigit((p.barcode ?? '').slice(0, -1))).toBe(Number(p.barcode?.slice(-1)));
  });

  it('keeps "marked" and refuses a marked product without a GTIN barcode, naming the field', () => {
    expect(ok(product({ marked: true, barcode: '4780069000130' })).products[0]?.marked).toBe(true);
    expect(ok(product({ marked: false })).products[0]?.marked).toBeUndefined();
    expect(issues(product({ marked: true })).map((i) => i.path)).toEqual(['products.0.barcode']);
    expect(issues(product({ marked: true, barcode: 'SKU-12' }))[0]?.message).toMatch(/GTIN/);
    expect(issues(product({ marked: 'yes' }))[0]?.path).toBe('products.0.marked');
  });

  it('every demo image exists in public/ and is a small square SVG', () => {
    for (const product of demo.products) {
      expect(product.image).toBeDefined();
      const svg = readFileSync(new URL(`../../public/${product.image ?? ''}`, import.meta.url), 'utf8');
      expect(svg.length).toBeLessThanOrEqual(3072);
      expect(svg).toMatch(/viewBox="0 0 (\d+) \1"/);
      expect(svg).not.toMatch(/<text|<script/);
    }
  });

  it('keeps ids as strings and turns a numeric id into a string', () => {
    const json = base();
    const catalog = ok({
      categories: [{ id: 7, name: 'Food' }],
      products: [{ ...json.products[0], id: '007', category: 7 }],
    });
    expect(catalog.categories[0]?.id).toBe('7');
    expect(catalog.products[0]?.id).toBe('007');
    expect(catalog.products[0]?.category).toBe('7');
  });

  it('resolves images against the catalog URL; absolute images are kept', () => {
    const json = base();
    const withImage = (image: string, url: string) =>
      ok({ ...json, products: [{ ...json.products[0], image }] }, url).products[0]?.image;
    expect(withImage('images/a.svg', 'http://kiosk.local/app/catalog.json')).toBe('http://kiosk.local/app/images/a.svg');
    expect(withImage('images/a.svg', 'https://cdn.example/menus/c.json')).toBe('https://cdn.example/menus/images/a.svg');
    expect(withImage('/img/a.png', 'http://kiosk.local/app/catalog.json')).toBe('http://kiosk.local/img/a.png');
    expect(withImage('https://img.example/a.png', 'http://kiosk.local/app/catalog.json')).toBe('https://img.example/a.png');
  });

  it.each([
    ['a price in so\u02bbm with a fraction', product({ price: 28000.5 }), 'products.0.price', /whole number of tiyin/],
    ['a price as a string', product({ price: '800000' }), 'products.0.price', /number/],
    ['a zero price', product({ price: 0 }), 'products.0.price', /at least 1/],
    ['a category that does not exist', product({ category: 'drinks' }), 'products.0.category', /no category/],
    ['a name missing a language', product({ name: { uz: 'Somsa', ru: 'Самса' } }), 'products.0.name', /uz/],
    ['a numeric barcode', product({ barcode: 4780001234012 }), 'products.0.barcode', /leading zeros/],
    ['an EAN-13 with a wrong check digit', product({ barcode: '4780001234013' }), 'products.0.barcode', /check digit/],
    ['a 16-digit class code', product({ fiscal: { ...fiscal, class_code: '1089900100100000' } }), 'products.0.fiscal.class_code', /17 digits/],
    ['a numeric class code', product({ fiscal: { ...fiscal, class_code: 10899001001000000 } }), 'products.0.fiscal.class_code', /string/],
    ['a bad owner type', product({ fiscal: { ...fiscal, owner_type: 3 } }), 'products.0.fiscal.owner_type', /own production/],
    ['a VAT over 100', product({ fiscal: { ...fiscal, vat_percent: 120 } }), 'products.0.fiscal.vat_percent', /0–100/],
    ['a missing fiscal field', product({ fiscal: withoutUnitName() }), 'products.0.fiscal.unit_name', /required/],
    ['an unknown product key', product({ prize: 1 }), 'products.0.prize', /unknown key/],
    ['a javascript: image', product({ image: 'javascript:alert(1)' }), 'products.0.image', /http/],
  ])('refuses %s, naming the field', (_name, json, path, message) => {
    const found = issues(json);
    const issue = found.find((i) => i.path === path);
    expect(issue, JSON.stringify(found)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it('refuses duplicate product ids, category ids and barcodes', () => {
    const json = base();
    const p = json.products[0];
    const found = issues({
      categories: [...json.categories, { id: 'food', name: 'Again' }],
      products: [
        { ...p, barcode: '4780001234012' },
        { ...p, barcode: '4780001234012' },
      ],
    });
    expect(found.map((i) => i.path)).toEqual(['categories.1.id', 'products.1.id', 'products.1.barcode']);
  });

  it('refuses a file that is not an object', () => {
    expect(issues('catalog')[0]?.path).toBe('');
  });
});

describe('gtinCheckDigit', () => {
  it('matches known EAN-13 and EAN-8 codes', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1); // 4006381333931
    expect(gtinCheckDigit('9638507')).toBe(4); // 96385074
  });
});

describe('findProductByBarcode', () => {
  const catalog = ok({
    categories: [{ id: 'c', name: 'C' }],
    products: [
      { id: 'a', name: 'A', price: 100, category: 'c', barcode: '0012345678905', fiscal },
      { id: 'b', name: 'B', price: 100, category: 'c', barcode: 'ABC-1', fiscal },
      { id: 'n', name: 'N', price: 100, category: 'c', fiscal },
    ],
  });
  it('finds an exact code, trimming the scanner\u2019s Enter and spaces', () => {
    expect(findProductByBarcode(catalog, '0012345678905')?.id).toBe('a');
    expect(findProductByBarcode(catalog, ' 0012345678905\r\n')?.id).toBe('a');
    expect(findProductByBarcode(catalog, 'ABC-1\t')?.id).toBe('b');
  });
  it('keeps leading zeros and case: no near matches', () => {
    expect(findProductByBarcode(catalog, '012345678905')).toBeUndefined();
    expect(findProductByBarcode(catalog, '12345678905')).toBeUndefined();
    expect(findProductByBarcode(catalog, 'abc-1')).toBeUndefined();
    expect(findProductByBarcode(catalog, '')).toBeUndefined();
  });
  it('finds the demo catalog\u2019s water by its EAN-13', () => {
    const water = demo.products.find((p) => (p as { id?: string }).id === 'water') as { barcode: string };
    expect(findProductByBarcode(ok(demo), water.barcode)?.id).toBe('water');
  });
});

describe('loadCatalog', () => {
  const fetchText = (body: string, init?: ResponseInit) => (async () => new Response(body, init)) as typeof fetch;

  it('loads the demo catalog and returns its absolute URL', async () => {
    const result = await loadCatalog('http://kiosk.local/app/catalog.json', fetchText(demoText));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.catalogUrl).toBe('http://kiosk.local/app/catalog.json');
    expect(result.catalog.products[0]?.image).toMatch(/^http:\/\/kiosk\.local\/app\/images\//);
  });

  it('reports unreachable, not-json and invalid like the config', async () => {
    const url = 'http://kiosk.local/catalog.json';
    const down = await loadCatalog(url, (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch);
    const html = await loadCatalog(url, fetchText('<html></html>'));
    const bad = await loadCatalog(url, fetchText(JSON.stringify(product({ price: -1 }))));
    expect(!down.ok && down.problem.kind).toBe('unreachable');
    expect(!html.ok && html.problem.kind).toBe('not-json');
    expect(!bad.ok && bad.problem).toEqual({
      kind: 'invalid',
      url,
      issues: [{ path: 'products.0.price', message: 'must be at least 1 tiyin' }],
    });
  });
});
