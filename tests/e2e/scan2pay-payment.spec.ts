/**
 * Issue 5, end to end: a Scan2pay payment against the gateway simulator. The QR on screen is read back from a
 * screenshot with the kiosk's own zxing-wasm decoder and must be exactly the simulator's payment URL; the
 * receipt must carry the Scan2pay id the status answer gave. Also: what `qr_pay` sends, the screen's parts,
 * the final status check on Cancel, expiry with no requests afterwards, and riding out failing status calls.
 */
import { expect, test, type Response } from '@playwright/test';
import { formatMoney, type Tiyin } from '../../src/money/money.ts';
import { journalAttempts, openKiosk, orderAndChoose } from '../helpers/kiosk.ts';
import { methodHeading, qrImage, showScan2payQr, theScan2payCreate, thankYou } from '../helpers/payment.ts';
import { decodeQrOnScreen } from '../helpers/qr-on-screen.ts';
import type { Sim } from '../helpers/sim-control.ts';

/** Cappuccino in the demo catalog. */
const cappuccino = 2_800_000 as Tiyin;

interface SimScan2payOrder {
  orderId: string;
  amount: number;
  print: boolean;
  url: string;
  polls: number;
  scan2payId: string | null;
  paidAt: string | null;
}

interface ReceiptBody {
  received_card: number;
  scan2pay_paid?: boolean;
  extra_info?: Record<string, unknown>;
}

async function scan2payOrders(sim: Sim): Promise<SimScan2payOrder[]> {
  return (await sim.state())['scan2payOrders'] as SimScan2payOrder[];
}


test('the QR on screen decodes to the simulator URL, turns paid after 2 polls, and the receipt carries the Scan2pay id', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, {
    config: { scan2pay: { pollSeconds: 1, expirySeconds: 60 } },
    sim: { scan2payPaidAfterPolls: 2 },
  });
  // The gateway's own answers, as the browser received them.
  const createAnswer = page.waitForResponse((r) => r.url().endsWith('/payment/qr_pay') && r.request().method() === 'POST');
  const statusAnswers: Response[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/payment/qr_pay/status')) statusAnswers.push(r);
  });

  await orderAndChoose(page, ['Cappuccino'], 'Scan2pay');
  await expect(qrImage(page)).toBeVisible();

  const created = (await (await createAnswer).json()) as { data: { message: string } };
  const paymentUrl = created.data.message;
  const [order] = await scan2payOrders(sim);
  expect(order?.url).toBe(paymentUrl);
  expect(paymentUrl).toMatch(/^http:\/\/scan2pay\.uz\/[0-9a-f-]{36}$/);
  expect(await decodeQrOnScreen(qrImage(page))).toBe(paymentUrl);

  await expect(thankYou(page)).toBeVisible();

  // Paid from poll N + 1 = 3, and not a poll more.
  const polls = await sim.requests('qr_pay_status');
  expect(polls.map((p) => p.answer)).toEqual(['error', 'error', 'success']);
  expect(polls.every((p) => (p.body as { order_id: unknown }).order_id === order?.orderId)).toBe(true);
  const paidAnswer = (await statusAnswers.at(-1)?.json()) as { data: { data: { uuid: string } } };
  const scan2payId = paidAnswer.data.data.uuid;
  expect(scan2payId).toBe((await scan2payOrders(sim))[0]?.scan2payId);

  const receipts = await sim.requests('order_create');
  expect(receipts).toHaveLength(1);
  const receipt = receipts[0]?.body as ReceiptBody;
  expect(receipt.scan2pay_paid).toBe(true);
  expect(receipt.extra_info?.['scan2pay_id']).toBe(scan2payId);
  expect(receipt.received_card).toBe(cappuccino);
  // Scan2pay needs no confirm call.
  expect((await sim.requests()).filter((r) => r.call.endsWith('_confirm'))).toHaveLength(0);
});

test('qr_pay is sent in the configured unit with a digits-only order id and the print flag; the screen shows amount, countdown and Cancel', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, {
    // A long poll interval: nothing but the create call happens while the screen is looked at.
    config: { scan2pay: { pollSeconds: 60, expirySeconds: 120, print: true }, amountUnits: { scan2pay: 'sum' } },
  });
  await orderAndChoose(page, ['Cappuccino'], 'Scan2pay');
  await expect(qrImage(page)).toBeVisible();

  const create = await theScan2payCreate(sim);
  expect(create.amount).toBe(28_000);
  expect(String(create.order_id)).toMatch(/^\d+$/);
  expect(create.print).toBe(true);

  await expect(page.getByRole('heading', { name: 'Scan to pay' })).toBeVisible();
  await expect(page.getByText(formatMoney(cappuccino, 'en'), { exact: true })).toBeVisible();
  const countdown = page.getByText(/^Code valid for \d\d:\d\d$/);
  await expect(countdown).toHaveText(/Code valid for (02:00|01:[0-5]\d)/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? '');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();

  // Cancel with nothing paid: one last status call, back to the methods with no notice and no receipt.
  expect(await sim.requests('qr_pay_status')).toHaveLength(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(methodHeading(page)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  const finalChecks = await sim.requests('qr_pay_status');
  expect(finalChecks).toHaveLength(1);
  expect((finalChecks[0]?.body as { order_id: unknown }).order_id).toBe(String(create.order_id));
  expect(await sim.requests('order_create')).toHaveLength(0);
});

test('a payment that lands just before Cancel is found by the final status check and gets its receipt', async ({
  page,
  request,
}) => {
  const { sim, create } = await showScan2payQr(page, request, { pollSeconds: 60, expirySeconds: 120 });
  expect(create.print).toBe(false);

  await sim.payScan2pay(String(create.order_id));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(thankYou(page)).toBeVisible();

  const checks = await sim.requests('qr_pay_status');
  expect(checks.map((c) => c.answer)).toEqual(['success']);
  const [order] = await scan2payOrders(sim);
  const receipts = await sim.requests('order_create');
  expect(receipts).toHaveLength(1);
  const receipt = receipts[0]?.body as ReceiptBody;
  expect(receipt.scan2pay_paid).toBe(true);
  expect(receipt.extra_info?.['scan2pay_id']).toBe(order?.scan2payId);
});

test('an expired QR ends on the method screen with the expired notice; the QR is then watched with backoff, not polled', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { scan2pay: { pollSeconds: 1, expirySeconds: 10 } } });
  await orderAndChoose(page, ['Cappuccino'], 'Scan2pay');
  await expect(qrImage(page)).toBeVisible();

  await expect(page.getByRole('alert')).toHaveText(
    'The payment code has expired. No money was taken. Please choose a way to pay.',
    { timeout: 20_000 },
  );
  await expect(methodHeading(page)).toBeVisible();
  await expect(qrImage(page)).toHaveCount(0);

  const before = (await sim.requests('qr_pay_status')).length;
  // Polled about once a second while shown (the last one is the final check on expiry).
  expect(before).toBeGreaterThanOrEqual(5);
  // The QR stays payable at the gateway (it has no cancel call), so the attempt is unsettled and watched: asked
  // again 2 s later, then 4 s after that (backoff), never once a second as a leftover poll would.
  await page.waitForTimeout(3_000);
  expect((await sim.requests('qr_pay_status')).length - before).toBeLessThanOrEqual(1);
  expect((await journalAttempts<{ status: string }>(page)).map((a) => a.status)).toEqual(['unsettled']);
  expect(await sim.requests('order_create')).toHaveLength(0);
});

test('failing status calls show a quiet "Reconnecting…" hint and the payment still completes', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, {
    config: { scan2pay: { pollSeconds: 1, expirySeconds: 60 } },
    sim: { scan2payPaidAfterPolls: 0 },
  });
  await sim.fault('qr_pay_status', 'http500', { times: 3 });
  await orderAndChoose(page, ['Cappuccino'], 'Scan2pay');
  await expect(qrImage(page)).toBeVisible();

  // The hint sits beside the QR, which stays up; nothing shouts (no alert).
  await expect(page.getByText('Reconnecting…')).toBeVisible();
  await expect(qrImage(page)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Backoff 2 + 4 + 8 s after the three failures, then the first good answer is "paid".
  await expect(thankYou(page)).toBeVisible({ timeout: 30_000 });
  const polls = await sim.requests('qr_pay_status');
  expect(polls.map((p) => p.answer)).toEqual(['http500', 'http500', 'http500', 'success']);
  const [order] = await scan2payOrders(sim);
  const receipt = (await sim.requests('order_create'))[0]?.body as ReceiptBody;
  expect(receipt.scan2pay_paid).toBe(true);
  expect(receipt.extra_info?.['scan2pay_id']).toBe(order?.scan2payId);
});

test('a payment URL that is not http(s) is never shown as a QR: no money taken, choose another way', async ({
  page,
  request,
}) => {
  // The simulator always answers with an http URL, so this one answer is replaced in the browser.
  const sim = await openKiosk(page, request, { config: { scan2pay: { pollSeconds: 60, expirySeconds: 120 } } });
  await page.route('**/payment/qr_pay', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        data: { status: 'successfully', message: 'javascript:alert(1)' },
        error: null,
        is_success: true,
      }),
    }),
  );
  await orderAndChoose(page, ['Cappuccino'], 'Scan2pay');

  await expect(page.getByRole('alert')).toHaveText(
    'Could not create the payment QR code. No money was taken. Please choose another way to pay.',
  );
  await expect(methodHeading(page)).toBeVisible();
  await expect(qrImage(page)).toHaveCount(0);
  expect(await sim.requests('qr_pay_status')).toHaveLength(0);
  expect(await sim.requests('order_create')).toHaveLength(0);
});
