import type { Page } from '@playwright/test';

/**
 * A USB hand scanner (keyboard wedge): the code's keys then Enter, as one burst. The keys are dispatched
 * inside the page in one go: Playwright's keyboard sends each key as a round trip to the browser, which on
 * a loaded machine leaves gaps of 100 ms and more, slower than the reader's 35 ms burst limit (a person's
 * typing), while a real scanner sends a key every 5–20 ms.
 * All events are created before any is dispatched: an event's time stamp is its creation time, as a real key's
 * is its arrival, so the page's own work between two keys (on a loaded CI machine, tens of ms) does not count
 * as a gap — the reader times keys by arrival, as it should.
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.evaluate((keys) => {
    const target = document.activeElement ?? document.body;
    const events = keys.flatMap((key) => [
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
      new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }),
    ]);
    for (const event of events) target.dispatchEvent(event);
  }, [...code, 'Enter']);
}
