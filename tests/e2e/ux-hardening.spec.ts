import { expect, test } from '@playwright/test';
import { clearJournal, openKiosk } from '../helpers/kiosk.ts';
import { simControl } from '../helpers/sim-control.ts';
import { openStaffMode } from '../helpers/staff.ts';

test('kiosk hardening: no context menu, no ctrl+wheel zoom, no text selection', async ({ page, request }) => {
  await openKiosk(page, request);
  await page.getByRole('button', { name: /Start/ }).click();
  const title = page.getByRole('heading', { name: 'Menu' });

  const contextMenuPrevented = await title.evaluate((el) => {
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 10, clientY: 10 });
    el.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(contextMenuPrevented).toBe(true);

  const wheel = (ctrlKey: boolean) =>
    title.evaluate((el, ctrl) => {
      const event = new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: -100, ctrlKey: ctrl });
      el.dispatchEvent(event);
      return event.defaultPrevented;
    }, ctrlKey);
  expect(await wheel(true)).toBe(true);
  // A plain wheel still scrolls the menu.
  expect(await wheel(false)).toBe(false);

  expect(await title.evaluate((el) => getComputedStyle(el).userSelect)).toBe('none');
  expect(await page.getByRole('button', { name: /Cappuccino/ }).evaluate((el) => getComputedStyle(el).userSelect)).toBe('none');
  await title.dblclick();
  expect(await page.evaluate(() => String(window.getSelection()))).toBe('');
});

test.describe('offline shell', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after one load, a reload without network still shows the kiosk; /gateway and /__sim are never cached', async ({
    page,
    context,
    request,
  }) => {
    // The demo config as served (no page.route: Playwright's request interception bypasses service workers).
    const sim = simControl(request);
    await sim.reset();
    await sim.settings({ pinpadDelayMs: 0 });
    await page.goto('/config.json');
    await clearJournal(page);
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Buyurtma berish' })).toBeVisible();
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return `${registration?.active?.state ?? 'none'} ${navigator.serviceWorker.controller ? 'controlled' : 'free'}`;
        }),
      )
      .toBe('activated controlled');
    // One load is enough: the worker caches the whole shell when it installs (index, config, catalog, its images and
    // every build asset, the lazily loaded menu, payment screens and staff mode included), not only what a page it
    // controls happened to fetch. The network goes at once, before anything else is loaded.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('button', { name: /Start|Buyurtma|Начать/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'English', exact: true })).toBeVisible();

    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/config.json');
    expect(cached.some((p) => p.startsWith('/assets/'))).toBe(true);
    expect(cached.filter((p) => p.startsWith('/gateway') || p.startsWith('/__sim'))).toEqual([]);

    // Paying while offline: the customer is told the payment service is unreachable; the attempt stays in the
    // journal for staff (nothing lost), and the kiosk does not pretend it was declined.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('button', { name: /Start/ }).click();
    await page.getByRole('button', { name: /Cappuccino/ }).click();
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.getByRole('button', { name: 'Humo', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'We could not confirm your payment' })).toBeVisible();
    await expect(page.getByText('The payment service is not reachable. Please call staff.')).toBeVisible();

    await openStaffMode(page, { keypad: true });
    await expect(page.getByText('the charge may have gone through: check the provider')).toBeVisible();
  });
});
