/**
 * Sold out: staff tick a product (or a whole category) in staff mode; the menu shows it unavailable and it
 * cannot be added; the mark survives a reload (IndexedDB); a product that sells out while in a cart is flagged
 * and blocks payment until it is removed; "Everything back on sale" undoes it.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers/axe.ts';
import { openKiosk } from '../helpers/kiosk.ts';
import { openStaffMode } from '../helpers/staff.ts';

async function soldOutTab(page: Page): Promise<void> {
  await openStaffMode(page);
  await page.getByRole('tab', { name: 'Sold out' }).click();
}

async function closeStaff(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close', exact: true }).click();
}

test('a product marked sold out cannot be added, and stays sold out after a reload', async ({ page, request }) => {
  await openKiosk(page, request);
  await soldOutTab(page);
  await page.getByRole('checkbox', { name: 'Americano', exact: true }).check();
  await expectNoA11yViolations(page, 'staff sold out');
  await closeStaff(page);

  await page.getByRole('button', { name: /Start/ }).click();
  const americano = page.getByRole('button', { name: /^Americano/ });
  await expect(americano).toBeDisabled();
  await expect(americano).toContainText('Sold out');
  await expectNoA11yViolations(page, 'menu with a sold-out product');

  await page.reload();
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByRole('button', { name: /^Americano/ })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Cappuccino/ })).toBeEnabled();

  // A whole category, then everything back on sale.
  await soldOutTab(page);
  await page.getByRole('checkbox', { name: 'Food: the whole category' }).check();
  await closeStaff(page);
  await expect(page.getByRole('button', { name: /^Tashkent plov/ })).toBeDisabled();
  await soldOutTab(page);
  await page.getByRole('button', { name: 'Everything back on sale' }).click();
  await expect(page.getByText('Nothing is sold out.')).toBeVisible();
  await closeStaff(page);
  await expect(page.getByRole('button', { name: /^Tashkent plov/ })).toBeEnabled();
  await expect(page.getByRole('button', { name: /^Americano/ })).toBeEnabled();
});

test('a product that sells out while in the cart is flagged and blocks payment until removed', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /^Green tea/ }).click();
  await page.getByRole('button', { name: /^Cappuccino/ }).click();

  await soldOutTab(page);
  await page.getByRole('checkbox', { name: 'Green tea', exact: true }).check();
  await closeStaff(page);

  const cart = page.getByRole('region', { name: 'Your order' });
  await expect(cart.getByText('Sold out: please remove it')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeDisabled();
  await cart.getByRole('button', { name: 'Remove Green tea' }).click();
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeEnabled();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('button', { name: 'Humo', exact: true })).toBeVisible();
});
