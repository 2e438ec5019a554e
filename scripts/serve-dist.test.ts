import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIdOf, stampWorker } from './kiosk-build-plugin.ts';
import { contentSecurityPolicy, gatewayOrigin, imageOrigins, metaContentSecurityPolicy } from './security-policy.ts';
import { createDistServer } from './serve-dist.ts';

describe('the content security policy', () => {
  it('is the verified policy, with the gateway origin only when gateway.url is absolute', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; img-src 'self'; " +
        "style-src 'self'; media-src 'self' blob: mediastream:; object-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'",
    );
    expect(gatewayOrigin('http://127.0.0.1:8080/api/')).toBe('http://127.0.0.1:8080');
    expect(gatewayOrigin('/gateway')).toBeNull();
    expect(gatewayOrigin('javascript:alert(1)')).toBeNull();
    expect(contentSecurityPolicy({ gateway: 'http://127.0.0.1:8080' })).toContain("connect-src 'self' http://127.0.0.1:8080;");
    expect(imageOrigins({ products: [{ image: 'https://cdn.example/a.png' }, { image: 'images/b.svg' }, {}] })).toEqual([
      'https://cdn.example',
    ]);
  });

  it('the meta fallback has no frame-ancestors and never forbids what the header allows', () => {
    const meta = metaContentSecurityPolicy();
    expect(meta).not.toContain('frame-ancestors');
    expect(meta).toContain("connect-src 'self' http: https:");
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(meta).not.toMatch(/unsafe-inline|'unsafe-eval'/);
  });
});

describe('buildIdOf', () => {
  it('changes when any emitted file or the worker changes, not with the order of the files', () => {
    const a = buildIdOf(['assets/index-A.js', 'index.html'], 'sw');
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(buildIdOf(['index.html', 'assets/index-A.js'], 'sw')).toBe(a);
    expect(buildIdOf(['assets/index-B.js', 'index.html'], 'sw')).not.toBe(a);
    expect(buildIdOf(['assets/index-A.js', 'index.html'], 'sw2')).not.toBe(a);
  });
});

describe('stampWorker', () => {
  it("stamps public/sw.js's cache name and precache list, and the stamped worker still parses", () => {
    const source = readFileSync(new URL('../public/sw.js', import.meta.url), 'utf8');
    const stamped = stampWorker(source, 'abc123def456', ['assets/b.js', 'assets/a.wasm']);
    expect(stamped).toContain("const CACHE = 'tolov-shell-abc123def456';");
    expect(stamped).toContain('const PRECACHE = ["assets/a.wasm","assets/b.js"];');
    expect(stamped).not.toMatch(/__TOLOV_/);
    expect(() => new Function('self', 'caches', stamped)).not.toThrow();
  });
});

describe('npm run serve (createDistServer)', () => {
  let server: Server | null = null;
  afterEach(async () => {
    const running = server;
    server = null;
    if (running) await new Promise((resolve) => running.close(resolve));
  });

  async function serve(config: unknown): Promise<string> {
    const root = mkdtempSync(join(tmpdir(), 'tolov-dist-'));
    mkdirSync(join(root, 'assets'));
    mkdirSync(join(root, 'images'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>k</title>');
    writeFileSync(join(root, 'config.json'), JSON.stringify(config));
    writeFileSync(join(root, 'menu.json'), JSON.stringify({ products: [{ image: 'https://img.example/x.png' }] }));
    writeFileSync(join(root, 'sw.js'), '// sw');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
    writeFileSync(join(root, 'assets', 'engine-abc.wasm'), 'wasm');
    writeFileSync(join(root, 'images', 'a.svg'), '<svg/>');
    const created = createDistServer({ root });
    server = created;
    await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
  }

  it('sends the CSP with the configured gateway and catalog image origins, and the cache headers per file', async () => {
    const base = await serve({ gateway: { url: 'http://10.0.0.5:8080' }, catalog: 'menu.json' });
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy({ gateway: 'http://10.0.0.5:8080', images: ['https://img.example'] }),
    );
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    for (const path of ['/config.json', '/menu.json', '/sw.js', '/images/a.svg']) {
      expect((await fetch(`${base}${path}`)).headers.get('cache-control'), path).toBe('no-cache');
    }
    const asset = await fetch(`${base}/assets/index-abc.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${base}/assets/engine-abc.wasm`)).headers.get('content-type')).toBe('application/wasm');
    // Revalidation by ETag.
    const etag = index.headers.get('etag') ?? '';
    expect((await fetch(`${base}/`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('has no simulator and serves nothing outside dist', async () => {
    const base = await serve({ gateway: { url: '/gateway' }, catalog: 'menu.json' });
    expect((await fetch(`${base}/`)).headers.get('content-security-policy')).toContain("connect-src 'self';");
    for (const path of ['/__sim', '/__sim/state', '/gateway/info/', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/nothing']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${base}/__sim/reset`, { method: 'POST' })).status).toBe(405);
  });
});
