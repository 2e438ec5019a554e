/**
 * Opening the kiosk the way the e2e tests need it: a fresh simulator, an empty journal, and the demo config with
 * a few keys overridden (short timeouts, fewer methods) served in place of public/config.json.
 */
import { expect, type Page, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { simControl, type Sim } from './sim-control.ts';

const demoConfig = JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

export type ConfigOverrides = Record<string, unknown>;

/** Serves `config.json` as the demo config merged (one level deep) with `overrides`. */
export async function routeConfig(page: Page, overrides: ConfigOverrides = {}): Promise<void> {
  const config: Record<string, unknown> = { ...demoConfig };
  for (const [key, value] of Object.entries(overrides)) {
    const base = config[key];
    config[key] =
      value && typeof value === 'object' && !Array.isArray(value) && base && typeof base === 'object'
        ? { ...(base as object), ...(value as object) }
        : value;
  }
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }),
  );
}

/** Deletes the kiosk's IndexedDB journal so each test starts with no attempts (call on a page of the origin). */
export async function clearJournal(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase('tolov-kiosk');
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      }),
  );
}

/** The attempts in the kiosk's IndexedDB journal, read straight from it (call on a page of the origin). */
export async function journalAttempts<T = Record<string, unknown>>(page: Page): Promise<T[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('tolov-kiosk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('attempts').objectStore('attempts').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result);
          };
        };
      }),
  ) as Promise<T[]>;
}

/**
 * Resets the simulator (pinpad delay 0 for speed), clears the journal, opens the kiosk in English and waits
 * for the attract screen with the kiosk ready behind it.
 */
export async function openKiosk(
  page: Page,
  request: APIRequestContext,
  options: { config?: ConfigOverrides; sim?: Record<string, unknown>; locale?: 'uz' | 'ru' | 'en' } = {},
): Promise<Sim> {
  const sim = simControl(request);
  await sim.reset();
  await sim.settings({ pinpadDelayMs: 0, ...options.sim });
  await routeConfig(page, { defaultLocale: options.locale ?? 'en', ...options.config });
  await page.goto('/config.json');
  await clearJournal(page);
  await page.goto('/');
  // Painted before the kiosk has loaded (App.svelte), Start is usable once it is not aria-disabled any more.
  await expect(page.getByRole('button', { name: /Start|Buyurtma|Начать/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Start|Buyurtma|Начать/ })).toBeEnabled();
  return sim;
}

/** Attract → tap products (by English name) → Pay → the method's brand button. */
export async function orderAndChoose(page: Page, products: string[], method: string): Promise<void> {
  await page.getByRole('button', { name: /Start/ }).click();
  for (const name of products) {
    await page.getByRole('button', { name: new RegExp(name) }).first().click();
  }
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: method, exact: true }).click();
}
