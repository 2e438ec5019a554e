/**
 * Issue 11: no paid tiyin lost as a shop lives with the kiosk — a second window, a restart while a Scan2pay QR
 * is on screen, a status call failing at Cancel, a journal write failing right after a card charge, and the
 * staff Health tab left open. Each case ends in exactly one receipt (or on the staff list), never a second charge.
 */
import { expect, test, type Page } from '@playwright/test';
import { journalAttempts, openKiosk, orderAndChoose, routeConfig, type ConfigOverrides } from '../helpers/kiosk.ts';
import { acceptedReceipts, clickCode, methodHeading, showScan2payQr, thankYou } from '../helpers/payment.ts';
import type { Sim } from '../helpers/sim-control.ts';
import { expectNoSeriousA11yViolations } from '../helpers/axe.ts';
import { openStaffMode } from '../helpers/staff.ts';

const alreadyOpen = (page: Page) => page.getByRole('heading', { name: 'The kiosk is already open in another window' });

interface ReceiptBody {
  uuid: string;
  ppt_id?: string;
  scan2pay_paid?: boolean;
  extra_info?: Record<string, unknown>;
}

const receipts = (sim: Sim) => acceptedReceipts<ReceiptBody>(sim);

/** Opens a second window of the same kiosk (same browser profile) and counts the gateway calls it makes. */
async function secondWindow(page: Page, config: ConfigOverrides): Promise<{ tab: Page; gatewayCalls: string[] }> {
  const tab = await page.context().newPage();
  const gatewayCalls: string[] = [];
  tab.on('request', (r) => {
    if (r.url().includes('/gateway/')) gatewayCalls.push(r.url());
  });
  await routeConfig(tab, { defaultLocale: 'en', ...config });
  await tab.goto('/');
  // Whatever it shows, it has had time to start (and, without a single-instance guard, to run recovery).
  await tab.waitForLoadState('networkidle');
  await tab.waitForTimeout(1_000);
  return { tab, gatewayCalls };
}

test('(a) a second window while a Scan2pay QR is shown: it runs nothing, the payment gets exactly one receipt, and it can take over later', async ({
  page,
  request,
}) => {
  const config = { scan2pay: { pollSeconds: 1, expirySeconds: 120 } };
  const { sim, orderId } = await showScan2payQr(page, request, config.scan2pay);

  const b = await secondWindow(page, config);
  await sim.payScan2pay(orderId);
  await expect(thankYou(page)).toBeVisible({ timeout: 15_000 });

  const found = await receipts(sim);
  expect(found).toHaveLength(1);
  expect(found[0]?.scan2pay_paid).toBe(true);
  expect(b.gatewayCalls).toEqual([]);
  await expect(alreadyOpen(b.tab)).toBeVisible();
  await expect(b.tab.getByRole('button', { name: /Start/ })).toHaveCount(0);
  // Said in all three languages, and reachable by keyboard.
  await expect(b.tab.getByText('Киоск уже открыт в другом окне')).toBeVisible();
  await expect(b.tab.getByText('Kiosk boshqa oynada allaqachon ochiq')).toBeVisible();
  await expectNoSeriousA11yViolations(b.tab, 'already open');
  await b.tab.keyboard.press('Tab');
  await expect(b.tab.getByRole('button', { name: 'Use this window' })).toBeFocused();
  await expect.poll(async () => (await journalAttempts<{ status: string }>(page)).map((a) => a.status)).toEqual(['done']);

  // Staff mode in the second window opens nothing either.
  await b.tab.evaluate(() => (location.hash = '#staff'));
  await expect(b.tab.getByRole('heading', { name: 'Staff mode' })).toHaveCount(0);

  // Once the first window is gone, the second takes over and becomes the kiosk.
  await page.close();
  await b.tab.keyboard.press('Enter');
  // It opens as the kiosk would at #staff: staff mode, now in the one running window.
  await expect(b.tab.getByRole('heading', { name: 'Staff mode' })).toBeVisible();
  await b.tab.getByRole('button', { name: 'Close' }).click();
  await expect(b.tab.getByRole('button', { name: /Start/ })).toBeVisible();
  expect(await receipts(sim)).toHaveLength(1);
});

test('(b) a second window opened during a Click charge: one charge, one receipt, one confirm', async ({ page, request }) => {
  const config = { timeouts: { walletSeconds: 15 } };
  const sim = await openKiosk(page, request, { config });
  // The charge answer comes 6 s after the request: the second window opens while it is in flight.
  await sim.fault('click', 'delay', { ms: 6_000 });
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  await page.getByRole('textbox').fill(clickCode);
  const charged = page.waitForRequest((r) => r.url().includes('/gateway/payment/click'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await charged;

  const b = await secondWindow(page, config);
  await expect(thankYou(page)).toBeVisible({ timeout: 15_000 });

  expect(await sim.requests('click')).toHaveLength(1);
  expect(await receipts(sim)).toHaveLength(1);
  await expect.poll(async () => (await sim.requests('click_confirm')).filter((r) => r.answer === 'success').length).toBe(1);
  expect(b.gatewayCalls).toEqual([]);
  await expect(alreadyOpen(b.tab)).toBeVisible();
});

test('(c) a reload while the Scan2pay QR is shown, paid 5 s after the restart: one receipt', async ({ page, request }) => {
  const { sim, orderId } = await showScan2payQr(page, request, { pollSeconds: 1, expirySeconds: 120 });

  await page.reload();
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
  await page.waitForTimeout(5_000);
  await sim.payScan2pay(orderId);

  await expect.poll(async () => (await receipts(sim)).length, { timeout: 30_000 }).toBe(1);
  const [receipt] = await receipts(sim);
  expect(receipt?.scan2pay_paid).toBe(true);
  await expect.poll(async () => (await journalAttempts<{ status: string }>(page)).map((a) => a.status)).toEqual(['done']);
});

test('(d) the status call fails at Cancel, the customer pays 10 s later: staff see it watched, and it gets one receipt', async ({
  page,
  request,
}) => {
  const { sim, orderId } = await showScan2payQr(page, request, { pollSeconds: 60, expirySeconds: 120 });

  await sim.fault('qr_pay_status', 'http500');
  await page.getByRole('button', { name: 'Cancel' }).click();
  // The customer is not kept waiting.
  await expect(methodHeading(page)).toBeVisible();

  await openStaffMode(page);
  const item = page.getByRole('listitem').filter({ hasText: 'Order 1' });
  await expect(item).toContainText('Waiting for a late Scan2pay payment');
  await expect(item).toContainText(/watched for \d+ min/);
  await page.getByRole('button', { name: 'Close' }).click();

  await page.waitForTimeout(10_000);
  await sim.payScan2pay(orderId);
  await expect.poll(async () => (await receipts(sim)).length, { timeout: 40_000 }).toBe(1);
  expect((await receipts(sim))[0]?.scan2pay_paid).toBe(true);
  await expect.poll(async () => (await journalAttempts<{ status: string }>(page)).map((a) => a.status)).toEqual(['done']);
});

test('(e) the journal cannot save the Humo charge answer: the RRN and slip survive, the customer is told to call staff, and the receipt follows', async ({
  page,
  request,
}) => {
  // IndexedDB refuses to store a paid Humo attempt while the flag is up (as a full disk would).
  await page.addInitScript(() => {
    const w = window as unknown as { __failPaidPuts: boolean };
    w.__failPaidPuts = sessionStorage.getItem('failPaidPuts') === '1';
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const v = value as { status?: string; method?: string } | null;
      if (w.__failPaidPuts && v && v.status === 'paid' && v.method === 'humo') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return key === undefined ? put.call(this, value) : put.call(this, value, key);
    };
  });
  const sim = await openKiosk(page, request);
  await page.evaluate(() => {
    sessionStorage.setItem('failPaidPuts', '1');
    (window as unknown as { __failPaidPuts: boolean }).__failPaidPuts = true;
  });
  await orderAndChoose(page, ['Cappuccino'], 'Humo');

  await expect(page.getByText(/please call staff/i).first()).toBeVisible({ timeout: 20_000 });
  const payments = (await sim.state())['pinpadPayments'] as { rrn: string }[];
  expect(payments).toHaveLength(1);
  const rrn = payments[0]?.rrn ?? '';
  // The proof is kept beside the journal while the journal cannot take it.
  const backup = await page.evaluate(() => JSON.stringify(localStorage));
  expect(backup).toContain(rrn);
  expect(await receipts(sim)).toHaveLength(0);

  // The disk has room again: the kept answer is written and the receipt follows, with the RRN.
  await page.evaluate(() => {
    sessionStorage.removeItem('failPaidPuts');
    (window as unknown as { __failPaidPuts: boolean }).__failPaidPuts = false;
  });
  await expect(thankYou(page)).toBeVisible({ timeout: 30_000 });
  const found = await receipts(sim);
  expect(found).toHaveLength(1);
  expect(found[0]?.ppt_id).toBe(rrn);
  const [attempt] = await journalAttempts<{ status: string; payment: { result: { rrn: string; slip: string } } }>(page);
  expect(attempt?.status).toBe('done');
  expect(attempt?.payment.result.rrn).toBe(rrn);
  expect(attempt?.payment.result.slip).toContain(rrn);
  expect(await sim.requests('xumo')).toHaveLength(1);
});

test('(f) the Health tab left open asks /info/ at most twice in 10 s, and staff mode closes itself when idle', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { staff: { idleSeconds: 14 } } });
  await openStaffMode(page);
  const before = (await sim.requests('info')).length;
  await page.getByRole('tab', { name: 'Health' }).click();
  await expect(page.getByRole('heading', { name: 'Health' })).toBeVisible();
  await page.waitForTimeout(10_000);
  expect((await sim.requests('info')).length - before).toBeLessThanOrEqual(2);

  await expect(page.getByRole('heading', { name: 'Staff mode' })).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
});
