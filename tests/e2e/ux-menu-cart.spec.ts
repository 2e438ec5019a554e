import { expect, test, type Page } from '@playwright/test';
import { openKiosk } from '../helpers/kiosk.ts';

/** The product tiles shown (each is a button whose name ends in "add to order" or "add one more"). */
function tiles(page: Page) {
  return page.getByRole('list').first().getByRole('button');
}

/** Money as the kiosk writes it in English, digits only, e.g. "28,000 so'm" → 28000. */
function sums(text: string | null): number {
  return Number((text ?? '').replace(/\D/g, ''));
}

test('categories filter the product tiles', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  const categories = page.getByRole('group', { name: 'Categories' });
  await expect(tiles(page)).toHaveCount(17);

  await categories.getByRole('button', { name: 'Hot drinks' }).click();
  await expect(categories.getByRole('button', { name: 'Hot drinks' })).toHaveAttribute('aria-pressed', 'true');
  await expect(tiles(page)).toHaveCount(5);
  await expect(page.getByRole('button', { name: /Cappuccino/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Tashkent plov/ })).toHaveCount(0);

  await categories.getByRole('button', { name: 'Food' }).click();
  await expect(tiles(page)).toHaveCount(6);
  await expect(page.getByRole('button', { name: /Tashkent plov/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Cappuccino/ })).toHaveCount(0);

  await categories.getByRole('button', { name: 'All' }).click();
  await expect(tiles(page)).toHaveCount(17);
});

test('+, − and remove change the cart and its total; Pay is disabled on an empty cart', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  const pay = page.getByRole('button', { name: /^Pay/ });
  const cart = page.getByRole('region', { name: 'Your order' });
  await expect(pay).toBeDisabled();
  await expect(cart.getByText('Your order is empty')).toBeVisible();

  await page.getByRole('button', { name: /Cappuccino/ }).click(); // 28,000
  await page.getByRole('button', { name: /Tandoor samsa/ }).click(); // 8,000
  await expect(pay).toBeEnabled();
  await expect.poll(async () => sums(await pay.textContent())).toBe(36_000);

  await cart.getByRole('button', { name: 'Add one Cappuccino' }).click();
  await expect(cart.getByText('Quantity: 2')).toBeAttached();
  await expect.poll(async () => sums(await pay.textContent())).toBe(64_000);
  await expect(page.getByRole('button', { name: /Cappuccino.*2 in your order/ })).toBeVisible();

  await cart.getByRole('button', { name: 'Remove one Cappuccino' }).click();
  await expect.poll(async () => sums(await pay.textContent())).toBe(36_000);
  // At quantity 1, − is disabled: "remove" is the way to take a line out.
  await expect(cart.getByRole('button', { name: 'Remove one Cappuccino' })).toBeDisabled();

  await cart.getByRole('button', { name: 'Remove Tandoor samsa' }).click();
  await expect(cart.getByRole('button', { name: 'Remove Tandoor samsa' })).toHaveCount(0);
  await expect.poll(async () => sums(await pay.textContent())).toBe(28_000);

  await cart.getByRole('button', { name: 'Remove Cappuccino' }).click();
  await expect(pay).toBeDisabled();
  await expect(cart.getByText('Your order is empty')).toBeVisible();
});

test('a line holds at most 20: + and the tile stop there, and the limit is said', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Green tea/ }).click();
  const cart = page.getByRole('region', { name: 'Your order' });
  const plus = cart.getByRole('button', { name: 'Add one Green tea' });
  for (let n = 2; n <= 20; n++) await plus.click();
  await expect(cart.getByText('Quantity: 20')).toBeAttached();
  await expect(plus).toBeDisabled();
  await expect(page.getByRole('button', { name: /Green tea/ }).first()).toBeDisabled();
  await expect(cart.getByText('At most 20 of one item')).toBeVisible();
  const pay = page.getByRole('button', { name: /^Pay/ });
  await expect.poll(async () => sums(await pay.textContent())).toBe(200_000);
});
