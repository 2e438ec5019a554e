/**
 * The one loader of example bodies for tests: the gateway spec's seed bodies (tests/fixtures/gateway/*.txt,
 * byte for byte from gateway-api.md) and every vendor doc's example body (tests/fixtures/vendor/, extracted
 * verbatim by scripts/extract-vendor-fixtures.ts, listed in its manifest). Every reader throws on a misspelt
 * name, so a test cannot pass by reading nothing.
 */

function byName(files: Record<string, string>, folder: string): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [path.slice(folder.length), text]));
}

/** Seed bodies by name (file name without `.txt`). */
export const fixtures: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(
    import.meta.glob('/tests/fixtures/gateway/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
  ).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.txt$/, ''), text]),
);

/** A seed body's text. */
export function fixture(name: string): string {
  const text = fixtures[name];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return text;
}

/** One vendor example as the manifest lists it. */
export interface VendorExample {
  doc: string;
  index: number;
  file: string;
  kind: 'request' | 'response';
}

export const vendorManifest = (await import('../../tests/fixtures/vendor/manifest.json')).default as VendorExample[];

/** Vendor example bodies by their path under tests/fixtures/vendor/ ("order/04-order-create-response.txt"). */
export const vendorBodies: Readonly<Record<string, string>> = byName(
  import.meta.glob('/tests/fixtures/vendor/**/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
  '/tests/fixtures/vendor/',
);

/** A vendor example by its doc folder and number ("z-report-and-x-report", 5). */
export function vendorBody(doc: string, index: number): string {
  const prefix = `${doc}/${String(index).padStart(2, '0')}-`;
  const found = Object.entries(vendorBodies).find(([path]) => path.startsWith(prefix));
  if (!found) throw new Error(`no vendor fixture ${doc} #${index}`);
  return found[1];
}

/** A vendor example body as JSON (those that are valid JSON). */
export function vendorJson(doc: string, index: number): Record<string, unknown> {
  return JSON.parse(vendorBody(doc, index)) as Record<string, unknown>;
}
