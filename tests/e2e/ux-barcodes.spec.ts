import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, fakeCameraArgs } from '../helpers/chromium.ts';
import { makeFakeCameraVideo } from '../helpers/fake-camera.ts';
import { openKiosk } from '../helpers/kiosk.ts';

/** A page that counts the camera tracks it opens, so a test can tell whether the camera was released. */
async function cameraPage(context: BrowserContext): Promise<Page> {
  await context.grantPermissions(['camera']);
  await context.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    (window as unknown as { __cameraTracks: MediaStreamTrack[] }).__cameraTracks = tracks;
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
  });
  return context.newPage();
}

function liveCameraTracks(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { __cameraTracks: MediaStreamTrack[] }).__cameraTracks.filter((t) => t.readyState === 'live')
        .length,
  );
}

async function withCamera(video: string, body: (context: BrowserContext) => Promise<void>): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs(fakeCameraArgs(video)) });
  try {
    const baseURL = test.info().project.use.baseURL;
    const context = await browser.newContext({ baseURL, viewport: { width: 1080, height: 1920 }, locale: 'en-US' });
    await body(context);
    await context.close();
  } finally {
    await browser.close();
  }
}

test('a keyboard-wedge burst on the menu adds the product; an unknown barcode says so', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  const cart = page.getByRole('region', { name: 'Your order' });

  await page.keyboard.type('4780001234012', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect(cart.getByRole('button', { name: 'Remove Still water 0.5 l' })).toBeVisible();
  await expect(cart.getByText('Quantity: 1')).toBeAttached();

  await page.keyboard.type('4780001234012', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect(cart.getByText('Quantity: 2')).toBeAttached();

  await page.keyboard.type('4780009999994', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: "We don't know this barcode" })).toBeVisible();
  await expect(cart.getByRole('listitem')).toHaveCount(1);
});

test('the camera reads a product barcode (EAN-13), adds the product once and releases the camera', async () => {
  const video = await makeFakeCameraVideo('4780005678027', { format: 'ean13' });
  await withCamera(video, async (context) => {
    const page = await cameraPage(context);
    await openKiosk(page, context.request);
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
});

test('Close, and leaving the menu (idle question), release the barcode camera', async () => {
  // A QR, which the product reader does not read: the camera stays open until the menu is left.
  const video = await makeFakeCameraVideo('not a product', { format: 'qr' });
  await withCamera(video, async (context) => {
    const page = await cameraPage(context);
    await page.clock.install();
    await openKiosk(page, context.request, { config: { idleSeconds: 10 } });
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
});
