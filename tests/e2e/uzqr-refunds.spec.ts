/**
 * Issue 18, UzQR refunds in staff mode: a payment by UzQR, then a partial refund by its pay_id (followed until
 * the vendor says refunded), a refund receipt (/order/refuse/) for that amount, and a second refund above what
 * remains refused by the kiosk before anything is sent (the simulator, like the vendor's doc, would take it).
 */
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers/axe.ts';
import { openKiosk, orderAndChoose } from '../helpers/kiosk.ts';
import { openStaffMode } from '../helpers/staff.ts';

test.use({ serviceWorkers: 'block' });

interface SimInvoice {
  invoiceId: string;
  amount: number;
  state: string;
  payId: string | null;
  receiptUrls: string[];
}
interface SimRefundReceipt {
  refundOf: string;
  order: { received_card: number; received_cash: number; products: { price: number }[] };
}

test('a partial UzQR refund in staff mode: refunded, a refund receipt for that amount, a second refund above the remainder refused', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { methods: ['uzqr', 'humo'] } });
  const invoices = async () => (await sim.state())['uzqrInvoices'] as SimInvoice[];

  // A cappuccino (28 000 soʻm) paid by UzQR while the kiosk's long poll is open.
  await orderAndChoose(page, ['Cappuccino'], 'UzQR');
  await expect.poll(async () => (await invoices()).length).toBe(1);
  const [invoice] = await invoices();
  if (!invoice) throw new Error('no UzQR invoice');
  expect(invoice.amount).toBe(2_800_000);
  await sim.payUzqr({ invoice_id: invoice.invoiceId });
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect.poll(async () => ((await sim.state())['receipts'] as unknown[]).length).toBe(1);
  const payId = (await invoices())[0]?.payId ?? '';
  expect(payId).toMatch(/^PAY\d+$/);
  const saleUrl = ((await sim.state())['receipts'] as { qrUrl: string }[])[0]?.qrUrl;

  await openStaffMode(page, { keypad: true });
  await page.getByRole('tab', { name: 'UzQR refunds' }).click();
  const row = page.getByRole('row').filter({ hasText: payId });
  await expect(row).toContainText('28,000 UZS');

  // 10 000 soʻm of the 28 000 back to the customer's card.
  await row.getByRole('button', { name: /^Refund order/ }).click();
  await page.getByLabel(/Amount to refund/).fill('10000');
  await page.getByRole('button', { name: 'Refund', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Refund 10,000 UZS of order');
  // Asking is not doing: nothing is sent before Confirm.
  expect(await sim.requests('one_qr_refund')).toHaveLength(0);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'UzQR accepted the refund of 10,000 UZS' })).toBeVisible();

  const refunds = await sim.requests('one_qr_refund');
  expect(refunds).toHaveLength(1);
  expect(refunds[0]?.body).toEqual({ pay_id: payId, amount: '10000.00' });

  // The refund is asynchronous: followed by its refund_id until refunded, then its refund receipt is registered.
  await expect.poll(async () => (await sim.requests('one_qr_refund_status')).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(async () => ((await sim.state())['refundReceipts'] as unknown[]).length, { timeout: 20_000 }).toBe(1);
  const [refundReceipt] = (await sim.state())['refundReceipts'] as SimRefundReceipt[];
  expect(refundReceipt?.refundOf).toBe(saleUrl);
  expect(refundReceipt?.order.received_card).toBe(1_000_000);
  expect(refundReceipt?.order.received_cash).toBe(0);
  expect(refundReceipt?.order.products.reduce((sum, p) => sum + p.price, 0)).toBe(1_000_000);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(row).toContainText('10,000 UZS: refunded');
  await expect(row).toContainText('Refund receipt No.');
  await expect(row).toContainText('18,000 UZS');
  await expectNoA11yViolations(page, 'UzQR refunds tab');

  // 18 000 soʻm remain: 18 000.01 is refused on the spot, and nothing goes to UzQR — the simulator is in its
  // default, where the gateway would take an over-refund, so the refusal is the kiosk's own.
  const simSettings = (await (await request.get('/__sim/settings')).json()) as Record<string, unknown>;
  expect(simSettings['uzqrRefundAboveRemaining']).toBe('accept');
  await row.getByRole('button', { name: /^Refund order/ }).click();
  await expect(page.getByLabel(/Amount to refund/)).toHaveValue('18000.00');
  await page.getByLabel(/Amount to refund/).fill('18000.01');
  await page.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Cannot refund 18,000.01 UZS: only 18,000 UZS of this payment is left to refund.');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  expect(await sim.requests('one_qr_refund')).toHaveLength(1);
  expect(((await sim.state())['uzqrRefunds'] as { amount: number; state: string }[]).map((r) => [r.amount, r.state])).toEqual([
    [1_000_000, 'refunded'],
  ]);
});
