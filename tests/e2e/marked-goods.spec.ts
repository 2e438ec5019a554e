/**
 * Issue 14, marked goods: a product with "marked": true is sold only with its marking code (GS1 Data Matrix),
 * one code per unit, read by the camera or typed by a hand scanner; the codes go into the receipt line's
 * `labels`; `/okm/validation` (when switched on) is asked before any charge and its refusal names the product.
 */
import { expect, test } from '@playwright/test';
import { closeCameraPages, liveCameraTracks, openCameraPage } from '../helpers/camera-page.ts';
import { expectNoSeriousA11yViolations } from '../helpers/axe.ts';
import { makeFakeCameraVideo } from '../helpers/fake-camera.ts';
import { openKiosk } from '../helpers/kiosk.ts';
import { wedgeScan } from '../helpers/wedge.ts';

test.afterEach(closeCameraPages);

const GS = '\u001d';
const waterGtin = '04780069000130';
const firstCode = `01${waterGtin}215Ab+Q(o:x7Kp1${GS}93dGVz`;
const secondCode = `01${waterGtin}21Tq9=Lm2Zr8Wc4${GS}93Xy7+`;
const paymentCalls = ['click', 'payme', 'uzum', 'anor', 'xumo', 'uzcard', 'qr_pay', 'order_create'];

test('a marked product is added with the Data Matrix the camera reads; the same code again is refused; the receipt carries one label per unit', async () => {
  const video = await makeFakeCameraVideo(firstCode, { format: 'datamatrix' });
  const { page } = await openCameraPage(video);
  // The shop's hand scanner types "<GS>" for the group separator (README: scanner.gsCharacter).
  const sim = await openKiosk(page, page.request, { config: { scanner: { gsCharacter: '<GS>' } } });
  await page.getByRole('button', { name: /Start/ }).click();
  const cart = page.getByRole('region', { name: 'Your order' });

  await page.getByRole('button', { name: /Mineral water 1 l/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Scan the marking code' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Mineral water 1 l: each item has its own code')).toBeVisible();
  await expect(dialog.getByRole('img', { name: /small square marking code/ })).toBeVisible();
  // Read by the camera: the product is in the order, the dialog closed and the camera released.
  await expect(cart.getByRole('button', { name: 'Remove Mineral water 1 l' })).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => liveCameraTracks(page)).toBe(0);
  await expect(cart.getByText('Quantity: 1')).toBeAttached();

  // A second unit: the camera still shows the first pack's code, which is refused.
  await cart.getByRole('button', { name: 'Add one Mineral water 1 l' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/This code is already in your order/)).toBeVisible({ timeout: 20_000 });
  await expect(cart.getByText('Quantity: 1')).toBeAttached();
  await expectNoSeriousA11yViolations(page, 'marking code scan');

  // The second pack's code from the hand scanner, its GS typed as "<GS>".
  await wedgeScan(page, secondCode.replace(GS, '<GS>'));
  await expect(dialog).toHaveCount(0);
  await expect(cart.getByText('Quantity: 2')).toBeAttached();

  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: 'Humo', exact: true }).click();
  await expect(page.getByText('Paid with Humo')).toBeVisible({ timeout: 20_000 });

  const [receipt] = await sim.requests('order_create');
  const products = (receipt?.body as { products: { name: string; amount: number; labels?: string[] }[] }).products;
  expect(products).toHaveLength(1);
  expect(products[0]?.amount).toBe(2000);
  // One label per unit: the identification part of each code (01 GTIN 21 serial), in scan order.
  expect(products[0]?.labels).toEqual([`01${waterGtin}215Ab+Q(o:x7Kp1`, `01${waterGtin}21Tq9=Lm2Zr8Wc4`]);
});

test('an /okm/validation refusal stops the payment before any charge request and names the product', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: { markingCodes: { validate: true }, scanner: { gsCharacter: '^]' } } });
  await sim.fault('okm_validation', 'decline', { code: '1016' });
  await page.getByRole('button', { name: /Start/ }).click();
  const cart = page.getByRole('region', { name: 'Your order' });
  await page.getByRole('button', { name: /Cappuccino/ }).first().click();
  // A hand scanner on the menu reads the pack's marking code: the product and its code in one go.
  await wedgeScan(page, firstCode.replace(GS, '^]'));
  await expect(cart.getByRole('button', { name: 'Remove Mineral water 1 l' })).toBeVisible();

  await page.getByRole('button', { name: /^Pay/ }).click();
  const refusal = page.getByRole('alertdialog');
  await expect(refusal).toContainText('Mineral water 1 l cannot be sold');
  await expect(refusal).toContainText('Ushbu markirovka kodi muomaladan chiqarilgan (sotilgan)');
  await expect(page.getByRole('button', { name: 'Humo', exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'marking refusal');

  const requests = await sim.requests();
  const [check] = requests.filter((r) => r.call === 'okm_validation');
  expect(check?.body).toEqual({
    refund: 0,
    products: [
      {
        productCode: '11070001001000000',
        packageCode: '1339506',
        amount: 1,
        kmIds: [`01${waterGtin}215Ab+Q(o:x7Kp1`],
        fullKmIds: [firstCode],
      },
    ],
  });
  expect(requests.filter((r) => paymentCalls.includes(r.call))).toEqual([]);

  // Taking the refused product out lets the rest be paid.
  await refusal.getByRole('button', { name: 'OK' }).click();
  await cart.getByRole('button', { name: 'Remove Mineral water 1 l' }).click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('button', { name: 'Humo', exact: true })).toBeVisible();
});
