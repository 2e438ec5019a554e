/**
 * Issue 6: a reload at any step of a paid checkout loses nothing and repeats nothing. One charge per attempt,
 * one fiscal receipt per attempt, one confirm carrying that receipt's qr_url; and the customer standing at the
 * kiosk sees where the payment stands after the reload. The simulator is not idempotent by uuid (as the vendor's
 * gateway promises nothing of the kind): a second /order/create that reached it would be a second receipt.
 */
import { expect, test, type Page } from '@playwright/test';
import { journalAttempts, openKiosk, orderAndChoose } from '../helpers/kiosk.ts';
import { clickCode, enterClickCode, priorReceipt, priorUuid, thankYou, type SimReceipt } from '../helpers/payment.ts';
import type { Sim } from '../helpers/sim-control.ts';
import { openStaffMode } from '../helpers/staff.ts';

const cappuccino = 2_800_000;

interface SimWalletPayment {
  confirmed: { qrCode: string } | null;
}

/** An attempt in the kiosk's journal, as far as these tests read it. */
interface JournalAttempt {
  id: string;
  status: string;
  orderNumber: string;
}

async function doneScreen(page: Page, orderNumber: string, timeout?: number): Promise<void> {
  await expect(thankYou(page)).toBeVisible({ timeout });
  await expect(page.getByText('Your order number')).toBeVisible();
  await expect(page.getByText(orderNumber, { exact: true })).toBeVisible();
}

/**
 * The money rules after the dust settles: one charge; one receipt for the attempt (the simulator registers every
 * /order/create it accepts, so any extra one would show as a second receipt); one confirm with the receipt's
 * qr_url; the journal's attempt done. Returns the attempt id.
 */
async function expectOneOfEach(page: Page, sim: Sim): Promise<string> {
  const charges = await sim.requests('click');
  expect(charges).toHaveLength(1);
  expect(charges[0]?.body).toEqual({ amount: cappuccino, qr_code: clickCode });

  const state = await sim.state();
  const ours = (state['receipts'] as SimReceipt[]).filter((r) => r.uuid !== priorUuid);
  expect(ours).toHaveLength(1);
  const receipt = ours[0] as SimReceipt;
  const uuid = receipt.uuid ?? '';
  const creates = (await sim.requests('order_create')).filter((r) => (r.body as { uuid?: string }).uuid === uuid);
  const answered = creates.filter((r) => r.answer?.endsWith('success'));
  expect(answered).toHaveLength(1);
  expect(state['receiptRepeats']).toBe(0);

  await expect
    .poll(async () => (await sim.requests('click_confirm')).filter((r) => r.answer === 'success').map((r) => r.body))
    .toEqual([{ payment_id: expect.any(String), qr_code: receipt.qrUrl }]);
  const payments = (await sim.state())['walletPayments'] as SimWalletPayment[];
  expect(payments).toHaveLength(1);
  expect(payments[0]?.confirmed?.qrCode).toBe(receipt.qrUrl);

  await expect.poll(async () => (await journalAttempts<JournalAttempt>(page)).map((a) => [a.id, a.status])).toEqual([[uuid, 'done']]);
  return uuid;
}

test.describe('a reload never loses a paid order nor charges it twice', () => {
  test('reload right after the charge answer, with the receipt call in flight: done screen, one receipt', async ({ page, request }) => {
    const sim = await openKiosk(page, request, { config: { timeouts: { receiptSeconds: 10, walletSeconds: 5 } } });
    await priorReceipt(request);
    await sim.fault('order_create', 'delay', { ms: 4_000 });
    await orderAndChoose(page, ['Cappuccino'], 'Click');
    const receiptSent = page.waitForRequest((r) => r.url().includes('/gateway/order/create'));
    await enterClickCode(page);
    await receiptSent;
    await page.reload();

    await doneScreen(page, '1');
    await expectOneOfEach(page, sim);
  });

  test('reload during the receipt call that never answers: the receipt is registered once after the restart', async ({ page, request }) => {
    const sim = await openKiosk(page, request, { config: { timeouts: { receiptSeconds: 10, walletSeconds: 5 } } });
    await priorReceipt(request);
    await sim.fault('order_create', 'hang');
    await orderAndChoose(page, ['Cappuccino'], 'Click');
    await enterClickCode(page);
    await expect(page.getByRole('heading', { name: 'Payment accepted' })).toBeVisible();
    await expect.poll(async () => (await sim.requests('order_create')).length).toBe(2);
    await page.reload();

    // The kiosk cannot know the hung call never reached the fiscal module: it registers again only once the
    // call could no longer land (receipt timeout + 5 s after it was sent) and /order/last/ shows an older receipt.
    await doneScreen(page, '1', 40_000);
    await expectOneOfEach(page, sim);
    // The hung call never reached the fiscal module; recovery checked /order/last, then registered it.
    expect((await sim.requests('order_last')).length).toBeGreaterThanOrEqual(1);
  });

  test('reload after the gateway registered the receipt but its answer was lost: found by /order/last, not registered again', async ({
    page,
    request,
  }) => {
    const sim = await openKiosk(page, request, { config: { timeouts: { receiptSeconds: 10, walletSeconds: 5 } } });
    await priorReceipt(request);
    await sim.fault('order_create', 'hang_after_charge');
    await orderAndChoose(page, ['Cappuccino'], 'Click');
    await enterClickCode(page);
    await expect.poll(async () => (await sim.requests('order_create')).length).toBe(2);
    await page.reload();

    await doneScreen(page, '1');
    await expectOneOfEach(page, sim);
    const ours = (await sim.requests('order_create')).filter((r) => (r.body as { uuid?: string }).uuid !== priorUuid);
    expect(ours).toHaveLength(1);
  });

  test('reload during the confirm call: the confirm is sent again and lands once, with the same receipt', async ({ page, request }) => {
    const sim = await openKiosk(page, request, { config: { timeouts: { receiptSeconds: 10, walletSeconds: 5 } } });
    await sim.fault('click_confirm', 'hang');
    await orderAndChoose(page, ['Cappuccino'], 'Click');
    await enterClickCode(page);
    await doneScreen(page, '1');
    await expect.poll(async () => (await sim.requests('click_confirm')).length).toBe(1);
    await page.reload();

    await doneScreen(page, '1');
    await expectOneOfEach(page, sim);
    expect(await sim.requests('click_confirm')).toHaveLength(2);
    expect(await sim.requests('order_create')).toHaveLength(1);
  });

  test('reload during the charge: staff assist after the restart, unknown for staff, and never a second charge', async ({ page, request }) => {
    const sim = await openKiosk(page, request, { config: { timeouts: { receiptSeconds: 3, walletSeconds: 5 } } });
    await sim.fault('click', 'hang_after_charge');
    await orderAndChoose(page, ['Cappuccino'], 'Click');
    await enterClickCode(page);
    await expect.poll(async () => (await sim.requests('click')).length).toBe(1);
    await page.reload();

    await expect(page.getByText('Please call staff. Do not pay again.')).toBeVisible();
    await expect(page.getByText('The kiosk restarted while your payment was in progress.', { exact: false })).toBeVisible();
    await expect(page.getByRole('button', { name: /Start/ })).toHaveCount(0);
    const [attempt] = await journalAttempts<JournalAttempt>(page);
    expect(attempt?.status).toBe('unknown');
    await expect(page.getByText(`1 · ${attempt?.id.slice(0, 8)}`)).toBeVisible();

    // Staff find it as unknown; resolving it unlocks the kiosk for the next customer.
    await openStaffMode(page);
    const item = page.getByRole('listitem').filter({ hasText: 'Order 1' });
    await expect(item).toContainText('Outcome unknown');
    await expect(item).toContainText('the charge may have gone through');
    await item.getByRole('button', { name: 'Mark resolved' }).click();
    await item.getByLabel('Reason (required)').fill('Click app shows the payment; refunded by the provider');
    await item.getByRole('button', { name: 'Confirm: resolved' }).click();
    await expect(page.getByText('Nothing needs attention.')).toBeVisible();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
    expect((await journalAttempts<JournalAttempt>(page)).map((a) => a.status)).toEqual(['resolved']);
    expect(await sim.requests('click')).toHaveLength(1);
    expect(await sim.requests('order_create')).toHaveLength(0);
  });

  test('network lost during the receipt: the trouble screen with the order number, also after a reload; once back, one receipt and done', async ({
    page,
    request,
  }) => {
    const sim = await openKiosk(page, request, { config: { timeouts: { receiptSeconds: 3, walletSeconds: 5 } } });
    await priorReceipt(request);
    const offline = /\/gateway\/order\/create/;
    await page.route(offline, (route) => route.abort('internetdisconnected'));
    await orderAndChoose(page, ['Cappuccino'], 'Click');
    await enterClickCode(page);

    await expect(page.getByRole('heading', { name: 'Your payment is safe' })).toBeVisible();
    await expect(page.getByText('Order number')).toBeVisible();
    await expect(page.getByText('1', { exact: true })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your payment is safe' })).toBeVisible();
    await expect(page.getByText('1', { exact: true })).toBeVisible();
    expect((await sim.requests('order_create')).filter((r) => (r.body as { uuid?: string }).uuid !== priorUuid)).toHaveLength(0);

    await page.unroute(offline);
    // The lost send may still land until its timeout has passed (receipt-recovery.ts: receiptSeconds + 5 s), and
    // /order/last/ is asked with backoff meanwhile: registering again takes up to ~20 s here, never a second receipt.
    await expect(thankYou(page)).toBeVisible({ timeout: 40_000 });
    await doneScreen(page, '1');
    await expectOneOfEach(page, sim);
  });

  test('printer error on the receipt, then it works: one receipt, and the customer gets the done screen', async ({ page, request }) => {
    const sim = await openKiosk(page, request, { config: { timeouts: { receiptSeconds: 3, walletSeconds: 5 } } });
    await sim.fault('order_create', 'receipt_error', { code: 101 });
    await orderAndChoose(page, ['Cappuccino'], 'Click');
    await enterClickCode(page);

    await expect(page.getByRole('heading', { name: 'Your payment is safe' })).toBeVisible();
    await doneScreen(page, '1');
    await expectOneOfEach(page, sim);
    const creates = await sim.requests('order_create');
    expect(creates.map((r) => r.answer)).toEqual(['receipt_error', 'success']);
  });
});
