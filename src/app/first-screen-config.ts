/**
 * The attract screen is painted before the kiosk's code (machines, valibot, idb) has loaded: it needs only the
 * kiosk's name and default language, read here from the raw config.json without the schema. The same response
 * is handed to `boot()`, which validates the whole file; until then nothing here is trusted beyond the two
 * fields, and a file they cannot be read from shows the loading screen until boot names its problem.
 */
import type { Locale } from '../money/money.ts';

export interface AttractPreview {
  kioskName: string;
  defaultLocale: Locale;
}

const previewLocales: readonly string[] = ['uz', 'ru', 'en'];

/** The two fields, when they are what the schema would accept; otherwise null. */
export function attractPreview(json: unknown): AttractPreview | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { kioskName, defaultLocale } = json as Record<string, unknown>;
  if (typeof kioskName !== 'string' || kioskName.trim() === '') return null;
  if (typeof defaultLocale !== 'string' || !previewLocales.includes(defaultLocale)) return null;
  return { kioskName, defaultLocale: defaultLocale as Locale };
}

export interface ConfigPrefetch {
  /** The attract screen's fields, or null (a failed request, broken JSON or unusable fields). */
  preview: Promise<AttractPreview | null>;
  /**
   * A `fetch` for `loadConfig` that answers its first call with the prefetched response (one request for both),
   * and fetches normally after that (a take-over from a second window boots again and must read the file again).
   */
  fetchOnce: typeof fetch;
  /**
   * A `fetch` for `loadCatalog`: its first call, for the catalog the prefetched config.json names, is answered by
   * the request started as soon as that file arrived (not after the kiosk's chunk and the schema check); any
   * other call fetches normally.
   */
  fetchCatalogOnce: typeof fetch;
}

/** The absolute URL of the catalog a raw config names (as `parseConfig` resolves it), or null. */
export function catalogHref(json: unknown, configHref: string): string | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { catalog } = json as Record<string, unknown>;
  if (typeof catalog !== 'string') return null;
  try {
    return new URL(catalog, configHref).href;
  } catch {
    return null;
  }
}

/**
 * Starts the config request at once, with the same `no-store` the loader uses (an edited file is seen on the next
 * start), and the catalog's as soon as the config names it.
 */
export function prefetchConfig(url: string, fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init)): ConfigPrefetch {
  const configHref = new URL(url, document.baseURI).href;
  const response = fetchFn(configHref, { cache: 'no-store' });
  // A rejected request is boot's to report; this copy must not surface as an unhandled rejection.
  const json = response.then(
    (r) => (r.ok ? r.clone().json().catch(() => null) : null),
    () => null,
  );
  const preview = json.then(attractPreview);
  const catalog = json.then((raw) => {
    const href = catalogHref(raw, configHref);
    if (href === null) return null;
    const answer = fetchFn(href, { cache: 'no-store' });
    answer.catch(() => undefined); // loadCatalog reports a failed request
    return { href, answer };
  });
  let catalogTaken = false;
  const fetchCatalogOnce: typeof fetch = (input, init) => {
    const first = !catalogTaken;
    catalogTaken = true;
    return catalog.then((early) => (first && early !== null && early.href === String(input) ? early.answer : fetchFn(input, init)));
  };
  let first: Promise<Response> | null = response;
  const fetchOnce: typeof fetch = (input, init) => {
    const answer = first ?? fetchFn(input, init);
    first = null;
    return answer;
  };
  return { preview, fetchOnce, fetchCatalogOnce };
}
