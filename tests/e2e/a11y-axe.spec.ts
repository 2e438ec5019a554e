import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers/axe.ts';
import { openKiosk, orderAndChoose, routeConfig } from '../helpers/kiosk.ts';
import { wedgeScan } from '../helpers/wedge.ts';

test('attract, menu with items, choose method, idle prompt: no axe violation (all default rules)', async ({ page, request }) => {
  await page.clock.install();
  await openKiosk(page, request, { config: { idleSeconds: 10 } });
  await expectNoA11yViolations(page, 'attract');

  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).click();
  await page.getByRole('button', { name: /Green tea/ }).click();
  await wedgeScan(page, '4780009999994');
  await expect(page.getByText("We don't know this barcode")).toBeVisible();
  await expectNoA11yViolations(page, 'menu with items and a notice');

  await page.clock.fastForward('00:11');
  await expect(page.getByRole('dialog', { name: 'Are you still there?' })).toBeVisible();
  await expectNoA11yViolations(page, 'idle prompt');
  await page.getByRole('button', { name: 'Yes, continue' }).click();

  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('button', { name: 'Scan2pay', exact: true })).toBeVisible();
  await expectNoA11yViolations(page, 'choose method');
});

test('wallet scanning with the typed-code keypad, and its decline: no axe violation', async ({ page, request }) => {
  const sim = await openKiosk(page, request);
  await sim.fault('click', 'decline');
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  await expect(page.getByRole('textbox')).toBeVisible();
  await page.getByRole('textbox').fill('8801016982');
  await expectNoA11yViolations(page, 'wallet scanning');
  await page.getByRole('textbox').fill('880101698207133392');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: 'Scan again' })).toBeVisible();
  await expectNoA11yViolations(page, 'wallet declined');
});

test('pinpad charging: no axe violation', async ({ page, request }) => {
  const sim = await openKiosk(page, request);
  await sim.fault('xumo', 'hang');
  await orderAndChoose(page, ['Cappuccino'], 'Humo');
  await expect(page.getByRole('heading', { name: /Pay by Humo card/ })).toBeVisible();
  await expectNoA11yViolations(page, 'pinpad charging');
});

test('Scan2pay QR: no axe violation', async ({ page, request }) => {
  await openKiosk(page, request);
  await orderAndChoose(page, ['Cappuccino'], 'Scan2pay');
  await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  await expectNoA11yViolations(page, 'Scan2pay QR');
});

test('done: no axe violation', async ({ page, request }) => {
  await openKiosk(page, request);
  await orderAndChoose(page, ['Cappuccino'], 'Humo');
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await expectNoA11yViolations(page, 'done');
});

test('receipt trouble: no axe violation', async ({ page, request }) => {
  const sim = await openKiosk(page, request);
  await sim.fault('order_create', 'receipt_error', { code: 101, times: 20 });
  await orderAndChoose(page, ['Cappuccino'], 'Humo');
  await expect(page.getByRole('heading', { name: 'Your payment is safe' })).toBeVisible({ timeout: 30_000 });
  await expectNoA11yViolations(page, 'receipt trouble');
});

test('staff assist: no axe violation', async ({ page, request }) => {
  const sim = await openKiosk(page, request);
  await sim.fault('xumo', 'http500');
  await orderAndChoose(page, ['Cappuccino'], 'Humo');
  await expect(page.getByRole('heading', { name: 'We could not confirm your payment' })).toBeVisible();
  await expectNoA11yViolations(page, 'staff assist');
});

test('staff mode PIN gate: no axe violation', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.goto('/#staff');
  await expect(page.getByRole('heading', { name: 'Staff mode' })).toBeVisible();
  await expectNoA11yViolations(page, 'staff PIN gate');
});

test('config error screen: no axe violation', async ({ page }) => {
  await routeConfig(page, { idleSecond: 90 });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /Out of service/ })).toBeVisible();
  await expectNoA11yViolations(page, 'config error');
});

test('the axe helper fails on a button whose name does not contain its visible text (label-in-name, WCAG 2.5.3)', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.evaluate(() => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Green tea';
    button.setAttribute('aria-label', 'Add to order');
    document.querySelector('main')?.append(button);
  });
  await expect(expectNoA11yViolations(page, 'a planted mismatch')).rejects.toThrow(/label-content-name-mismatch/);
});
