import { expect, test } from '@playwright/test';
import { openKiosk, orderAndChoose } from '../helpers/kiosk.ts';

test('no touch for idleSeconds on the menu: "Are you still there?" counts down, then the cart is cleared', async ({
  page,
  request,
}) => {
  await page.clock.install();
  await openKiosk(page, request, { config: { idleSeconds: 10 } });
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).click();

  await page.clock.fastForward('00:09');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.clock.fastForward('00:02');
  const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your order will be cleared in 20 s');
  // The dialog is modal: the menu behind it is inert, out of reach of Tab and screen readers.
  await expect(page.locator('[inert] main')).toHaveCount(1);
  await page.clock.fastForward('00:05');
  await expect(dialog).toContainText(/cleared in 1[56] s/);

  await page.clock.fastForward('00:16');
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByText('Your order is empty')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeDisabled();
});

test('"Yes, continue" keeps the cart, and touches keep the question away', async ({ page, request }) => {
  await page.clock.install();
  await openKiosk(page, request, { config: { idleSeconds: 10 } });
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).click();

  // A touch at 8 s restarts the quiet time: no question at 11 s.
  await page.clock.fastForward('00:08');
  await page.getByRole('button', { name: /Green tea/ }).click();
  await page.clock.fastForward('00:03');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.clock.fastForward('00:08');
  const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Yes, continue' }).click();
  await expect(dialog).toHaveCount(0);
  const cart = page.getByRole('region', { name: 'Your order' });
  await expect(cart.getByRole('button', { name: 'Remove Cappuccino' })).toBeVisible();
  await expect(cart.getByRole('button', { name: 'Remove Green tea' })).toBeVisible();
});

test('the idle question also comes on the choose-method screen, and "Yes, continue" stays there', async ({ page, request }) => {
  await page.clock.install();
  await openKiosk(page, request, { config: { idleSeconds: 10 } });
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('button', { name: 'Click', exact: true })).toBeVisible();
  await page.clock.fastForward('00:11');
  const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Yes, continue' }).click();
  await expect(page.getByRole('button', { name: 'Click', exact: true })).toBeVisible();
});

test('never an idle reset while a card payment runs (pinpad hangs far past idleSeconds)', async ({ page, request }) => {
  await page.clock.install();
  const sim = await openKiosk(page, request, { config: { idleSeconds: 10, timeouts: { pinpadSeconds: 600 } } });
  await sim.fault('xumo', 'hang');
  await orderAndChoose(page, ['Cappuccino'], 'Humo');
  await expect(page.getByRole('heading', { name: /Pay by Humo card/ })).toBeVisible();
  await page.clock.fastForward('02:00');
  await expect(page.getByRole('heading', { name: /Pay by Humo card/ })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Start/ })).toHaveCount(0);
});

test('never an idle reset while a wallet charge runs (the charge hangs far past idleSeconds)', async ({ page, request }) => {
  await page.clock.install();
  const sim = await openKiosk(page, request, { config: { idleSeconds: 10, timeouts: { walletSeconds: 600 } } });
  await sim.fault('click', 'hang');
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  await page.getByRole('textbox').fill('880101698207133392');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Payment in progress — please wait')).toBeVisible();
  await page.clock.fastForward('03:00');
  await expect(page.getByText('Payment in progress — please wait')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Start/ })).toHaveCount(0);
});
