/**
 * Issue 3: wallet QR payments through the real camera path. Chromium's fake camera loops a video of one QR
 * code; the kiosk's camera reader decodes it in its worker (zxing-wasm) and the wallet machine charges it.
 * Each test checks what the simulator recorded: the one charge, the receipt's extra_info and the confirm.
 */
import { expect, test } from '@playwright/test';
import { cameraUse, closeCameraPages, openCameraPage } from '../helpers/camera-page.ts';
import { makeFakeCameraVideo } from '../helpers/fake-camera.ts';
import { openKiosk, orderAndChoose } from '../helpers/kiosk.ts';
import type { simControl } from '../helpers/sim-control.ts';

type Sim = ReturnType<typeof simControl>;
type Wallet = 'click' | 'payme' | 'uzum' | 'anor';

interface SimWalletPayment {
  method: Wallet;
  paymentId: string;
  transactionId: string | null;
  amount: number;
  qrCode: string;
  phone: string;
  confirmed: { qrCode: string } | null;
}
interface SimReceipt {
  qrUrl: string;
  order: { received_card: number; extra_info?: Record<string, unknown> };
}

/** Cappuccino in the demo catalog: 28 000 so'm. */
const cappuccinoTiyin = 2_800_000;

test.afterEach(closeCameraPages);

/**
 * The whole trail of one wallet payment in the simulator: exactly one charge (the code exactly as shown,
 * the amount in `amount`), no other wallet charged, one receipt with the payment's extra_info, and the
 * confirm carrying that receipt's qr_url keyed the provider's way.
 */
async function expectPaidTrail(sim: Sim, wallet: Wallet, code: string, amount: number, eps: number): Promise<void> {
  const charges = await sim.requests(wallet);
  expect(charges).toHaveLength(1);
  expect(charges[0]?.body).toEqual({ amount, qr_code: code });
  for (const other of ['click', 'payme', 'uzum', 'anor'].filter((w) => w !== wallet)) {
    expect(await sim.requests(other), `no ${other} charge`).toHaveLength(0);
  }

  // The confirm is sent by the outbox after the receipt, in the background of the thank-you screen.
  await expect.poll(async () => (await sim.requests(`${wallet}_confirm`)).length).toBe(1);
  const state = (await sim.state()) as { walletPayments: SimWalletPayment[]; receipts: SimReceipt[] };
  expect(state.walletPayments).toHaveLength(1);
  const payment = state.walletPayments[0]!;
  expect(payment.qrCode).toBe(code);
  expect(state.receipts).toHaveLength(1);
  const receipt = state.receipts[0]!;

  const creates = await sim.requests('order_create');
  expect(creates).toHaveLength(1);
  const order = creates[0]?.body as SimReceipt['order'];
  expect(order.received_card).toBe(cappuccinoTiyin);
  expect(order.extra_info).toEqual({
    phone_number: payment.phone,
    qr_payment_id: payment.paymentId,
    qr_payment_provider: eps,
  });

  const confirm = (await sim.requests(`${wallet}_confirm`))[0]?.body;
  expect(confirm).toEqual(
    wallet === 'anor'
      ? { transaction_id: payment.transactionId, qr_code: receipt.qrUrl }
      : { payment_id: payment.paymentId, qr_code: receipt.qrUrl },
  );
  expect(payment.confirmed?.qrCode).toBe(receipt.qrUrl);
}

const wallets: { wallet: Wallet; brand: string; code: string; eps: number }[] = [
  { wallet: 'click', brand: 'Click', code: '880101698207133392', eps: 64 },
  { wallet: 'payme', brand: 'Payme', code: '50501010793410469483', eps: 141 },
  // Uzum FastPay's own form: `:`, `+` and `=` must reach the gateway exactly as decoded.
  { wallet: 'uzum', brand: 'Uzum', code: '7993:5061401:01KFDH8Z2M3Q4R5S:3sySIUxrog+hhtBwUXquxn97N5k=', eps: 161 },
  { wallet: 'anor', brand: 'Anor', code: '3100123456789012345678901', eps: 187 },
];

for (const { wallet, brand, code, eps } of wallets) {
  test(`${brand}: the QR shown to the camera is charged once, receipted with extra_info ${eps} and confirmed with the receipt's qr_url`, async ({
    request,
  }) => {
    // The camera shows `code` as a QR from its first frame.
    const { page } = await openCameraPage(await makeFakeCameraVideo(code));
    const sim = await openKiosk(page, request, { config: { timeouts: { walletSeconds: 5 } } });
    await orderAndChoose(page, ['Cappuccino'], brand);
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    await expectPaidTrail(sim, wallet, code, cappuccinoTiyin, eps);

    // The camera was used, and released once the code was read: no live track anywhere in the page.
    const use = await cameraUse(page);
    expect(use.opened).toBeGreaterThanOrEqual(1);
    expect(use.liveTracks).toBe(0);
    expect(use.liveVideoElements).toBe(0);
  });
}

test("Payme configured in so'm: the same QR is charged 28 000, not 2 800 000", async ({ request }) => {
  const code = '50501010793410469483';
  const { page } = await openCameraPage(await makeFakeCameraVideo(code));
  const sim = await openKiosk(page, request, { config: { amountUnits: { payme: 'sum' }, timeouts: { walletSeconds: 5 } } });
  await orderAndChoose(page, ['Cappuccino'], 'Payme');
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await expectPaidTrail(sim, 'payme', code, 28_000, 141);
});
