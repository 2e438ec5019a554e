import { expect, test } from '@playwright/test';
import { closeCameraPages, liveCameraTracks, openCameraPage } from '../helpers/camera-page.ts';
import { makeFakeCameraVideo } from '../helpers/fake-camera.ts';
import { openKiosk } from '../helpers/kiosk.ts';
import { wedgeScan } from '../helpers/wedge.ts';

test.afterEach(closeCameraPages);

test('a keyboard-wedge burst on the menu adds the product; an unknown barcode says so', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  const cart = page.getByRole('region', { name: 'Your order' });

  await wedgeScan(page, '4780001234012');
  await expect(cart.getByRole('button', { name: 'Remove Still water 0.5 l' })).toBeVisible();
  await expect(cart.getByText('Quantity: 1')).toBeAttached();

  await wedgeScan(page, '4780001234012');
  await expect(cart.getByText('Quantity: 2')).toBeAttached();

  await wedgeScan(page, '4780009999994');
  await expect(page.getByRole('status').filter({ hasText: "We don't know this barcode" })).toBeVisible();
  await expect(cart.getByRole('listitem')).toHaveCount(1);
});

test('the camera reads a product barcode (EAN-13), adds the product once and releases the camera', async () => {
  const video = await makeFakeCameraVideo('4780005678027', { format: 'ean13' });
  const { page } = await openCameraPage(video);
  await openKiosk(page, page.request);
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: 'Scan a barcode' }).click();
  const scanner = page.getByRole('dialog', { name: 'Scan a barcode' });
  await expect(scanner).toBeVisible();

  const cart = page.getByRole('region', { name: 'Your order' });
  await expect(cart.getByRole('button', { name: 'Remove Apple juice 1 l' })).toBeVisible({ timeout: 20_000 });
  // One read is one item: the reader closes, so a barcode held up longer is not added again.
  await expect(scanner).toHaveCount(0);
  await expect.poll(() => liveCameraTracks(page)).toBe(0);
  await expect(cart.getByText('Quantity: 1')).toBeAttached();
});

test('Close, and leaving the menu (idle question), release the barcode camera', async () => {
  // A QR, which the product reader does not read: the camera stays open until the menu is left.
  const video = await makeFakeCameraVideo('not a product', { format: 'qr' });
  const { page } = await openCameraPage(video);
  await page.clock.install();
  await openKiosk(page, page.request, { config: { idleSeconds: 10 } });
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: 'Scan a barcode' }).click();
  const scanner = page.getByRole('dialog', { name: 'Scan a barcode' });
  await expect(scanner).toBeVisible();
  await expect.poll(() => liveCameraTracks(page)).toBeGreaterThan(0);
  await scanner.getByRole('button', { name: 'Close' }).click();
  await expect(scanner).toHaveCount(0);
  await expect.poll(() => liveCameraTracks(page)).toBe(0);

  await page.getByRole('button', { name: 'Scan a barcode' }).click();
  await expect(scanner).toBeVisible();
  await expect.poll(() => liveCameraTracks(page)).toBeGreaterThan(0);
  await page.clock.fastForward('00:11');
  await expect(page.getByRole('dialog', { name: 'Are you still there?' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Scan a barcode' })).toHaveCount(0);
  await expect.poll(() => liveCameraTracks(page)).toBe(0);
});
