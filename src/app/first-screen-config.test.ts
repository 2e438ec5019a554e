import { describe, expect, it, vi } from 'vitest';
import { attractPreview, prefetchConfig } from './first-screen-config.ts';
import { loadConfig } from '../config/load-config.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { readFileSync } from 'node:fs';

const demo = readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8');
const demoCatalog = readFileSync(new URL('../../public/catalog.json', import.meta.url), 'utf8');

describe('attractPreview', () => {
  it('reads the kiosk name and default language the schema would accept', () => {
    expect(attractPreview({ kioskName: 'Cafe', defaultLocale: 'ru', methods: [] })).toEqual({ kioskName: 'Cafe', defaultLocale: 'ru' });
    const parsed = JSON.parse(demo) as { kioskName: string; defaultLocale: string };
    expect(attractPreview(parsed)).toEqual({ kioskName: parsed.kioskName, defaultLocale: parsed.defaultLocale });
  });

  it('gives null for anything else, so the loading screen waits for boot to name the problem', () => {
    for (const json of [null, [], 'x', 3, {}, { kioskName: '  ', defaultLocale: 'uz' }, { kioskName: 7, defaultLocale: 'uz' },
      { kioskName: 'Cafe', defaultLocale: 'de' }, { kioskName: 'Cafe' }]) {
      expect(attractPreview(json), JSON.stringify(json)).toBeNull();
    }
  });
});

describe('prefetchConfig', () => {
  vi.stubGlobal('document', { baseURI: 'http://kiosk.test/app/' });
  vi.stubGlobal('location', { href: 'http://kiosk.test/app/' });

  it('makes one request, uncached, for both the preview and the loader; a later boot fetches again', async () => {
    const fetchFn = vi.fn(async (input: RequestInfo | URL) =>
      new Response(String(input).endsWith('/config.json') ? demo : demoCatalog, { status: 200 }),
    );
    const configCalls = () => fetchFn.mock.calls.filter(([input]) => String(input).endsWith('/config.json')).length;
    const prefetch = prefetchConfig('./config.json', fetchFn);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(fetchFn).toHaveBeenCalledWith('http://kiosk.test/app/config.json', { cache: 'no-store' });
    expect(await prefetch.preview).not.toBeNull();

    const loaded = await loadConfig('./config.json', prefetch.fetchOnce);
    expect(loaded.ok).toBe(true);
    expect(configCalls()).toBe(1);

    expect((await loadConfig('./config.json', prefetch.fetchOnce)).ok).toBe(true);
    expect(configCalls()).toBe(2);
  });

  it("starts the catalog's request as soon as config.json names it, and hands it to the catalog loader once", async () => {
    const fetchFn = vi.fn(async (input: RequestInfo | URL) =>
      new Response(String(input).endsWith('/config.json') ? demo : demoCatalog, { status: 200 }),
    );
    const prefetch = prefetchConfig('./config.json', fetchFn);
    await prefetch.preview;
    await Promise.resolve();
    const loaded = await loadConfig('./config.json', prefetch.fetchOnce);
    if (!loaded.ok) throw new Error('the demo config must load');
    // Requested before the loader asked, at the URL the loader resolves, uncached like the loader's own request.
    expect(fetchFn).toHaveBeenCalledWith(loaded.catalogUrl, { cache: 'no-store' });
    expect(fetchFn).toHaveBeenCalledTimes(2);

    expect((await loadCatalog(loaded.catalogUrl, prefetch.fetchCatalogOnce)).ok).toBe(true);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    // A second boot (the take-over) reads the file again.
    expect((await loadCatalog(loaded.catalogUrl, prefetch.fetchCatalogOnce)).ok).toBe(true);
    expect(fetchFn).toHaveBeenCalledTimes(3);
  });

  it('a catalog at another URL than the config named is fetched as asked; a failed early request is the loader\'s to report', async () => {
    const fetchFn = vi.fn(async (input: RequestInfo | URL) =>
      new Response(String(input).endsWith('/config.json') ? demo : demoCatalog, { status: 200 }),
    );
    const elsewhere = prefetchConfig('./config.json', fetchFn);
    await elsewhere.preview;
    await Promise.resolve();
    expect(fetchFn).toHaveBeenCalledTimes(2);
    await elsewhere.fetchCatalogOnce('http://kiosk.test/other/menu.json', { cache: 'no-store' });
    expect(fetchFn).toHaveBeenCalledTimes(3);
    expect(fetchFn).toHaveBeenLastCalledWith('http://kiosk.test/other/menu.json', { cache: 'no-store' });

    const refusedCatalog = prefetchConfig('./config.json', async (input) => {
      if (String(input).endsWith('/config.json')) return new Response(demo, { status: 200 });
      throw new TypeError('Failed to fetch');
    });
    await refusedCatalog.preview;
    const loaded = await loadConfig('./config.json', refusedCatalog.fetchOnce);
    if (!loaded.ok) throw new Error('the demo config must load');
    expect(await loadCatalog(loaded.catalogUrl, refusedCatalog.fetchCatalogOnce)).toMatchObject({
      ok: false,
      problem: { kind: 'unreachable', issues: [{ message: 'Failed to fetch' }] },
    });
  });

  it('leaves failures to the loader: a refused request or an HTTP error is no preview and the same problem as before', async () => {
    const refused = prefetchConfig('./config.json', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await refused.preview).toBeNull();
    const problem = await loadConfig('./config.json', refused.fetchOnce);
    expect(problem).toMatchObject({ ok: false, problem: { kind: 'unreachable', issues: [{ message: 'Failed to fetch' }] } });

    const missing = prefetchConfig('./config.json', async () => new Response('<html>', { status: 404, statusText: 'Not Found' }));
    expect(await missing.preview).toBeNull();
    expect(await loadConfig('./config.json', missing.fetchOnce)).toMatchObject({
      ok: false,
      problem: { kind: 'unreachable', issues: [{ message: 'HTTP 404 Not Found' }] },
    });

    const broken = prefetchConfig('./config.json', async () => new Response('{"kioskName":', { status: 200 }));
    expect(await broken.preview).toBeNull();
    expect(await loadConfig('./config.json', broken.fetchOnce)).toMatchObject({ ok: false, problem: { kind: 'not-json' } });
  });
});
