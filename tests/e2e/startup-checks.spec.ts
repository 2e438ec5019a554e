/**
 * Issue 16: a browser that cannot run the kiosk safely is told so before an order is taken, naming the real
 * cause in all three languages (before: it took the order and failed at payment, or blamed a settings file).
 * The browser's gaps are made by hiding the API before the app runs.
 */
import { expect, test } from '@playwright/test';
import { routeConfig } from '../helpers/kiosk.ts';

test.use({ serviceWorkers: 'block' });

const cases = [
  {
    name: 'a non-secure context (plain http on a LAN address)',
    hide: () => Object.defineProperty(window, 'isSecureContext', { value: false }),
    en: 'The kiosk page is not opened over a secure connection',
    ru: 'Страница киоска открыта не по защищённому соединению',
  },
  {
    name: 'no IndexedDB',
    hide: () => Object.defineProperty(window, 'indexedDB', { value: undefined }),
    en: 'IndexedDB is not available',
    ru: 'IndexedDB недоступен',
  },
  {
    name: 'no Web Crypto',
    hide: () => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined }),
    en: 'The browser has no Web Crypto',
    ru: 'В браузере нет Web Crypto',
  },
];

for (const { name, hide, en, ru } of cases) {
  test(`${name}: a full-screen message names it in uz, ru and en; no order can start`, async ({ page }) => {
    await routeConfig(page, { defaultLocale: 'en' });
    await page.addInitScript(hide);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('The kiosk cannot start');
    await expect(page.locator('section[lang="en"]')).toContainText(en);
    await expect(page.locator('section[lang="ru"]')).toContainText(ru);
    await expect(page.locator('section[lang="uz"]')).not.toBeEmpty();
    await expect(page.getByText('settings file')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Start/ })).toHaveCount(0);
  });
}
