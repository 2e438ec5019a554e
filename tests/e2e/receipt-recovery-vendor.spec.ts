/**
 * Issue 12: after an /order/create/ whose answer is lost, the kiosk finds out through the vendor's own
 * /order/last/ (order.md: result-wrapped, uuid not echoed) whether its receipt was registered, against a
 * simulator that, like the vendor's gateway, is not idempotent by uuid. Exactly one receipt either way.
 * On the code before this issue the kiosk could not read /order/last/ and asked it again and again: no receipt,
 * no wallet confirm.
 */
import { expect, test } from '@playwright/test';
import { journalAttempts, openKiosk } from '../helpers/kiosk.ts';
import { payByClick, priorReceipt, priorUuid, thankYou, type SimReceipt } from '../helpers/payment.ts';

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

    await expect(thankYou(page)).toBeVisible({ timeout: 45_000 });
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
