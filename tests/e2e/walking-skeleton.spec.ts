import { expect, test } from '@playwright/test';
import { openKiosk, orderAndChoose } from '../helpers/kiosk.ts';

test('a customer orders a cappuccino and pays with a typed Click code: one charge, one receipt, one confirm', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request);
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  await page.getByRole('textbox').fill('880101698207133392');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  const charges = await sim.requests('click');
  expect(charges).toHaveLength(1);
  expect(charges[0]?.body).toEqual({ amount: 2_800_000, qr_code: '880101698207133392' });
  const receipts = await sim.requests('order_create');
  expect(receipts).toHaveLength(1);
  const receipt = receipts[0]?.body as { received_card: number; extra_info: Record<string, unknown> };
  expect(receipt.received_card).toBe(2_800_000);
  expect(receipt.extra_info['qr_payment_provider']).toBe(64);
  await expect.poll(async () => (await sim.requests('click_confirm')).length).toBe(1);
});
