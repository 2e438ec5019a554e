import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, parseConfig } from './load-config.ts';

const demoText = readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8');
const demo = JSON.parse(demoText) as Record<string, unknown>;
const minimal = {
  kioskName: 'Kiosk 1',
  gateway: { url: '/gateway' },
  defaultLocale: 'uz',
  catalog: 'catalog.json',
  methods: ['click'],
  idleSeconds: 90,
};
function withoutKioskName() {
  const { kioskName: _omitted, ...rest } = minimal;
  return rest;
}
const BASE = 'http://kiosk.local/app/config.json';

function issuesOf(json: unknown) {
  const result = parseConfig(json, BASE);
  if (result.ok) throw new Error('expected the config to be refused');
  expect(result.problem.kind).toBe('invalid');
  expect(result.problem.url).toBe(BASE);
  return result.problem.issues;
}

function fakeFetch(respond: (url: string) => Response | Promise<Response>) {
  const calls: string[] = [];
  const fn = (async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    return respond(url);
  }) as typeof fetch;
  return { fn, calls };
}

describe('parseConfig', () => {
  it('accepts the demo config with all eight methods, UzQR settings and a staff PIN', () => {
    const result = parseConfig(demo, BASE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.kioskName).toBe('Kiosk 1');
    expect(result.config.methods).toEqual(['click', 'payme', 'uzum', 'anor', 'humo', 'uzcard', 'scan2pay', 'uzqr']);
    expect(result.config.uzqr).toEqual({ expirySeconds: 300, settleMarginSeconds: 600 });
    expect(result.config.staff.pin).toMatch(/^pbkdf2\$600000\$/);
    expect(result.config.staff.badges).toHaveLength(1);
  });

  it('fills every optional key with its default', () => {
    const result = parseConfig(minimal, BASE);
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    const { config } = result;
    expect(config.timeouts).toEqual({ walletSeconds: 30, pinpadSeconds: 180, receiptSeconds: 20 });
    expect(config.scan2pay).toEqual({ pollSeconds: 2, expirySeconds: 300, print: false, settleMarginSeconds: 600 });
    expect(config.amountUnits).toEqual({ click: 'tiyin', payme: 'tiyin', uzum: 'tiyin', anor: 'tiyin', scan2pay: 'tiyin' });
    expect(config.maxAmount).toBe(5_000_000_000);
    expect(config.humoCancelBy).toBe('check');
    expect(config.staff).toEqual({ idleSeconds: 120, badges: [], pinRefundLimit: 10_000_000 });
    expect(config.staff.pin).toBeUndefined();
    expect(config.camera).toEqual({ facingMode: 'user' });
    expect(config.scanner).toEqual({ engine: 'zxing-wasm' });
    expect(config.fiscal).toEqual({
      shiftCloseAt: '04:00',
      maxOfflineDays: 2,
      healthCheckMinutes: 5,
      healthMaxAgeMinutes: 3,
      unsentWarnPercent: 80,
      zreportWarnPercent: 90,
      clockWarnSeconds: 120,
    });
    expect(config.markingCodes).toEqual({ validate: false });
  });

  it('keeps a hand scanner GS character and the marking-code check switch', () => {
    const result = parseConfig({ ...minimal, scanner: { gsCharacter: '<GS>' }, markingCodes: { validate: true } }, BASE);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.config.scanner).toEqual({ engine: 'zxing-wasm', gsCharacter: '<GS>' });
    expect(result.config.markingCodes).toEqual({ validate: true });
    expect(parseConfig({ ...minimal, scanner: { gsCharacter: '' } }, BASE).ok).toBe(false);
    expect(parseConfig({ ...minimal, markingCodes: { validate: 'yes' } }, BASE).ok).toBe(false);
  });

  it('keeps given optional values and fills the missing siblings', () => {
    const result = parseConfig(
      { ...minimal, timeouts: { walletSeconds: 45 }, amountUnits: { payme: 'sum' }, camera: { deviceId: 'abc', facingMode: 'environment' } },
      BASE,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    expect(result.config.timeouts).toEqual({ walletSeconds: 45, pinpadSeconds: 180, receiptSeconds: 20 });
    expect(result.config.amountUnits.payme).toBe('sum');
    expect(result.config.amountUnits.click).toBe('tiyin');
    expect(result.config.camera).toEqual({ deviceId: 'abc', facingMode: 'environment' });
  });

  it.each([
    ['a typo at the top level', { ...minimal, idleSecond: 90 }, 'idleSecond', /unknown key/],
    ['a typo in a nested object', { ...minimal, timeouts: { walletSecond: 30 } }, 'timeouts.walletSecond', /unknown key/],
    ['a missing required key', withoutKioskName(), 'kioskName', /required/],
    ['an empty kiosk name', { ...minimal, kioskName: '  ' }, 'kioskName', /empty/],
    ['a gateway URL that is neither absolute nor a path', { ...minimal, gateway: { url: 'gateway' } }, 'gateway.url', /http/],
    ['a protocol-relative gateway URL', { ...minimal, gateway: { url: '//evil.example/gw' } }, 'gateway.url', /http/],
    ['a non-http gateway URL', { ...minimal, gateway: { url: 'ftp://10.0.0.1' } }, 'gateway.url', /http/],
    ['an unknown locale', { ...minimal, defaultLocale: 'de' }, 'defaultLocale', /"uz"/],
    ['an unknown method', { ...minimal, methods: ['click', 'paypal'] }, 'methods.1', /one of/],
    ['no methods', { ...minimal, methods: [] }, 'methods', /at least one/],
    ['a method twice', { ...minimal, methods: ['click', 'click'] }, 'methods', /twice/],
    ['an idle time under 10 s', { ...minimal, idleSeconds: 5 }, 'idleSeconds', /at least 10/],
    ['fractional seconds', { ...minimal, timeouts: { walletSeconds: 1.5 } }, 'timeouts.walletSeconds', /whole/],
    ['seconds as a string', { ...minimal, scan2pay: { pollSeconds: '2' } }, 'scan2pay.pollSeconds', /number/],
    ['an unknown amount unit', { ...minimal, amountUnits: { click: 'som' } }, 'amountUnits.click', /tiyin/],
    ['a pinpad in amountUnits', { ...minimal, amountUnits: { humo: 'tiyin' } }, 'amountUnits.humo', /unknown key/],
    ['a fractional maxAmount', { ...minimal, maxAmount: 100.5 }, 'maxAmount', /whole/],
    ['a bad humoCancelBy', { ...minimal, humoCancelBy: 'slip' }, 'humoCancelBy', /"check"/],
    ['a plain-text PIN', { ...minimal, staff: { pin: '1234' } }, 'staff.pin', /staff-pin/],
    [
      'an old 100 000-iteration PIN value (the 4-digit demo PIN 1234)',
      { ...minimal, staff: { pin: 'pbkdf2$100000$aB/7O881P1KcX1qBWHhqCw==$OO2oVrDWC6LFOEVUxZoYT+ewKoRHWgRvsnZI2ZlD9aE=' } },
      'staff.pin',
      /fewer than 600000 iterations.*at least 6 digits/,
    ],
    ['a badge that is not a hash', { ...minimal, staff: { badges: ['TOLOV-STAFF-AAAA'] } }, 'staff.badges.0', /--badge/],
    ['a negative refund limit', { ...minimal, staff: { pinRefundLimit: -1 } }, 'staff.pinRefundLimit', /at least 0/],
    ['a bad camera facing mode', { ...minimal, camera: { facingMode: 'back' } }, 'camera.facingMode', /environment/],
    ['a bad scanner engine', { ...minimal, scanner: { engine: 'quagga' } }, 'scanner.engine', /zxing/],
    ['a shift close time that is not HH:MM', { ...minimal, fiscal: { shiftCloseAt: '4am' } }, 'fiscal.shiftCloseAt', /HH:MM/],
    ['a warning percentage above 100', { ...minimal, fiscal: { unsentWarnPercent: 120 } }, 'fiscal.unsentWarnPercent', /100/],
  ])('refuses %s, naming the field', (_name, json, path, message) => {
    const issues = issuesOf(json);
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it('reports every mistake at once, not only the first', () => {
    const paths = issuesOf({ ...minimal, idleSeconds: 1, defaultLocale: 'fr', extra: true }).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['idleSeconds', 'defaultLocale', 'extra']));
  });

  it('refuses a file that is not an object, with an empty path', () => {
    expect(issuesOf([1, 2])[0]?.path).toBe('');
  });

  it('resolves the catalog against the config URL', () => {
    const at = (configUrl: string, catalog: string) => {
      const result = parseConfig({ ...minimal, catalog }, configUrl);
      if (!result.ok) throw new Error(JSON.stringify(result.problem));
      return result.catalogUrl;
    };
    expect(at('http://kiosk.local/app/config.json', 'catalog.json')).toBe('http://kiosk.local/app/catalog.json');
    expect(at('http://kiosk.local/app/config.json', '../shop/catalog.json')).toBe('http://kiosk.local/shop/catalog.json');
    expect(at('http://kiosk.local/app/config.json', '/menus/today.json')).toBe('http://kiosk.local/menus/today.json');
    expect(at('http://kiosk.local/app/config.json', 'https://cdn.example/c.json')).toBe('https://cdn.example/c.json');
  });
});

describe('loadConfig', () => {
  it('fetches the absolute URL, bypassing the HTTP cache, and validates', async () => {
    let init: RequestInit | undefined;
    const fn = (async (_input: RequestInfo | URL, options?: RequestInit) => {
      init = options;
      return new Response(demoText, { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const result = await loadConfig('http://kiosk.local/k1/config.json', fn);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.configUrl).toBe('http://kiosk.local/k1/config.json');
    expect(result.catalogUrl).toBe('http://kiosk.local/k1/catalog.json');
    expect(init?.cache).toBe('no-store');
  });

  it('reports a network failure as unreachable', async () => {
    const { fn } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const result = await loadConfig('http://kiosk.local/config.json', fn);
    expect(result).toEqual({
      ok: false,
      problem: { kind: 'unreachable', url: 'http://kiosk.local/config.json', issues: [{ path: '', message: 'Failed to fetch' }] },
    });
  });

  it('reports an HTTP 404 as unreachable with the status', async () => {
    const { fn } = fakeFetch(() => new Response('nope', { status: 404, statusText: 'Not Found' }));
    const result = await loadConfig('http://kiosk.local/config.json', fn);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.kind).toBe('unreachable');
    expect(result.problem.issues[0]?.message).toBe('HTTP 404 Not Found');
  });

  it('reports an HTML page (a SPA fallback for a missing file) as not JSON', async () => {
    const { fn } = fakeFetch(() => new Response('<!doctype html><html><body></body></html>'));
    const result = await loadConfig('http://kiosk.local/config.json', fn);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.kind).toBe('not-json');
    expect(result.problem.issues[0]?.message).toMatch(/HTML/);
  });

  it('reports broken JSON as not JSON', async () => {
    const { fn } = fakeFetch(() => new Response('{"kioskName": "Kiosk 1",}'));
    const result = await loadConfig('http://kiosk.local/config.json', fn);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.kind).toBe('not-json');
    expect(result.problem.issues[0]?.message).toMatch(/^broken JSON/);
  });

  it('reports a relative URL with no page to resolve against, without fetching', async () => {
    const { fn, calls } = fakeFetch(() => new Response(demoText));
    const result = await loadConfig('./config.json', fn);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.kind).toBe('unreachable');
    expect(calls).toEqual([]);
  });

  it('reports a valid JSON file with a mistake as invalid', async () => {
    const { fn } = fakeFetch(() => new Response(JSON.stringify({ ...minimal, idleSeconds: 'ninety' })));
    const result = await loadConfig('http://kiosk.local/config.json', fn);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.kind).toBe('invalid');
    expect(result.problem.issues.map((i) => i.path)).toEqual(['idleSeconds']);
  });

  describe('in a browser', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('resolves the default ./config.json against document.baseURI', async () => {
      vi.stubGlobal('location', { href: 'http://kiosk.local/k2/index.html?x=1' });
      vi.stubGlobal('document', { baseURI: 'http://kiosk.local/k2/' });
      const { fn, calls } = fakeFetch(() => new Response(demoText));
      const result = await loadConfig(undefined, fn);
      expect(calls).toEqual(['http://kiosk.local/k2/config.json']);
      expect(result.ok && result.catalogUrl).toBe('http://kiosk.local/k2/catalog.json');
    });
  });
});
