/**
 * The order-and-pay steps and screen landmarks the payment specs share: a Click payment with the simulator's
 * test code, the Scan2pay QR and its one `qr_pay` request, the receipts the simulator accepted, and an earlier
 * receipt of the day so `/order/last/` has an older receipt to show, as on a working fiscal module.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { openKiosk, orderAndChoose } from './kiosk.ts';
import { simControl, type Sim } from './sim-control.ts';

/** A Click Pass payment code the simulator accepts. */
export const clickCode = '880101698207133392';

export const qrImage = (page: Page) => page.getByRole('img', { name: 'Payment QR code' });
export const thankYou = (page: Page) => page.getByRole('heading', { name: 'Thank you!' });
export const methodHeading = (page: Page) => page.getByRole('heading', { name: 'How would you like to pay?' });

/** On the wallet screen: types the Click code and continues. */
export async function enterClickCode(page: Page): Promise<void> {
  await page.getByRole('textbox').fill(clickCode);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Attract → a Cappuccino → Click → the code typed in. */
export async function payByClick(page: Page): Promise<void> {
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  await enterClickCode(page);
}

/** The one `qr_pay` request the kiosk sent, once it has arrived. */
export async function theScan2payCreate(sim: Sim): Promise<{ amount: unknown; order_id: unknown; print: unknown }> {
  await expect.poll(async () => (await sim.requests('qr_pay')).length).toBe(1);
  const [create] = await sim.requests('qr_pay');
  return create?.body as { amount: unknown; order_id: unknown; print: unknown };
}

/**
 * Opens the kiosk with the given Scan2pay timing, orders a Cappuccino by Scan2pay and waits for its QR on
 * screen and its one `qr_pay` request.
 */
export async function showScan2payQr(
  page: Page,
  request: APIRequestContext,
  scan2pay: { pollSeconds: number; expirySeconds: number },
): Promise<{ sim: Sim; create: Awaited<ReturnType<typeof theScan2payCreate>>; orderId: string }> {
  const sim = await openKiosk(page, request, { config: { scan2pay } });
  await orderAndChoose(page, ['Cappuccino'], 'Scan2pay');
  await expect(qrImage(page)).toBeVisible();
  const create = await theScan2payCreate(sim);
  return { sim, create, orderId: String(create.order_id) };
}

/** The bodies of the `/order/create/` requests the simulator registered. */
export async function acceptedReceipts<T>(sim: Sim): Promise<T[]> {
  return (await sim.requests('order_create')).filter((r) => r.answer?.endsWith('success')).map((r) => r.body as T);
}

/** A receipt in the simulator's state, as these tests read it. */
export interface SimReceipt {
  uuid: string | null;
  qrUrl: string;
}

/** The uuid of the earlier receipt `priorReceipt` registers. */
export const priorUuid = 'earlier-receipt-of-the-day';

/** The fiscal module's local time format ("2025-05-18 22:14:03"). */
function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * Another sale's receipt a minute ago, straight to the simulator, so /order/last/ has an older receipt to show. The
 * fiscal module takes it only in an open shift: it waits for the kiosk to have opened it (boot.ts `startDuties`,
 * once Start is on screen), as the other till's sale did.
 */
export async function priorReceipt(request: APIRequestContext): Promise<void> {
  await expect.poll(async () => (await simControl(request).requests('zreport_open')).length).toBeGreaterThan(0);
  const res = await request.post('/gateway/order/create/', {
    data: {
      receipt_type: 'order',
      uuid: priorUuid,
      time: localTime(new Date(Date.now() - 60_000)),
      cashier: 'Till 2',
      received_cash: 100_000,
      received_card: 0,
      change: 0,
      card_type: 2,
      products: [
        {
          name: 'Water',
          amount: 1000,
          unit_name: 'dona',
          product_price: 100_000,
          price: 100_000,
          vat: 10_714,
          vat_percent: 12,
          discount: 0,
          discount_percent: 0,
          other: 0,
          class_code: '02202001001000000',
          package_code: '1500234',
          owner_type: 0,
        },
      ],
    },
  });
  expect((await res.json()) as { is_success: boolean }).toMatchObject({ is_success: true });
}
