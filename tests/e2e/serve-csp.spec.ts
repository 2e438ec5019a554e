/**
 * Issue 16: `npm run serve` as a shop runs the kiosk, against the simulator started on its own with only the
 * kiosk's origin allowed (gateway.url absolute). The CSP header is there (with the gateway's origin in
 * connect-src), /__sim is 404, cache headers are right, and a whole checkout (camera + decode worker + wasm,
 * Scan2pay QR, staff tabs, export) runs with zero CSP violations.
 */
import { expect, test, type Page } from '@playwright/test';
import { contentSecurityPolicy } from '../../scripts/security-policy.ts';
import { closeCameraPages, openCameraPage } from '../helpers/camera-page.ts';
import { makeFakeCameraVideo } from '../helpers/fake-camera.ts';
import { shopOrigin, simOrigin, simPost, simState, startShop, type ShopServers } from '../helpers/shop-server.ts';
import { openStaffMode } from '../helpers/staff.ts';

const clickCode = '880101698207133392';
let shop: ShopServers;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  shop = await startShop('csp', {
    gateway: { url: simOrigin },
    defaultLocale: 'en',
    scan2pay: { pollSeconds: 1, expirySeconds: 120 },
    timeouts: { walletSeconds: 10 },
  });
});
test.afterAll(async () => {
  await closeCameraPages();
  await shop.stop();
});

test('npm run serve sends the CSP (gateway origin in connect-src), security and cache headers, and has no simulator', async ({
  request,
}) => {
  const index = await request.get(`${shopOrigin}/`);
  expect(index.status()).toBe(200);
  const csp = index.headers()['content-security-policy'];
  expect(csp).toBe(contentSecurityPolicy({ gateway: simOrigin }));
  expect(csp).toContain(`connect-src 'self' ${simOrigin};`);
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(index.headers()['x-content-type-options']).toBe('nosniff');
  expect(index.headers()['cache-control']).toBe('no-cache');
  // The meta fallback is in the page too.
  expect(await index.text()).toContain('http-equiv="Content-Security-Policy"');

  for (const path of ['/index.html', '/config.json', '/catalog.json', '/sw.js']) {
    const res = await request.get(`${shopOrigin}${path}`);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['cache-control'], path).toBe('no-cache');
    expect(res.headers()['content-security-policy'], path).toBe(csp);
  }
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
  expect(asset).toBeTruthy();
  const assetAnswer = await request.get(`${shopOrigin}${asset}`);
  expect(assetAnswer.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(assetAnswer.headers()['content-type']).toContain('text/javascript');

  for (const path of ['/__sim', '/__sim/state', '/gateway/info/']) {
    expect((await request.get(`${shopOrigin}${path}`)).status(), path).toBe(404);
  }
  expect((await request.post(`${shopOrigin}/__sim/reset`, { data: {} })).status()).toBe(405);
  expect((await request.get(`${shopOrigin}/../package.json`)).status()).toBe(404);
});

test('the standalone simulator answers only the kiosk origin it was started for', async ({ request }) => {
  const allowed = await request.fetch(`${simOrigin}/payment/click`, {
    method: 'OPTIONS',
    headers: { Origin: shopOrigin, 'Access-Control-Request-Method': 'POST' },
  });
  expect(allowed.headers()['access-control-allow-origin']).toBe(shopOrigin);
  const other = await request.post(`${simOrigin}/__sim/reset`, { headers: { Origin: 'https://evil.example' }, data: {} });
  expect(other.status()).toBe(403);
});

/** Collects CSP violations the page (and its console, which carries the worker's) reports. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  const consoleText = (text: string) => {
    if (/Content Security Policy|Refused to/i.test(text)) fromConsole.push(text);
  };
  page.on('console', (message) => consoleText(message.text()));
  page.on('worker', (worker) => worker.on('console', (message) => consoleText(message.text())));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [
    ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)),
    ...fromConsole,
  ];
}

test('a whole checkout under the CSP: camera wallet QR (worker + wasm), Scan2pay QR, every staff tab, export — zero violations', async () => {
  await simPost('/reset');
  await simPost('/settings', { pinpadDelayMs: 0 });
  const { page } = await openCameraPage(await makeFakeCameraVideo(clickCode));
  const violations = await watchViolations(page);
  await page.goto(`${shopOrigin}/config.json`);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase('tolov-kiosk');
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      }),
  );
  await page.goto(`${shopOrigin}/`);

  // A wallet QR read by the camera, decoded by zxing-wasm in the worker, charged at the simulator on its origin.
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).first().click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: 'Click', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible({ timeout: 30_000 });
  const afterWallet = await simState();
  expect((afterWallet['walletPayments'] as { qrCode: string }[]).map((p) => p.qrCode)).toEqual([clickCode]);
  await page.getByRole('button', { name: 'Done' }).click();

  // Scan2pay: the QR drawn on screen, paid at the simulator.
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).first().click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: 'Scan2pay', exact: true }).click();
  await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  const orders = (await simState())['scan2payOrders'] as { orderId: string }[];
  await simPost('/scan2pay/pay', { order_id: orders[0]?.orderId });
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  // Staff mode: every tab, and both exports.
  await openStaffMode(page, { keypad: true });
  for (const tab of ['Attention', 'Card payments today', 'Reconciliation', 'Health', 'Export']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
  }
  for (const button of ['Download JSON', 'Download CSV']) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    expect((await download).suggestedFilename()).toMatch(/\.(json|csv)$/);
  }

  expect(await violations()).toEqual([]);
  // The watcher itself works: an image from another origin is refused and reported.
  await page.evaluate(() => {
    new Image().src = 'https://blocked.example/pixel.png';
  });
  await expect.poll(async () => (await violations()).some((v) => v.includes('img-src'))).toBe(true);
});
