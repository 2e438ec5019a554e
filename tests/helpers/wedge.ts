import type { Page } from '@playwright/test';

/**
 * A USB hand scanner (keyboard wedge): the code's keys then Enter, as one burst. The keys are dispatched
 * inside the page in one go: Playwright's keyboard sends each key as a round trip to the browser, which on
 * a loaded machine leaves gaps of 100 ms and more, slower than the reader's 35 ms burst limit (a person's
 * typing), while a real scanner sends a key every 5–20 ms.
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.evaluate((keys) => {
    const target = document.activeElement ?? document.body;
    for (const key of keys) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
    }
  }, [...code, 'Enter']);
}
