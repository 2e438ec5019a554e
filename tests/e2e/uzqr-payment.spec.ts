/**
 * Issue 18, end to end: a UzQR payment against the gateway simulator. The QR on screen is read back from a
 * screenshot with the kiosk's own zxing-wasm decoder and must be exactly the simulator's `qr_text`; a payment
 * while the long poll is open gives one receipt and one `/payment/one_qr/receipt` with that receipt's URL; Cancel
 * really cancels (and a payment that landed first still counts); a reload mid-payment leaves the attempt watched.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from '../helpers/axe.ts';
import { journalAttempts, openKiosk, orderAndChoose } from '../helpers/kiosk.ts';
import { methodHeading, thankYou } from '../helpers/payment.ts';
import { decodeQrOnScreen } from '../helpers/qr-on-screen.ts';
import type { simControl } from '../helpers/sim-control.ts';

type Sim = ReturnType<typeof simControl>;

/** Cappuccino in the demo catalog. */
const cappuccino = 2_800_000;

interface SimInvoice {
  invoiceId: string;
  externalId: string;
  amount: number;
  qrText: string;
  state: string;
  payId: string | null;
  receiptUrls: string[];
}

interface ReceiptBody {
  uuid: string;
  received_card: number;
  card_type?: number;
  extra_info?: Record<string, unknown>;
}

const qrImage = (page: Page) => page.getByRole('img', { name: 'UzQR payment code' });

async function invoices(sim: Sim): Promise<SimInvoice[]> {
  return (await sim.state())['uzqrInvoices'] as SimInvoice[];
}

async function theInvoice(sim: Sim): Promise<SimInvoice> {
  await expect.poll(async () => (await invoices(sim)).length).toBe(1);
  const [invoice] = await invoices(sim);
  if (!invoice) throw new Error('no UzQR invoice');
  return invoice;
}

/** Waits until the kiosk's long poll is held open by the simulator. */
async function pollIsOpen(sim: Sim): Promise<void> {
  await expect.poll(async () => (await sim.state())['uzqrHeldPolls']).toBe(1);
}

async function receiptsSent(sim: Sim): Promise<ReceiptBody[]> {
  return (await sim.requests('order_create')).map((r) => r.body as ReceiptBody);
}

async function registeredUrls(sim: Sim): Promise<string[]> {
  return ((await sim.state())['receipts'] as { qrUrl: string }[]).map((r) => r.qrUrl);
}

test('the QR decodes to qr_text; paid while the long poll is open → one receipt (social card) and one receipt link with its URL', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { methods: ['uzqr', 'scan2pay'] } });
  await orderAndChoose(page, ['Cappuccino'], 'UzQR');
  await expect(qrImage(page)).toBeVisible();

  const invoice = await theInvoice(sim);
  const [create] = await sim.requests('one_qr_create');
  const body = create?.body as { external_id: string; amount: string };
  expect(body.amount).toBe('28000.00');
  expect(body.external_id).toMatch(/^[0-9a-f]{20}$/);
  expect(invoice.amount).toBe(cappuccino);
  expect(await decodeQrOnScreen(qrImage(page))).toBe(invoice.qrText);
  await expect(page.getByText('Scan with any bank app')).toBeVisible();
  await expect(page.getByText('28,000')).toBeVisible();

  await pollIsOpen(sim);
  await sim.payUzqr({ invoice_id: invoice.invoiceId }, { card_type: '3', card_no: '8600********4321' });
  await expect(thankYou(page)).toBeVisible();

  const receipts = await receiptsSent(sim);
  expect(receipts).toHaveLength(1);
  expect(receipts[0]?.received_card).toBe(cappuccino);
  expect(receipts[0]?.card_type).toBe(3);
  expect(receipts[0]?.extra_info).toEqual({ card_number: '8600********4321' });
  // The receipt's attempt is the invoice's: its external id is the attempt id cut to 20 characters.
  expect((receipts[0]?.uuid ?? '').replace(/-/g, '').slice(0, 20)).toBe(body.external_id);

  const [url] = await registeredUrls(sim);
  await expect.poll(async () => (await sim.requests('one_qr_receipt')).length).toBe(1);
  const [link] = await sim.requests('one_qr_receipt');
  expect(link?.body).toEqual({ pay_id: (await invoices(sim))[0]?.payId, fiscal_receipt_url: url });
  expect((await invoices(sim))[0]?.receiptUrls).toEqual([url]);
  // The journal's confirm step is done: the link is never sent again.
  await expect.poll(async () => (await journalAttempts(page))[0]?.status).toBe('done');
  await page.waitForTimeout(1_500);
  expect(await sim.requests('one_qr_receipt')).toHaveLength(1);
  expect(await sim.requests('one_qr_cancel')).toHaveLength(0);
});

test('Cancel → one /payment/one_qr/cancel, no receipt, back to the methods; the attempt is closed', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: { methods: ['uzqr', 'scan2pay'] } });
  await orderAndChoose(page, ['Cappuccino'], 'UzQR');
  await expect(qrImage(page)).toBeVisible();
  const invoice = await theInvoice(sim);
  await pollIsOpen(sim);

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(methodHeading(page)).toBeVisible();

  const cancels = await sim.requests('one_qr_cancel');
  expect(cancels.map((c) => c.body)).toEqual([{ invoice_id: invoice.invoiceId }]);
  expect((await invoices(sim))[0]?.state).toBe('cancelled');
  // The cancel was acknowledged and the final check said declined: nothing left that could be paid.
  await expect.poll(async () => (await journalAttempts(page))[0]?.status).toBe('cancelled');
  expect(await receiptsSent(sim)).toHaveLength(0);
  expect(await sim.requests('one_qr_receipt')).toHaveLength(0);
});

test('paid just before Cancel → the cancel is refused (already paid), the final check finds it paid: receipt, not a decline', async ({
  page,
  request,
}) => {
  const sim = await openKiosk(page, request, { config: { methods: ['uzqr', 'scan2pay'] } });
  // The kiosk's first long poll hangs, so it has not heard of the payment when the customer presses Cancel.
  await sim.fault('one_qr_status', 'hang', { times: 1 });
  await orderAndChoose(page, ['Cappuccino'], 'UzQR');
  await expect(qrImage(page)).toBeVisible();
  const invoice = await theInvoice(sim);
  await expect.poll(async () => (await sim.requests('one_qr_status')).length).toBe(1);
  await sim.payUzqr({ invoice_id: invoice.invoiceId });

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(thankYou(page)).toBeVisible();
  // The cancel went out once and came too late (3002 already paid): the invoice stays paid.
  expect(await sim.requests('one_qr_cancel')).toHaveLength(1);
  expect((await invoices(sim))[0]?.state).toBe('paid');
  expect(await receiptsSent(sim)).toHaveLength(1);
  await expect.poll(async () => (await sim.requests('one_qr_receipt')).length).toBe(1);
  expect((await journalAttempts(page))[0]?.payment).toMatchObject({ method: 'uzqr', payId: (await invoices(sim))[0]?.payId });
});

test('a reload mid-payment leaves the attempt watched; paid afterwards → its receipt and receipt link', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: { methods: ['uzqr', 'scan2pay'] } });
  await orderAndChoose(page, ['Cappuccino'], 'UzQR');
  await expect(qrImage(page)).toBeVisible();
  const invoice = await theInvoice(sim);

  await page.reload();
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
  await expect.poll(async () => (await journalAttempts(page))[0]?.status).toBe('unsettled');
  // The watcher's long poll is open (the page's own poll went with the reload).
  await pollIsOpen(sim);
  await sim.payUzqr({ invoice_id: invoice.invoiceId });

  await expect.poll(async () => (await receiptsSent(sim)).length).toBe(1);
  await expect.poll(async () => (await sim.requests('one_qr_receipt')).length).toBe(1);
  const [url] = await registeredUrls(sim);
  expect((await sim.requests('one_qr_receipt'))[0]?.body).toEqual({ pay_id: (await invoices(sim))[0]?.payId, fiscal_receipt_url: url });
  await expect.poll(async () => (await journalAttempts(page))[0]?.status).toBe('done');
  expect(await sim.requests('one_qr_cancel')).toHaveLength(0);
});

test('the UzQR screen passes axe and works by keyboard (Cancel with Enter)', async ({ page, request }) => {
  const sim = await openKiosk(page, request, { config: { methods: ['uzqr', 'scan2pay'] } });
  await orderAndChoose(page, ['Cappuccino'], 'UzQR');
  await expect(qrImage(page)).toBeVisible();
  await pollIsOpen(sim);
  await expectNoA11yViolations(page, 'UzQR');

  const cancel = page.getByRole('button', { name: 'Cancel' });
  for (let i = 0; i < 10 && !(await cancel.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(methodHeading(page)).toBeVisible();
  expect(await sim.requests('one_qr_cancel')).toHaveLength(1);
});

test('landscape 1280×800: the eight methods and the UzQR screen fit without scrolling, every button at least 48×48 px', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const sim = await openKiosk(page, request);
  const fits = () => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1);
  const smallButtons = async () => {
    const small: string[] = [];
    for (const button of await page.getByRole('button').all()) {
      const box = (await button.isVisible()) ? await button.boundingBox() : null;
      if (box && (box.width < 48 || box.height < 48)) small.push(`${await button.innerText()}: ${box.width}×${box.height}`);
    }
    return small;
  };
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).first().click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(methodHeading(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'UzQR', exact: true })).toBeVisible();
  expect(await fits()).toBe(true);
  expect(await smallButtons()).toEqual([]);

  await page.getByRole('button', { name: 'UzQR', exact: true }).click();
  await expect(qrImage(page)).toBeVisible();
  await pollIsOpen(sim);
  expect(await fits()).toBe(true);
  expect(await smallButtons()).toEqual([]);
});
