import { expect, test, type Page } from '@playwright/test';
import { openKiosk } from '../helpers/kiosk.ts';

/** Every visible button's box, with its name, for the touch-target check. */
async function smallButtons(page: Page): Promise<string[]> {
  const small: string[] = [];
  for (const button of await page.getByRole('button').all()) {
    if (!(await button.isVisible())) continue;
    const box = await button.boundingBox();
    if (!box) continue;
    if (box.width < 48 || box.height < 48) {
      const name = (await button.getAttribute('aria-label')) ?? (await button.innerText());
      small.push(`${name.trim()}: ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return small;
}

async function expectTargets(page: Page, screen: string): Promise<void> {
  expect(await page.getByRole('button').count(), `${screen} has buttons`).toBeGreaterThan(0);
  expect(await smallButtons(page), `buttons under 48×48 px on the ${screen} screen`).toEqual([]);
}

for (const viewport of [
  { width: 1080, height: 1920 },
  { width: 1280, height: 800 },
]) {
  test(`every button is at least 48×48 px on the main screens (${viewport.width}×${viewport.height})`, async ({
    page,
    request,
  }) => {
    // Every visible button is measured on eight screens; the menu has 15 products (cafe options) on a loaded CI box.
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await openKiosk(page, request);
    await expectTargets(page, 'attract');
    await page.getByRole('button', { name: /Start/ }).click();
    await expectTargets(page, 'empty menu');
    await page.getByRole('button', { name: /Cappuccino/ }).click();
    await page.getByRole('button', { name: /Green tea/ }).click();
    await expectTargets(page, 'menu with items');
    await page.getByRole('button', { name: 'Scan a barcode' }).click();
    await expectTargets(page, 'barcode scanner');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: /^Pay/ }).click();
    await expectTargets(page, 'choose method');
    await page.getByRole('button', { name: 'Click', exact: true }).click();
    await expect(page.getByRole('textbox')).toBeVisible();
    await expectTargets(page, 'wallet scan');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Scan2pay', exact: true }).click();
    await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
    await expectTargets(page, 'Scan2pay');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Humo', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    await expectTargets(page, 'done');
  });
}

test('accessibility mode brings the controls into the lower half and enlarges the text', async ({ page, request }) => {
  await openKiosk(page, request);
  const viewport = page.viewportSize()!;
  const start = page.getByRole('button', { name: /Start/ });
  const fontSize = async () => parseFloat(await start.evaluate((el) => getComputedStyle(el).fontSize));
  const normalSize = await fontSize();
  const normalTop = (await start.boundingBox())!.y;

  await page.getByRole('button', { name: 'Accessibility mode' }).click();
  await expect(page.getByRole('button', { name: 'Accessibility mode' })).toHaveAttribute('aria-pressed', 'true');
  expect(await fontSize()).toBeGreaterThan(normalSize * 1.1);
  expect((await start.boundingBox())!.y).toBeGreaterThan(normalTop);

  await start.click();
  await page.getByRole('button', { name: /Cappuccino/ }).click();
  const pay = page.getByRole('button', { name: /^Pay/ });
  expect((await pay.boundingBox())!.y).toBeGreaterThan(viewport.height / 2);
  // The menu's top controls (categories, language) sit below the empty band too.
  expect((await page.getByRole('button', { name: 'Hot drinks' }).boundingBox())!.y).toBeGreaterThan(viewport.height * 0.3);

  await pay.click();
  for (const brand of ['Click', 'Payme', 'Uzum', 'Anor', 'Humo', 'UzCard', 'Scan2pay']) {
    const box = (await page.getByRole('button', { name: brand, exact: true }).boundingBox())!;
    expect(box.y, `${brand} in the lower half`).toBeGreaterThan(viewport.height / 2);
    expect(box.y + box.height, `${brand} on screen`).toBeLessThanOrEqual(viewport.height);
  }
  const back = (await page.getByRole('button', { name: 'Back' }).boundingBox())!;
  expect(back.y + back.height).toBeLessThanOrEqual(viewport.height);
});

test('accessibility mode is off again for the next customer', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: 'Accessibility mode' }).click();
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: 'Cancel order' }).click();
  await expect(page.getByRole('button', { name: 'Accessibility mode' })).toHaveAttribute('aria-pressed', 'false');
});

test('reduced motion turns the attract animation off', async ({ page, request }) => {
  await openKiosk(page, request);
  const hint = page.locator('.hint-hand');
  const animation = () =>
    hint.evaluate((el) => {
      const style = getComputedStyle(el);
      return { name: style.animationName, seconds: parseFloat(style.animationDuration) };
    });
  const moving = await animation();
  expect(moving.name).not.toBe('none');
  expect(moving.seconds).toBeGreaterThan(1);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(async () => {
    const still = await animation();
    return still.name === 'none' || still.seconds < 0.01;
  }).toBe(true);
});
