/**
 * Issue 16 / 11: the offline shell's service worker, as `npm run serve` ships it. It caches only its allow-list
 * (app shell, config, catalog, hashed assets, images) and never anything under `gateway.url` — here mounted on a
 * same-origin path inside the allow-listed images/ folder; its cache name carries the build id, and a new build's
 * worker deletes the old cache when it activates.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shopOrigin, startShop, type ShopServers } from '../helpers/shop-server.ts';

test.use({ serviceWorkers: 'allow' });
test.describe.configure({ mode: 'serial' });

let shop: ShopServers;
test.beforeAll(async () => {
  shop = await startShop('sw', { gateway: { url: '/images/gateway' }, defaultLocale: 'en' });
  // Same-origin answers the kiosk might GET: a gateway call (under gateway.url) and a file outside the allow-list.
  mkdirSync(join(shop.dist, 'images', 'gateway'), { recursive: true });
  writeFileSync(join(shop.dist, 'images', 'gateway', 'info'), '{"is_success":true,"data":{"shift":"closed"}}');
  mkdirSync(join(shop.dist, 'api'), { recursive: true });
  writeFileSync(join(shop.dist, 'api', 'other.json'), '{}');
});
test.afterAll(async () => {
  await shop.stop();
});

function buildId(): string {
  const id = /const CACHE = 'tolov-shell-([^']+)'/.exec(readFileSync(join(shop.dist, 'sw.js'), 'utf8'))?.[1];
  if (!id) throw new Error('sw.js has no stamped cache name');
  return id;
}

async function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname).sort();
    }
    return out;
  });
}

test('caches only the allow-list, never a gateway GET (even on an allow-listed same-origin path); a new build deletes the old cache', async ({
  page,
}) => {
  const firstId = buildId();
  expect(firstId).toMatch(/^[0-9a-f]{12}$/);
  await page.goto(`${shopOrigin}/`);
  await expect(page.getByRole('button', { name: 'Start order' })).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (navigator.serviceWorker.controller ? 'controlled' : 'free')))
    .toBe('controlled');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Start order' })).toBeVisible();

  // The kiosk's own kinds of GET, through the worker: all answered 200 by the network.
  const statuses = await page.evaluate(async () =>
    Promise.all(['/images/gateway/info', '/images/gateway/info?x=1', '/images/cappuccino.svg', '/api/other.json'].map(async (p) => (await fetch(p)).status)),
  );
  expect(statuses).toEqual([200, 200, 200, 200]);

  const first = await cacheContents(page);
  expect(Object.keys(first)).toEqual([`tolov-shell-${firstId}`]);
  const cached = first[`tolov-shell-${firstId}`] ?? [];
  expect(cached).toEqual(expect.arrayContaining(['/', '/config.json', '/catalog.json', '/images/cappuccino.svg']));
  expect(cached.some((p) => p.startsWith('/assets/'))).toBe(true);
  expect(cached.filter((p) => p.startsWith('/images/gateway') || p.startsWith('/api/') || p.startsWith('/__sim'))).toEqual([]);

  // A new build: its sw.js differs only by the stamped id, as the build plugin makes it. Another app's cache on the
  // origin is not the worker's to delete.
  await page.evaluate(() => caches.open('some-other-cache').then(() => undefined));
  writeFileSync(join(shop.dist, 'sw.js'), readFileSync(join(shop.dist, 'sw.js'), 'utf8').replaceAll(firstId, 'a1b2c3d4e5f6'));
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
  await expect.poll(async () => Object.keys(await cacheContents(page)).sort()).toEqual(['some-other-cache', 'tolov-shell-a1b2c3d4e5f6']);
  const second = await cacheContents(page);
  expect(second['tolov-shell-a1b2c3d4e5f6']).toEqual(expect.arrayContaining(['/', '/config.json', '/catalog.json']));
});
