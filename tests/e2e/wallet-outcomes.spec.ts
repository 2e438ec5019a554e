/**
 * Issue 3: what happens around a wallet QR payment when it does not simply go through: a decline (no
 * receipt; "Scan again" makes a fresh attempt, "Choose another method" goes back to the methods), a hang
 * (staff assist, never a second charge), a QR that is no payment code (a message, and scanning goes on),
 * and a hand scanner (keyboard wedge) paying without any camera.
 */
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { closeCameraPages, liveCameraTracks, openCameraPage } from '../helpers/camera-page.ts';
import { makeFakeCameraVideo } from '../helpers/fake-camera.ts';
import { journalAttempts, openKiosk, orderAndChoose } from '../helpers/kiosk.ts';
import { wedgeScan } from '../helpers/wedge.ts';

const clickCode = '880101698207133392';
const cappuccinoTiyin = 2_800_000;

test.afterEach(closeCameraPages);

/**
 * A camera that shows `first` for `firstSeconds` seconds, then `then` for one second, looping: the
 * helper's one-second y4m clips (10 frames each) joined under one header.
 */
async function sequenceVideo(first: string, firstSeconds: number, then: string): Promise<string> {
  const [a, b] = await Promise.all([makeFakeCameraVideo(first), makeFakeCameraVideo(then)]);
  const frames = (file: string) => {
    const bytes = readFileSync(file);
    const headerEnd = bytes.indexOf(0x0a) + 1;
    return { header: bytes.subarray(0, headerEnd), frames: bytes.subarray(headerEnd) };
  };
  const fa = frames(a);
  const fb = frames(b);
  const out = a.replace(/\.y4m$/, `-then-${firstSeconds}s-${b.split('/').pop()}`);
  writeFileSync(out, Buffer.concat([fa.header, ...Array<Buffer>(firstSeconds).fill(fa.frames), fb.frames]));
  return out;
}

test('a declined Click QR makes no receipt; "Scan again" makes a fresh attempt that pays', async ({ request }) => {
  const { page } = await openCameraPage(await makeFakeCameraVideo(clickCode));
  const sim = await openKiosk(page, request, { config: { timeouts: { walletSeconds: 5 } } });
  await sim.fault('click', 'decline');
  await orderAndChoose(page, ['Cappuccino'], 'Click');

  await expect(page.getByRole('heading', { name: 'Payment did not go through' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('The payment was declined. Please choose another way to pay.');
  expect(await sim.requests('click')).toHaveLength(1);
  // The camera is off while the customer reads the decline, even though the QR is still in front of it.
  expect(await liveCameraTracks(page)).toBe(0);
  expect(await sim.requests('order_create')).toHaveLength(0);
  expect(await sim.requests('click_confirm')).toHaveLength(0);

  await page.getByRole('button', { name: 'Scan again' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  const charges = await sim.requests('click');
  expect(charges.map((c) => c.body)).toEqual([
    { amount: cappuccinoTiyin, qr_code: clickCode },
    { amount: cappuccinoTiyin, qr_code: clickCode },
  ]);
  // One receipt, for the second (paid) charge only, and confirmed with it.
  await expect.poll(async () => (await sim.requests('click_confirm')).length).toBe(1);
  const state = (await sim.state()) as {
    walletPayments: { paymentId: string }[];
    receipts: { uuid: string; qrUrl: string; order: { extra_info: Record<string, unknown> } }[];
  };
  expect(state.walletPayments).toHaveLength(1);
  expect(state.receipts).toHaveLength(1);
  expect(state.receipts[0]?.order.extra_info['qr_payment_id']).toBe(state.walletPayments[0]?.paymentId);
  expect((await sim.requests('click_confirm'))[0]?.body).toEqual({
    payment_id: state.walletPayments[0]?.paymentId,
    qr_code: state.receipts[0]?.qrUrl,
  });
  // "Scan again" started a fresh attempt: the kiosk's journal holds the declined one and the paid one.
  expect(await journalAttempts(page)).toHaveLength(2);
});

test('after a decline, "Choose another method" shows the methods with the reason, and another method pays', async ({
  request,
}) => {
  const { page } = await openCameraPage(await makeFakeCameraVideo(clickCode));
  const sim = await openKiosk(page, request, { config: { timeouts: { walletSeconds: 5 } } });
  await sim.fault('click', 'decline');
  await orderAndChoose(page, ['Cappuccino'], 'Click');

  await page.getByRole('button', { name: 'Choose another method' }).click();
  await expect(page.getByRole('heading', { name: 'How would you like to pay?' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('The payment was declined. Please choose another way to pay.');
  await page.getByRole('button', { name: 'Humo', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  expect(await sim.requests('click')).toHaveLength(1);
  expect(await sim.requests('xumo')).toHaveLength(1);
  const receipts = await sim.requests('order_create');
  expect(receipts).toHaveLength(1);
  expect((receipts[0]?.body as Record<string, unknown>)['extra_info']).toBeUndefined();
  expect(await sim.requests('click_confirm')).toHaveLength(0);
});

test('a Click charge that never answers goes to staff assist, and the QR still in view is not charged again', async ({
  request,
}) => {
  const { page } = await openCameraPage(await makeFakeCameraVideo(clickCode));
  const sim = await openKiosk(page, request, { config: { timeouts: { walletSeconds: 2 } } });
  await sim.fault('click', 'hang');
  await orderAndChoose(page, ['Cappuccino'], 'Click');

  await expect(page.getByRole('heading', { name: 'We could not confirm your payment' })).toBeVisible();
  await expect(page.getByText('Please call staff. Do not pay again.')).toBeVisible();
  // No way back for the customer: no button on this screen.
  await expect(page.getByRole('button')).toHaveCount(0);
  expect(await liveCameraTracks(page)).toBe(0);

  const charges = await sim.requests('click');
  expect(charges).toHaveLength(1);
  expect(charges[0]?.body).toEqual({ amount: cappuccinoTiyin, qr_code: clickCode });
  expect(await sim.requests('order_create')).toHaveLength(0);
  expect(await sim.requests('click_confirm')).toHaveLength(0);
});

test('a QR with a space is "not a Click payment code"; scanning goes on and the next QR pays', async ({ request }) => {
  const garbage = `TOLOV ${clickCode}`;
  const { page } = await openCameraPage(await sequenceVideo(garbage, 3, clickCode));
  const sim = await openKiosk(page, request, { config: { timeouts: { walletSeconds: 5 } } });
  await orderAndChoose(page, ['Cappuccino'], 'Click');

  await expect(page.getByRole('alert')).toHaveText('This is not a Click payment code');
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  const charges = await sim.requests('click');
  expect(charges).toHaveLength(1);
  expect(charges[0]?.body).toEqual({ amount: cappuccinoTiyin, qr_code: clickCode });
});

test('a QR of non-ASCII text is refused with the camera still on, and a hand-scanner code then pays', async ({
  request,
}) => {
  const { page } = await openCameraPage(await makeFakeCameraVideo('Тўлов-коди-Оплата'));
  const sim = await openKiosk(page, request, { config: { timeouts: { walletSeconds: 5 } } });
  await orderAndChoose(page, ['Cappuccino'], 'Payme');

  await expect(page.getByRole('alert')).toHaveText('This is not a Payme payment code');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  expect(await liveCameraTracks(page)).toBe(1);
  expect(await sim.requests('payme')).toHaveLength(0);

  await wedgeScan(page, '50501010793410469483');
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  const charges = await sim.requests('payme');
  expect(charges.map((c) => c.body)).toEqual([{ amount: cappuccinoTiyin, qr_code: '50501010793410469483' }]);
  expect(await liveCameraTracks(page)).toBe(0);
});

test('with no camera at all, a hand scanner (keyboard wedge) pays an Uzum code exactly as scanned', async ({
  page,
  request,
}) => {
  const code = '7993:5061401:01KFDH8Z2M3Q4R5S:3sySIUxrog+hhtBwUXquxn97N5k=';
  const sim = await openKiosk(page, request, { config: { timeouts: { walletSeconds: 5 } } });
  await orderAndChoose(page, ['Cappuccino'], 'Uzum');
  await expect(page.getByText('The camera is not available.', { exact: false })).toBeVisible();

  await wedgeScan(page, code);
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  const charges = await sim.requests('uzum');
  expect(charges).toHaveLength(1);
  expect(charges[0]?.body).toEqual({ amount: cappuccinoTiyin, qr_code: code });
  expect(await sim.requests('order_create')).toHaveLength(1);
  await expect.poll(async () => (await sim.requests('uzum_confirm')).length).toBe(1);
});
