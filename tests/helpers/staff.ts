/** Staff mode in the e2e tests: opened through the URL hash and unlocked with the demo config's PIN or badge. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The demo config's staff PIN (README "Staff mode"). */
export const staffPin = '482916';
/** The code in the demo staff badge's QR (docs/staff-badge-demo.svg; README "Staff mode"). */
export const staffBadgeCode = 'TOLOV-STAFF-HICXSXW3M4BKP4LYI6RUAFHFYP';

/** The staff PIN gate's on-screen keypad. */
export function staffKeypad(page: Page): Locator {
  return page.getByRole('group', { name: 'PIN keypad' });
}

/** Types `pin` on the staff PIN gate's on-screen keypad and presses its OK. */
export async function typeStaffPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await staffKeypad(page).getByRole('button', { name: digit, exact: true }).click();
  await staffKeypad(page).getByRole('button', { name: 'OK' }).click();
}

/**
 * Opens staff mode through the URL hash (#staff) and unlocks it with the demo PIN, entered in the "Staff PIN"
 * field (or, with `keypad`, on the on-screen keypad); waits for the staff tabs (the PIN check takes a moment:
 * 600 000 PBKDF2 iterations).
 */
export async function openStaffMode(page: Page, options: { keypad?: boolean } = {}): Promise<void> {
  await page.evaluate(() => (location.hash = '#staff'));
  await expect(page.getByRole('heading', { name: 'Staff mode' })).toBeVisible();
  if (options.keypad) {
    await typeStaffPin(page, staffPin);
  } else {
    await page.getByLabel('Staff PIN').fill(staffPin);
    await page.getByRole('button', { name: 'OK' }).click();
  }
  await expect(page.getByRole('tab', { name: 'Attention' })).toBeVisible({ timeout: 20_000 });
}
