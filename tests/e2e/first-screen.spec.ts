/**
 * The attract screen is painted by the first chunk, before the kiosk's own chunk (boot, machines, valibot, idb)
 * has arrived: held back here by the test. Start shows waiting meanwhile; a tap is kept and starts the order once
 * the kiosk is ready, and a language chosen meanwhile stays.
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { clearJournal, routeConfig } from '../helpers/kiosk.ts';
import { simControl } from '../helpers/sim-control.ts';

/** Holds the kiosk chunk back until `release()`. */
async function holdKioskChunk(page: Page): Promise<{ release(): void; requested: Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested!: () => void;
  const asked = new Promise<void>((resolve) => (requested = resolve));
  await page.route(/\/assets\/kiosk-parts-[^/]*\.js$/, async (route: Route) => {
    requested();
    await released;
    await route.continue();
  });
  return { release, requested: asked };
}

async function openHeld(page: Page, request: Parameters<typeof simControl>[0], locale: 'uz' | 'ru' | 'en') {
  const sim = simControl(request);
  await sim.reset();
  await sim.settings({ pinpadDelayMs: 0 });
  await routeConfig(page, { defaultLocale: locale, kioskName: 'Chorsu Coffee' });
  await page.goto('/config.json');
  await clearJournal(page);
  const held = await holdKioskChunk(page);
  await page.goto('/');
  await held.requested;
  return held;
}

test('the attract screen shows in the default language before the kiosk has loaded; a Start tap meanwhile is kept', async ({ page, request }) => {
  const held = await openHeld(page, request, 'ru');
  await expect(page.getByRole('heading', { name: 'Chorsu Coffee' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  const start = page.getByRole('button', { name: /Начать/ });
  await expect(start).toBeVisible();
  await expect(start).toBeDisabled(); // aria-disabled: not usable yet, but not deaf either

  await start.click({ force: true });
  await expect(page.getByRole('status')).toHaveText('Минутку, готовимся…');
  await expect(page.getByRole('heading', { name: 'Меню' })).toHaveCount(0);

  held.release();
  await expect(page.getByRole('heading', { name: 'Меню' })).toBeVisible();
  await page.getByRole('button', { name: /Cappuccino|Капучино/ }).first().click();
  await expect(page.getByRole('button', { name: /^Оплатить/ })).toBeEnabled();
});

test('a language chosen while the kiosk loads stays for that customer only; without a tap the kiosk waits on the attract screen', async ({
  page,
  request,
}) => {
  const held = await openHeld(page, request, 'uz');
  await expect(page.getByRole('button', { name: /Buyurtma/ })).toBeDisabled();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('');

  held.release();
  await expect(page.getByRole('button', { name: /Start/ })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'English', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Menu' })).toHaveCount(0);
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByRole('heading', { name: 'Menu' })).toBeVisible();

  // The next customer gets the kiosk's default language again.
  await page.getByRole('button', { name: /Cappuccino/ }).first().click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: 'Humo', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.getByRole('button', { name: "O'zbekcha", exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz');
});
