/**
 * Cafe ordering (issue 15): a product's options on a choice sheet, eat here or take away, sold out. The
 * cappuccino gets the demo latte's options (size, milk) through a routed catalog so the other specs keep
 * their one-tap cappuccino.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoA11yViolations } from '../helpers/axe.ts';
import { openKiosk } from '../helpers/kiosk.ts';

interface CatalogFile {
  products: { id: string; price: number; options?: unknown }[];
}
const demoCatalog = JSON.parse(readFileSync(new URL('../../public/catalog.json', import.meta.url), 'utf8')) as CatalogFile;

/** Serves the demo catalog with the cappuccino given the latte's options. */
async function routeCafeCatalog(page: Page): Promise<void> {
  const catalog = structuredClone(demoCatalog);
  const latte = catalog.products.find((p) => p.id === 'latte')!;
  catalog.products.find((p) => p.id === 'cappuccino')!.options = latte.options;
  await page.route('**/catalog.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(catalog) }),
  );
}

function receiptLines(body: unknown): { name: string; product_price: number; price: number; amount: number; vat: number }[] {
  return (body as { products: { name: string; product_price: number; price: number; amount: number; vat: number }[] }).products;
}

test('a cappuccino with size L (+5,000) and oat milk (+3,000): the line, the total and the receipt carry both', async ({ page, request }) => {
  await routeCafeCatalog(page);
  const sim = await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).click();

  const sheet = page.getByRole('dialog', { name: 'Cappuccino' });
  await expect(sheet).toBeVisible();
  const add = sheet.getByRole('button', { name: /Add/ });
  // Size is required: "Add" waits for it, and says what is missing.
  await expect(add).toBeDisabled();
  await expect(sheet.getByText('Please choose: Size')).toBeVisible();
  await sheet.getByRole('radio', { name: 'Oat milk' }).check();
  await expect(add).toBeDisabled();
  await expectNoA11yViolations(page, 'options sheet');
  await sheet.getByRole('radio', { name: /^L/ }).check();
  await expect(add).toBeEnabled();
  await expect(add).toHaveText('Add · 36,000 UZS');
  await add.click();
  await expect(sheet).toHaveCount(0);

  const cart = page.getByRole('region', { name: 'Your order' });
  await expect(cart.getByText('L, Oat milk')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Pay/ })).toHaveText('Pay 36,000 UZS');

  // The same product with other choices is another line; + and − act on their own line.
  await page.getByRole('button', { name: /^Cappuccino 28,000 UZS/ }).click();
  await sheet.getByRole('radio', { name: /^S/ }).check();
  await sheet.getByRole('button', { name: /Add/ }).click();
  await expect(cart.getByRole('listitem')).toHaveCount(2);
  await cart.getByRole('button', { name: 'Add one Cappuccino (S)' }).click();
  await expect(page.getByRole('button', { name: /^Pay/ })).toHaveText('Pay 92,000 UZS');
  await cart.getByRole('button', { name: 'Remove Cappuccino (S)' }).click();
  await expect(cart.getByRole('listitem')).toHaveCount(1);

  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: 'Humo', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  const [receipt] = await sim.requests('order_create');
  const [line] = receiptLines(receipt?.body);
  // The receipt is in Uzbek (the fiscal language): "Kapuchino (L, Suli suti)".
  expect(line).toMatchObject({ name: 'Kapuchino (L, Suli suti)', product_price: 3_600_000, price: 3_600_000, amount: 1000 });
  expect(line?.vat).toBe(385_714);
});

test('serviceModes: the question is asked before paying, with large buttons, and "Take away" is on the done screen', async ({ page, request }) => {
  await openKiosk(page, request, { config: { serviceModes: ['eatIn', 'takeAway'] } });
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Americano/ }).click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('heading', { name: 'Eat here or take away?' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Eat here/ })).toBeVisible();
  await expectNoA11yViolations(page, 'service-mode question');
  await page.getByRole('button', { name: /Take away/ }).click();
  await page.getByRole('button', { name: 'Humo', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Take away');
});

test('without serviceModes nothing is asked', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Americano/ }).click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('button', { name: 'Humo', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /Take away/ })).toHaveCount(0);
});
