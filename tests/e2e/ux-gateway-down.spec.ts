import { expect, test, type Page } from '@playwright/test';
import { openKiosk, orderAndChoose } from '../helpers/kiosk.ts';

/**
 * The gateway is down: the kiosk must tell the customer clearly, never freeze, and never say "declined" for a
 * charge that may have been sent (money rule 2). Two ways it is down: every /gateway call aborted (network
 * error), and a config pointing at a closed port.
 */
const ways: { name: string; setup(page: Page): Promise<Record<string, unknown>> }[] = [
  {
    name: 'aborted connections',
    async setup(page) {
      await page.route('**/gateway/**', (route) => route.abort('connectionrefused'));
      return {};
    },
  },
  {
    name: 'gateway.url at a closed port',
    async setup() {
      return { gateway: { url: 'http://127.0.0.1:9' } };
    },
  },
];

for (const way of ways) {
  test.describe(`gateway down (${way.name})`, () => {
    test('a wallet charge: "call staff, do not pay again", the kiosk stays locked for staff', async ({ page, request }) => {
      const config = await way.setup(page);
      await openKiosk(page, request, { config });
      await orderAndChoose(page, ['Cappuccino'], 'Click');
      await page.getByRole('textbox').fill('880101698207133392');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { name: 'We could not confirm your payment' })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveText('Please call staff. Do not pay again.');
      await expect(page.getByText('The payment service is not reachable. Please call staff.')).toBeVisible();
      await expect(page.getByRole('button')).toHaveCount(0);
    });

    test('a card payment: "call staff", not a frozen terminal screen', async ({ page, request }) => {
      const config = await way.setup(page);
      await openKiosk(page, request, { config });
      await orderAndChoose(page, ['Cappuccino'], 'UzCard');
      await expect(page.getByRole('heading', { name: 'We could not confirm your payment' })).toBeVisible();
      await expect(page.getByText('The payment service is not reachable. Please call staff.')).toBeVisible();
    });

    test('Scan2pay: no QR could be made, so no money was taken; the customer can choose another way', async ({
      page,
      request,
    }) => {
      const config = await way.setup(page);
      await openKiosk(page, request, { config });
      await orderAndChoose(page, ['Cappuccino'], 'Scan2pay');
      await expect(page.getByRole('heading', { name: 'How would you like to pay?' })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('Could not create the payment QR code. No money was taken.');
      await expect(page.getByRole('button', { name: 'Humo', exact: true })).toBeEnabled();
    });
  });
}
