/**
 * A menu that updates itself: the kiosk re-reads the catalog (and config.json) every `refreshSeconds` with
 * conditional requests; a new price lands on the attract screen and never under a cart; a broken new file is
 * refused with a staff warning while the last good one keeps serving.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openKiosk } from '../helpers/kiosk.ts';
import { openStaffMode } from '../helpers/staff.ts';

interface CatalogFile {
  products: { id: string; price: number }[];
}
const demoCatalog = JSON.parse(readFileSync(new URL('../../public/catalog.json', import.meta.url), 'utf8')) as CatalogFile;

/** Serves catalog.json from `state.body` with an ETag, answering 304 to a matching If-None-Match. */
async function routeCatalog(page: Page) {
  const state = { body: JSON.stringify(demoCatalog), version: 1, notModified: 0, conditional: 0 };
  await page.route('**/catalog.json', (route) => {
    const etag = `"v${state.version}"`;
    const asked = route.request().headers()['if-none-match'];
    if (asked !== undefined) state.conditional += 1;
    if (asked === etag) {
      state.notModified += 1;
      return route.fulfill({ status: 304, headers: { ETag: etag } });
    }
    return route.fulfill({ status: 200, contentType: 'application/json', headers: { ETag: etag }, body: state.body });
  });
  return {
    state,
    publish(change: (catalog: CatalogFile) => void | string) {
      const catalog = structuredClone(demoCatalog);
      const text = change(catalog);
      state.body = typeof text === 'string' ? text : JSON.stringify(catalog);
      state.version += 1;
    },
  };
}

const americanoAt = (catalog: CatalogFile, price: number) => {
  catalog.products.find((p) => p.id === 'americano')!.price = price;
};

test('a new price is applied on the attract screen, never while a cart holds the product', async ({ page, request }) => {
  test.setTimeout(120_000);
  const catalog = await routeCatalog(page);
  await openKiosk(page, request, { config: { refreshSeconds: 10 } });
  // An unchanged file costs a 304.
  await expect.poll(() => catalog.state.notModified, { timeout: 25_000 }).toBeGreaterThan(0);

  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /^Americano/ }).click();
  await expect(page.getByRole('button', { name: /^Pay/ })).toHaveText('Pay 22,000 UZS');

  catalog.publish((c) => americanoAt(c, 2_500_000));
  const seen = catalog.state.conditional;
  await expect.poll(() => catalog.state.conditional, { timeout: 25_000 }).toBeGreaterThan(seen);
  await page.waitForTimeout(500);
  // The customer's cart and the menu keep the price they were shown.
  await expect(page.getByRole('button', { name: /^Pay/ })).toHaveText('Pay 22,000 UZS');
  await expect(page.getByRole('button', { name: /^Americano 22,000 UZS/ })).toBeVisible();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByText('22,000 UZS').first()).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();

  // Back on the attract screen, the new menu is taken.
  await page.getByRole('button', { name: 'Cancel order' }).click();
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByRole('button', { name: /^Americano 25,000 UZS/ })).toBeVisible();
  await page.getByRole('button', { name: /^Americano/ }).click();
  await expect(page.getByRole('button', { name: /^Pay/ })).toHaveText('Pay 25,000 UZS');
});

test('a broken new catalog is refused with a staff warning; the last good one keeps serving', async ({ page, request }) => {
  test.setTimeout(120_000);
  const catalog = await routeCatalog(page);
  await openKiosk(page, request, { config: { refreshSeconds: 10 } });
  catalog.publish((c) => {
    americanoAt(c, -5);
  });
  const seen = catalog.state.conditional;
  await expect.poll(() => catalog.state.conditional, { timeout: 25_000 }).toBeGreaterThan(seen);
  await page.waitForTimeout(500);

  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByRole('button', { name: /^Americano 22,000 UZS/ })).toBeVisible();
  await openStaffMode(page);
  await expect(page.getByRole('alert')).toContainText('A new catalog.json was refused');
  await expect(page.getByRole('alert')).toContainText('products.');
});
