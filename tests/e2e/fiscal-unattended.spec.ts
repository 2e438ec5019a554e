/**
 * Issue 13, leaving the kiosk alone: the fiscal shift (closed when the simulator starts, as after a Z-report),
 * payment switched off before the charge when the fiscal module cannot register receipts, and refund receipts
 * after a staff card refund. Each test checks what the simulator recorded.
 */
import { expect, test, type Page } from '@playwright/test';
import { openKiosk, orderAndChoose } from '../helpers/kiosk.ts';
import type { simControl } from '../helpers/sim-control.ts';
import { openStaffMode } from '../helpers/staff.ts';
import { expectNoSeriousA11yViolations } from '../helpers/axe.ts';

type Sim = ReturnType<typeof simControl>;

test.use({ serviceWorkers: 'block' });

interface SimReceipt {
  uuid: string | null;
  qrUrl: string;
  order: Record<string, unknown>;
}

async function receipts(sim: Sim): Promise<SimReceipt[]> {
  return (await sim.state())['receipts'] as SimReceipt[];
}

const chargeCalls = ['click', 'payme', 'uzum', 'anor', 'xumo', 'uzcard', 'qr_pay'];

/** A Click sale with a typed code, to the thank-you screen; returns the pickup number shown. */
async function clickSale(page: Page): Promise<string> {
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  await page.getByRole('textbox').fill('880101698207133392');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  const number = (await page.locator('.pickup-number').textContent())?.trim() ?? '';
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
  return number;
}

test('a wallet sale with the fiscal shift closed: one charge, the shift opened once, one receipt with the pickup number, one confirm', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request);
  // The simulator started with the shift closed (its default); the kiosk opened it by itself.
  expect(((await sim.state())['settings'] as Record<string, unknown>)['fiscalShiftOpenAtStart']).toBe(false);
  await expect.poll(async () => (await sim.requests('zreport_open')).length).toBe(1);
  await expect.poll(async () => (await sim.state())['zreportOpen']).toBe(true);

  const number = await clickSale(page);
  expect(await sim.requests('click')).toHaveLength(1);
  await expect.poll(async () => (await sim.requests('click_confirm')).length).toBe(1);
  const registered = await receipts(sim);
  expect(registered).toHaveLength(1);
  expect(await sim.requests('zreport_open')).toHaveLength(1);
  // The pickup number on paper: `number` and a large text banner with it.
  const body = registered[0]?.order as { number: number; banners: { type: string; data: string; style: { is_bold: boolean } }[] };
  expect(String(body.number)).toBe(number);
  expect(body.banners).toHaveLength(1);
  expect(body.banners[0]?.type).toBe('text');
  expect(body.banners[0]?.data).toContain(number);

  // The shift closes behind the kiosk's back (staff elsewhere, a Z-report by another till): the next receipt is
  // refused with 36909, the kiosk opens the shift and registers it again, once, with no staff and no second charge.
  await request.post('/__sim/fiscal/close-shift', { data: {} });
  await clickSale(page);
  expect(await sim.requests('click')).toHaveLength(2);
  await expect.poll(async () => (await sim.requests('click_confirm')).length).toBe(2);
  const creates = await sim.requests('order_create');
  expect(creates.map((r) => r.answer)).toEqual(['success', 'error', 'success']);
  expect(await sim.requests('zreport_open')).toHaveLength(2);
  expect(await receipts(sim)).toHaveLength(2);
});

test('the fiscal module reported blocked by /info/: no charge request at all, payment "not available", the menu still browsable', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { sim: { fiscalModuleState: 'blocked' } });
  await expect.poll(async () => (await sim.requests('info')).length).toBeGreaterThan(0);

  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).first().click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('alert')).toContainText('Payment is not available right now');
  await expect(page.getByRole('button', { name: 'Click', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Humo', exact: true })).toHaveCount(0);
  await expect(page.getByText(/fiscal/i)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'payment not available');

  // The menu is still there to browse.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: /Americano/ }).first().click();
  await expect(page.getByRole('button', { name: /^Pay/ })).toBeVisible();

  for (const call of chargeCalls) expect(await sim.requests(call), call).toHaveLength(0);

  // Unblocked (support paid the bill): the next try reads /info/ again and offers payment.
  await sim.settings({ fiscalModuleState: 'ok' });
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('button', { name: 'Click', exact: true })).toBeVisible();
});

interface SimPinpadPayment {
  rrn: string;
  cancelled: { rrn: string } | null;
}

interface SimRefund {
  uuid: string | null;
  refundOf: string;
  order: Record<string, unknown>;
}

test('a staff Humo cancel is followed by one refund receipt naming the sale receipt and the RRN, retried after a failure', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { timeouts: { pinpadSeconds: 5 } } });
  await orderAndChoose(page, ['Cappuccino'], 'Humo');
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect.poll(async () => (await receipts(sim)).length).toBe(1);
  const [sale] = await receipts(sim);

  // The first refund receipt call fails (the gateway answers 500): the kiosk tries again by itself.
  await sim.fault('order_refuse', 'http500');
  await openStaffMode(page);
  await page.getByRole('tab', { name: 'Card payments today' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Humo' });
  await row.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment cancelled.' })).toBeVisible();

  await expect.poll(async () => (await sim.requests('order_refuse')).map((r) => r.answer), { timeout: 15_000 }).toEqual([
    'http500',
    'success',
  ]);
  const refunds = (await sim.state())['refundReceipts'] as SimRefund[];
  expect(refunds).toHaveLength(1);
  const [payment] = (await sim.state())['pinpadPayments'] as SimPinpadPayment[];
  const calls = await sim.requests('order_refuse');
  const bodies = calls.map((c) => c.body as Record<string, unknown>);
  for (const body of bodies) {
    expect(body['qr_code']).toBe(sale?.qrUrl);
    expect(body['ppt_id']).toBe(payment?.cancelled?.rrn);
    expect(body['received_card']).toBe(2_800_000);
    expect(body['uuid']).not.toBe(sale?.uuid);
  }
  // Both tries carry the same uuid: it is one refund receipt.
  expect(bodies[0]?.['uuid']).toBe(bodies[1]?.['uuid']);
  expect(bodies[0]?.['products']).toEqual(sale?.order['products']);

  // Staff see the refund receipt's QR beside the refund.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(row).toContainText('Refund receipt No.');
  await expect(row.getByRole('img', { name: /Refund receipt No\./ })).toBeVisible();
  // And never a second one.
  expect(await sim.requests('order_refuse')).toHaveLength(2);
  expect((await sim.state())['refundReceipts']).toHaveLength(1);
});

test('staff reports: shift info, the X-report with the totals, the Z-report closes the shift, reprints; the next sale opens it again', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request);
  await clickSale(page);
  await openStaffMode(page);
  await page.getByRole('tab', { name: 'Shift and reports' }).click();
  // Shift info loads on opening the tab.
  const report = page.getByRole('region', { name: 'Shift info' });
  await expect(report).toContainText('Open');
  await expect(report).toContainText('1 receipts');
  await expectNoSeriousA11yViolations(page, 'staff shift and reports');

  await page.getByRole('button', { name: /X-report/ }).click();
  const x = page.getByRole('region', { name: /X-report/ });
  await expect(x).toContainText('28,000');
  expect((await sim.state())['zreportOpen']).toBe(true);

  await page.getByRole('button', { name: /Z-report/ }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('region', { name: /Z-report/ })).toContainText('Closed');
  expect((await sim.state())['zreportOpen']).toBe(false);
  expect((await sim.requests('zreport_close')).map((r) => r.method)).toEqual(['POST', 'GET']);

  await page.getByRole('button', { name: 'Reprint the last receipt' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Done.' })).toBeVisible();
  expect(await sim.requests('order_print')).toHaveLength(1);
  await page.getByRole('button', { name: 'UzCard short report' }).click();
  await expect(page.getByLabel('Slip')).toContainText('Краткий отчет');
  // The shift log lists what happened, newest first.
  await expect(page.getByRole('listitem').filter({ hasText: 'shift.close' })).toHaveCount(1);

  // The next sale finds the shift closed and opens it by itself.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await clickSale(page);
  expect((await sim.state())['zreportOpen']).toBe(true);
  expect(await receipts(sim)).toHaveLength(2);
});
