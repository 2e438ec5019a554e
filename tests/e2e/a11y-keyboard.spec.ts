import { expect, test, type Page } from '@playwright/test';
import { openKiosk } from '../helpers/kiosk.ts';

/** Presses Tab until the focused element's accessible name matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, maxTabs = 80): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      return (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached a control named ${name}`);
}

test('a whole order by keyboard only: Tab, Enter and Space', async ({ page, request }) => {
  const sim = await openKiosk(page, request);
  await tabTo(page, /Start/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Menu' })).toBeVisible();

  await tabTo(page, /^Hot drinks$/);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Hot drinks' })).toHaveAttribute('aria-pressed', 'true');
  await tabTo(page, /^Cappuccino/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^Add one Cappuccino$/);
  await page.keyboard.press('Space');
  await expect(page.getByText('Quantity: 2')).toBeAttached();

  await tabTo(page, /^Pay/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'How would you like to pay?' })).toBeVisible();
  await tabTo(page, /^Humo$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  expect((await sim.requests('xumo'))[0]?.body).toMatchObject({ amount: 5_600_000 });

  await tabTo(page, /^Done$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
});

test('a wallet code typed with the keyboard only', async ({ page, request }) => {
  const sim = await openKiosk(page, request);
  await tabTo(page, /Start/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^Green tea/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^Pay/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^Payme$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox')).toBeVisible();
  await page.getByRole('textbox').focus();
  // A person types slower than a scanner: the wedge reader lets it through to the field.
  await page.keyboard.type('880101698207133392', { delay: 80 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  expect((await sim.requests('payme'))[0]?.body).toMatchObject({ qr_code: '880101698207133392' });
});
