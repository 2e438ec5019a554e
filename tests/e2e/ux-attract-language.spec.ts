import { expect, test } from '@playwright/test';
import { openKiosk } from '../helpers/kiosk.ts';

test('the attract screen offers three languages and Start; Русский turns the texts Russian', async ({ page, request }) => {
  await openKiosk(page, request);
  for (const name of ["O'zbekcha", 'Русский', 'English']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'English', exact: true })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Русский', exact: true }).click();
  await expect(page.getByRole('button', { name: /Начать/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Start/ })).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');

  await page.getByRole('button', { name: /Начать/ }).click();
  await expect(page.getByRole('heading', { name: 'Меню' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Оплатить/ })).toBeDisabled();

  await page.getByRole('button', { name: "O'zbekcha", exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz');
  await expect(page.getByRole('heading', { name: 'Menyu' })).toBeVisible();
});

test('after a finished order the next customer gets the default language again', async ({ page, request }) => {
  await openKiosk(page, request, { locale: 'uz' });
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: 'Humo', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await page.getByRole('button', { name: 'Done', exact: true }).click();

  await expect(page.getByRole('button', { name: "O'zbekcha", exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: /Start/ })).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz');
});

test('after an idle reset the next customer gets the default language again', async ({ page, request }) => {
  await page.clock.install();
  await openKiosk(page, request, { locale: 'uz', config: { idleSeconds: 10 } });
  await page.getByRole('button', { name: 'Русский', exact: true }).click();
  await page.getByRole('button', { name: /Начать/ }).click();
  await expect(page.getByRole('heading', { name: 'Меню' })).toBeVisible();

  await page.clock.fastForward('00:11');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.clock.fastForward('00:21');
  await expect(page.getByRole('button', { name: "O'zbekcha", exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz');
});
