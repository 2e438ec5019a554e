/**
 * Issue 4, the customer's side of a card payment: Humo and UzCard through to the fiscal receipt, a decline the
 * customer can recover from, a terminal that never answers and a broken terminal (both: call staff).
 */
import { expect, test, type Page } from '@playwright/test';
import { openKiosk, orderAndChoose } from '../helpers/kiosk.ts';
import type { simControl } from '../helpers/sim-control.ts';

type Sim = ReturnType<typeof simControl>;

interface SimPinpadPayment {
  method: 'humo' | 'uzcard';
  rrn: string;
  checkNumber: string;
  amount: number;
}

async function pinpadPayments(sim: Sim): Promise<SimPinpadPayment[]> {
  return (await sim.state())['pinpadPayments'] as SimPinpadPayment[];
}

/** The receipt bodies the kiosk sent (`/order/create`). */
async function receiptBodies(sim: Sim): Promise<Record<string, unknown>[]> {
  return (await sim.requests('order_create')).map((r) => r.body as Record<string, unknown>);
}

async function expectThankYou(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
}

test('Humo: the card is charged once and the receipt carries received_card and the RRN as ppt_id', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { timeouts: { pinpadSeconds: 5 } } });
  await orderAndChoose(page, ['Cappuccino'], 'Humo');
  await expectThankYou(page);
  await expect(page.getByText('Paid with Humo')).toBeVisible();

  const charges = await sim.requests('xumo');
  expect(charges.map((c) => c.body)).toEqual([{ amount: 2_800_000 }]);
  const [payment] = await pinpadPayments(sim);
  expect(payment?.method).toBe('humo');

  const receipts = await receiptBodies(sim);
  expect(receipts).toHaveLength(1);
  expect(receipts[0]?.['received_card']).toBe(2_800_000);
  expect(receipts[0]?.['received_cash']).toBe(0);
  expect(receipts[0]?.['ppt_id']).toBe(payment?.rrn);
  expect(typeof receipts[0]?.['ppt_id']).toBe('string');
  // A card payment is not a wallet payment: no QR proof in the receipt.
  expect(receipts[0]?.['extra_info']).toBeUndefined();
});

test('UzCard: the RRN goes into the receipt as text with its leading zero', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: { timeouts: { pinpadSeconds: 5 } } });
  await orderAndChoose(page, ['Cappuccino', 'Cappuccino'], 'UzCard');
  await expectThankYou(page);
  await expect(page.getByText('Paid with UzCard')).toBeVisible();

  const charges = await sim.requests('uzcard');
  expect(charges.map((c) => c.body)).toEqual([{ amount: 5_600_000 }]);
  const [payment] = await pinpadPayments(sim);
  // The simulator's UzCard RRNs start with "0109", as the real ones do.
  expect(payment?.rrn).toMatch(/^0109\d{8}$/);

  const receipts = await receiptBodies(sim);
  expect(receipts).toHaveLength(1);
  expect(receipts[0]?.['received_card']).toBe(5_600_000);
  expect(receipts[0]?.['ppt_id']).toBe(payment?.rrn);
});

test('a Humo decline with code 116 tells a Russian-speaking customer why, sends no receipt, and the card can be tried again', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { locale: 'ru', config: { timeouts: { pinpadSeconds: 5 } } });
  await sim.fault('xumo', 'decline', { code: 116 });
  await page.getByRole('button', { name: 'Начать заказ' }).click();
  await page.getByRole('button', { name: /Капучино/ }).first().click();
  await page.getByRole('button', { name: /^Оплатить/ }).click();
  await page.getByRole('button', { name: 'Humo', exact: true }).click();

  // Back on the method list, in Russian, with the reason; every method is still offered.
  await expect(page.getByRole('heading', { name: 'Выберите способ оплаты' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Недостаточно средств на карте. Попробуйте другую карту или другой способ оплаты.');
  await expect(page.getByRole('button', { name: 'UzCard', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Click', exact: true })).toBeVisible();
  expect(await sim.requests('xumo')).toHaveLength(1);
  expect(await sim.requests('order_create')).toHaveLength(0);

  // Trying the card again is a fresh charge, and this time it goes through to one receipt.
  await page.getByRole('button', { name: 'Humo', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Спасибо!' })).toBeVisible();
  expect(await sim.requests('xumo')).toHaveLength(2);
  const receipts = await receiptBodies(sim);
  expect(receipts).toHaveLength(1);
  const [payment] = await pinpadPayments(sim);
  expect(receipts[0]?.['ppt_id']).toBe(payment?.rrn);
});

test('a declined card can be swapped for another method: UzCard after a Humo decline', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: { timeouts: { pinpadSeconds: 5 } } });
  await sim.fault('xumo', 'decline', { code: '116' });
  await orderAndChoose(page, ['Cappuccino'], 'Humo');
  await expect(page.getByRole('alert')).toHaveText('Not enough money on the card. You can try another card or another way to pay.');
  await page.getByRole('button', { name: 'UzCard', exact: true }).click();
  await expectThankYou(page);
  await expect(page.getByText('Paid with UzCard')).toBeVisible();
  expect(await sim.requests('xumo')).toHaveLength(1);
  expect(await sim.requests('uzcard')).toHaveLength(1);
  expect(await sim.requests('order_create')).toHaveLength(1);
});

test('while the terminal works the screen says to tap or insert the card and offers no Cancel; a hang ends at "call staff" with one request only', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { timeouts: { pinpadSeconds: 4 } } });
  await sim.fault('xumo', 'hang');
  await orderAndChoose(page, ['Cappuccino'], 'Humo');

  await expect(page.getByRole('heading', { name: 'Pay by Humo card' })).toBeVisible();
  await expect(page.getByText('Tap or insert your card on the terminal')).toBeVisible();
  await expect(page.getByRole('button')).toHaveCount(0);

  // The gateway gives up after pinpadSeconds: the outcome is unknown, so staff, never a retry.
  await expect(page.getByRole('heading', { name: 'We could not confirm your payment' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Please call staff. Do not pay again.');
  await expect(page.getByRole('button')).toHaveCount(0);
  expect(await sim.requests('xumo')).toHaveLength(1);
  expect(await sim.requests('order_create')).toHaveLength(0);
});

test('a pinpad device problem (response code 999) sends the customer to staff, with no receipt', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { timeouts: { pinpadSeconds: 5 } } });
  await sim.fault('uzcard', 'decline', { code: 999 });
  await orderAndChoose(page, ['Cappuccino'], 'UzCard');

  await expect(page.getByRole('alert')).toHaveText('Please call staff. Do not pay again.');
  await expect(page.getByText('The card terminal is not connected. Please call staff.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'UzCard', exact: true })).toHaveCount(0);
  expect(await sim.requests('uzcard')).toHaveLength(1);
  expect(await sim.requests('order_create')).toHaveLength(0);
});
