/**
 * Issue 12: after an /order/create/ whose answer is lost, the kiosk finds out through the vendor's own
 * /order/last/ (order.md: result-wrapped, uuid not echoed) whether its receipt was registered, against a
 * simulator that, like the vendor's gateway, is not idempotent by uuid. Exactly one receipt either way.
 * On the code before this issue the kiosk could not read /order/last/ and asked it again and again: no receipt,
 * no wallet confirm.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { journalAttempts, openKiosk, orderAndChoose } from '../helpers/kiosk.ts';

const clickCode = '880101698207133392';
const priorUuid = 'earlier-receipt-of-the-day';

function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Another sale's receipt a minute ago, so /order/last/ has an older receipt to show. */
async function priorReceipt(request: APIRequestContext): Promise<void> {
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

interface SimReceipt {
  uuid: string | null;
  qrUrl: string;
}

async function payByClick(page: Page): Promise<void> {
  await orderAndChoose(page, ['Cappuccino'], 'Click');
  await page.getByRole('textbox').fill(clickCode);
  await page.getByRole('button', { name: 'Continue' }).click();
}

for (const { name, fault, creates } of [
  { name: 'not registered (last receipt older): registered again', fault: 'http500' as const, creates: 2 },
  { name: 'registered, answer lost (last receipt is ours by time, total and lines): adopted', fault: 'http500_after_charge' as const, creates: 1 },
]) {
  test(`a lost /order/create/ answer, ${name}; exactly one receipt and the wallet confirmed`, async ({ page, request }) => {
    test.setTimeout(90_000);
    const sim = await openKiosk(page, request, { config: { timeouts: { receiptSeconds: 3, walletSeconds: 5 } } });
    expect(await sim.state()).toMatchObject({ settings: { orderCreateIdempotent: false, orderLastEchoesUuid: false } });
    await priorReceipt(request);
    await sim.fault('order_create', fault);
    await payByClick(page);

    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible({ timeout: 45_000 });
    const state = await sim.state();
    const ours = (state['receipts'] as SimReceipt[]).filter((r) => r.uuid !== priorUuid);
    expect(ours).toHaveLength(1);
    const ourCreates = (await sim.requests('order_create')).filter((r) => (r.body as { uuid?: string }).uuid !== priorUuid);
    expect(ourCreates).toHaveLength(creates);
    const lastCalls = await sim.requests('order_last');
    expect(lastCalls.length).toBeGreaterThanOrEqual(1);
    expect(lastCalls.every((r) => r.path === '/order/last/')).toBe(true);
    await expect
      .poll(async () => (await sim.requests('click_confirm')).filter((r) => r.answer === 'success').map((r) => r.body))
      .toEqual([{ payment_id: expect.any(String), qr_code: ours[0]?.qrUrl }]);
    await expect.poll(async () => (await journalAttempts<{ status: string }>(page)).map((a) => a.status)).toEqual(['done']);
  });
}
