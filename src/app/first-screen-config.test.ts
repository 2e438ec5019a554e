import { describe, expect, it, vi } from 'vitest';
import { attractPreview, prefetchConfig } from './first-screen-config.ts';
import { loadConfig } from '../config/load-config.ts';
import { readFileSync } from 'node:fs';

const demo = readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8');

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
    const fetchFn = vi.fn(async () => new Response(demo, { status: 200 }));
    const prefetch = prefetchConfig('./config.json', fetchFn);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(fetchFn).toHaveBeenCalledWith('http://kiosk.test/app/config.json', { cache: 'no-store' });
    expect(await prefetch.preview).not.toBeNull();

    const loaded = await loadConfig('./config.json', prefetch.fetchOnce);
    expect(loaded.ok).toBe(true);
    expect(fetchFn).toHaveBeenCalledTimes(1);

    expect((await loadConfig('./config.json', prefetch.fetchOnce)).ok).toBe(true);
    expect(fetchFn).toHaveBeenCalledTimes(2);
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
