import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shapeOf, startHarness, type Envelope, type Harness } from './test-harness.ts';

const clock = new Date(2024, 5, 11, 17, 40, 0);
const receiptUrl = 'https://ofd.soliq.uz/check?t=UZ170703100189&r=1&c=20240611174000&s=123456789012';

/** uzqr.md's example bodies (tests/fixtures/vendor/uzqr), by number. */
const vendorDir = new URL('../tests/fixtures/vendor/uzqr/', import.meta.url);
function example(number: string): unknown {
  const file = readdirSync(vendorDir).find((f) => f.startsWith(`${number}-`));
  if (!file) throw new Error(`no uzqr example ${number}`);
  return JSON.parse(readFileSync(new URL(file, vendorDir), 'utf8')) as unknown;
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: () => clock, settings: { uzqrHoldMs: 5_000 } });
});
afterEach(async () => {
  await h.close();
});

const create = (externalId = 'att-1', amount = '8000.00') => h.postJson('/payment/one_qr/create', { external_id: externalId, amount });
const status = (invoiceId: string, init: RequestInit = {}) =>
  fetch(`${h.base}/payment/one_qr/status?invoice_id=${encodeURIComponent(invoiceId)}`, init).then((r) => r.json() as Promise<Envelope>);
const control = (path: string, body: unknown) => h.post(`/__sim${path}`, body);

async function paidInvoice(externalId = 'att-1', amount = '8000.00'): Promise<{ invoiceId: string; payId: string }> {
  const created = await create(externalId, amount);
  const invoiceId = created.data.invoice_id as string;
  expect((await control('/uzqr/pay', { external_id: externalId })).status).toBe(200);
  const paid = await status(invoiceId);
  return { invoiceId, payId: paid.data.pay_id as string };
}

describe('UzQR in the vendor\'s shapes and paths', () => {
  it('create answers invoice_id and qr_text like uzqr.md', async () => {
    const created = await create();
    expect(shapeOf(created)).toEqual(shapeOf(example('03')));
    expect(created.data.invoice_id).toMatch(/^INV[0-9A-F]{22}$/);
    expect(created.data.qr_text).toContain(created.data.invoice_id);
    expect(h.sim.state.uzqrInvoices).toMatchObject([{ externalId: 'att-1', amount: 800_000, state: 'in_progress' }]);
  });

  it.each([
    ['tiyin as a number', { external_id: 'a', amount: 800000 }, 2002],
    ['one decimal', { external_id: 'a', amount: '8000.0' }, 2002],
    ['a comma', { external_id: 'a', amount: '8000,00' }, 2002],
    ['zero', { external_id: 'a', amount: '0.00' }, 2002],
    ['external_id over 20 characters', { external_id: '123456789012345678901', amount: '1.00' }, 2003],
    ['no external_id', { amount: '1.00' }, 2003],
  ])('create refuses %s', async (_name, body, code) => {
    expect(await h.postJson('/payment/one_qr/create', body)).toMatchObject({ data: null, error: { code }, is_success: false });
  });

  it('refuses an external_id used before (it must be unique)', async () => {
    await create('same');
    expect(await create('same')).toMatchObject({ error: { code: 2003 } });
  });

  it('trailing slashes as documented: /payment/one_qr/create/ is not found', async () => {
    const answer = await h.post('/payment/one_qr/create/', { external_id: 'a', amount: '1.00' });
    expect(answer.status).toBe(404);
    expect((await fetch(`${h.base}/payment/one_qr/status/?invoice_id=x`)).status).toBe(404);
  });

  it('status of an unknown invoice is 3001 at once, in the doc\'s shape', async () => {
    expect(await status('INVNOPE')).toEqual(example('10'));
  });

  it('the long poll holds until the invoice is paid, then answers status 2 with pay_id and the payer', async () => {
    const created = await create();
    const invoiceId = created.data.invoice_id as string;
    const started = Date.now();
    const answer = status(invoiceId);
    await expect.poll(() => h.sim.state.uzqrHeldPolls).toBe(1);
    const paid = await control('/uzqr/pay', { invoice_id: invoiceId, card_type: '3', card_no: '9860********4321' });
    expect(paid.status).toBe(200);
    const body = await answer;
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(shapeOf(body)).toEqual(shapeOf(example('07')));
    expect(body).toMatchObject({
      is_success: true,
      data: { invoice_id: invoiceId, status: 2, card_type: '3', card_no: '9860********4321', payer_phone: '+998901234567' },
    });
    expect(body.data.pay_id).toMatch(/^PAY\d{17}$/);
    expect(h.sim.state.uzqrHeldPolls).toBe(0);
  });

  it('answers status 1 after its hold limit, like the gateway after 2 minutes', async () => {
    await h.post('/__sim/settings', { uzqrHoldMs: 50 });
    const created = await create();
    const body = await status(created.data.invoice_id as string);
    expect(shapeOf(body)).toEqual(shapeOf(example('08')));
    expect(body).toMatchObject({ is_success: true, data: { status: 1, pay_id: null } });
  });

  it('holds 2 minutes by default', async () => {
    await h.close();
    h = await startHarness({ now: () => clock });
    expect(h.sim.state.settings.uzqrHoldMs).toBe(120_000);
  });

  it('a declined invoice answers like the doc\'s declined example (is_success false, error null)', async () => {
    const created = await create();
    const answer = status(created.data.invoice_id as string);
    await expect.poll(() => h.sim.state.uzqrHeldPolls).toBe(1);
    expect((await control('/uzqr/decline', { invoice_id: created.data.invoice_id })).status).toBe(200);
    const body = await answer;
    expect(shapeOf(body)).toEqual(shapeOf(example('09')));
    expect(body).toMatchObject({ is_success: false, error: null, data: { status: 3 } });
  });

  it('frees a held poll when the client goes away', async () => {
    const created = await create();
    const controller = new AbortController();
    const answer = status(created.data.invoice_id as string, { signal: controller.signal });
    await expect.poll(() => h.sim.state.uzqrHeldPolls).toBe(1);
    controller.abort();
    await expect(answer).rejects.toThrow();
    await expect.poll(() => h.sim.state.uzqrHeldPolls).toBe(0);
    await h.settled();
  });

  it('cancel really cancels: the held poll answers declined, the invoice cannot be paid, a paid one is 3002', async () => {
    const created = await create();
    const invoiceId = created.data.invoice_id as string;
    const answer = status(invoiceId);
    await expect.poll(() => h.sim.state.uzqrHeldPolls).toBe(1);
    expect(await h.postJson('/payment/one_qr/cancel', { invoice_id: invoiceId })).toEqual(example('16'));
    expect(await answer).toMatchObject({ data: { status: 3 } });
    expect((await control('/uzqr/pay', { invoice_id: invoiceId })).status).toBe(404);
    expect(await h.postJson('/payment/one_qr/cancel', { invoice_id: 'INVNOPE' })).toEqual(example('17'));
    const { invoiceId: paidId } = await paidInvoice('att-2');
    expect(await h.postJson('/payment/one_qr/cancel', { invoice_id: paidId })).toMatchObject({ error: { code: 3002 } });
  });

  it('records the fiscal receipt link; unknown pay_id 4001, missing URL 105', async () => {
    const { payId } = await paidInvoice();
    expect(await h.postJson('/payment/one_qr/receipt', { pay_id: payId, fiscal_receipt_url: receiptUrl })).toEqual(example('12'));
    expect(h.sim.state.uzqrInvoices[0]?.receiptUrls).toEqual([receiptUrl]);
    expect(await h.postJson('/payment/one_qr/receipt', { pay_id: 'PAYNOPE', fiscal_receipt_url: receiptUrl })).toEqual(example('13'));
    expect(await h.postJson('/payment/one_qr/receipt', { pay_id: payId })).toEqual(example('14'));
  });

  it('partial refunds never above what remains (uzqrRefundAboveRemaining: refuse); pending, then refunded after the set polls', async () => {
    expect((await h.post('/__sim/settings', { uzqrRefundAboveRemaining: 'refuse' })).status).toBe(200);
    const { payId } = await paidInvoice('att-1', '8000.00');
    const first = await h.postJson('/payment/one_qr/refund', { pay_id: payId, amount: '3000.00' });
    expect(shapeOf(first)).toEqual(shapeOf(example('19')));
    expect(first).toMatchObject({ is_success: true, data: { status: 1 } });
    const refundId = first.data.refund_id as string;
    const refundStatus = () => h.getJson(`/payment/one_qr/refund/status?refund_id=${refundId}`);
    expect(await refundStatus()).toMatchObject({ data: { refund_id: refundId, status: 1 } });
    const done = await refundStatus();
    expect(shapeOf(done)).toEqual(shapeOf(example('22')));
    expect(done).toMatchObject({ data: { status: 2 } });
    // 5000.00 remain: 5000.01 is refused, 5000 (the doc's plain "1" form) is taken.
    expect(await h.postJson('/payment/one_qr/refund', { pay_id: payId, amount: '5000.01' })).toMatchObject({ error: { code: 2002 } });
    expect(await h.postJson('/payment/one_qr/refund', { pay_id: payId, amount: '5000' })).toMatchObject({ is_success: true });
    expect(await h.postJson('/payment/one_qr/refund', { pay_id: payId, amount: '0.01' })).toMatchObject({ error: { code: 2002 } });
    expect(await h.postJson('/payment/one_qr/refund', { pay_id: 'PAYNOPE', amount: '1' })).toEqual(example('20'));
    expect(await h.getJson('/payment/one_qr/refund/status?refund_id=REFNOPE')).toMatchObject({ error: { code: 3001 } });
    expect(h.sim.state.uzqrRefunds.map((r) => r.amount)).toEqual([300_000, 500_000]);
  });

  it('a refund settled as failed on command frees its amount again', async () => {
    await h.post('/__sim/settings', { uzqrRefundPendingPolls: null, uzqrRefundAboveRemaining: 'refuse' });
    const { payId } = await paidInvoice();
    const refund = await h.postJson('/payment/one_qr/refund', { pay_id: payId, amount: '8000.00' });
    const refundId = refund.data.refund_id as string;
    expect(await h.getJson(`/payment/one_qr/refund/status?refund_id=${refundId}`)).toMatchObject({ data: { status: 1 } });
    expect(await h.getJson(`/payment/one_qr/refund/status?refund_id=${refundId}`)).toMatchObject({ data: { status: 1 } });
    expect((await control('/uzqr/refund', { refund_id: refundId, status: 'failed' })).status).toBe(200);
    expect(await h.getJson(`/payment/one_qr/refund/status?refund_id=${refundId}`)).toMatchObject({ data: { status: 3 } });
    expect(await h.postJson('/payment/one_qr/refund', { pay_id: payId, amount: '8000.00' })).toMatchObject({ is_success: true });
  });

  it('by default takes a refund above what remains (uzqr.md names no such check): the kiosk must refuse it itself', async () => {
    const { payId } = await paidInvoice('att-1', '8000.00');
    expect(await h.postJson('/payment/one_qr/refund', { pay_id: payId, amount: '8000.00' })).toMatchObject({ is_success: true, data: { status: 1 } });
    expect(await h.postJson('/payment/one_qr/refund', { pay_id: payId, amount: '0.01' })).toMatchObject({ is_success: true, data: { status: 1 } });
    expect(h.sim.state.uzqrRefunds.map((r) => r.amount)).toEqual([800_000, 1]);
    // Still refused: an amount that is not an amount, and an unknown pay_id.
    expect(await h.postJson('/payment/one_qr/refund', { pay_id: payId, amount: 'all' })).toMatchObject({ error: { code: 2002 } });
    expect(await h.postJson('/payment/one_qr/refund', { pay_id: 'PAYNOPE', amount: '1' })).toEqual(example('20'));
  });
});

describe('UzQR faults', () => {
  it.each([
    ['one_qr_create', 1001, '/payment/one_qr/create'],
    ['one_qr_create', 6001, '/payment/one_qr/create'],
    ['one_qr_refund', 9001, '/payment/one_qr/refund'],
    ['one_qr_cancel', 3002, '/payment/one_qr/cancel'],
  ])('%s → uzqr_error %i in the vendor\'s error shape', async (call, code, path) => {
    await h.post('/__sim/fault', { call, fault: 'uzqr_error', code });
    const body = await h.postJson(path, { external_id: 'a', amount: '1.00', invoice_id: 'x', pay_id: 'x' });
    expect(shapeOf(body)).toEqual(shapeOf(example('05')));
    expect(body).toMatchObject({ data: null, error: { code }, is_success: false });
  });

  it('uzqr_error defaults to 9001; 1001 carries the doc\'s message; 3001 on status', async () => {
    await h.post('/__sim/fault', { call: 'one_qr_refund_status', fault: 'uzqr_error' });
    expect(await h.getJson('/payment/one_qr/refund/status?refund_id=x')).toEqual(example('25'));
    await h.post('/__sim/fault', { call: 'one_qr_create', fault: 'uzqr_error', code: 1001 });
    expect(await create()).toEqual(example('05'));
    const created = await create('att-2');
    await h.post('/__sim/fault', { call: 'one_qr_status', fault: 'uzqr_error', code: 3001 });
    expect(await status(created.data.invoice_id as string)).toEqual(example('10'));
  });

  it('hang holds a status call until the client gives up', async () => {
    const created = await create();
    await h.post('/__sim/fault', { call: 'one_qr_status', fault: 'hang' });
    const controller = new AbortController();
    const logged = h.nextRequest();
    const answer = status(created.data.invoice_id as string, { signal: controller.signal });
    expect((await logged).call).toBe('one_qr_status');
    expect(h.sim.state.openHangs).toBe(1);
    controller.abort();
    await expect(answer).rejects.toThrow();
    await h.settled();
    expect(h.sim.state.openHangs).toBe(0);
  });

  it('reset answers held polls and forgets invoices', async () => {
    const created = await create();
    const answer = status(created.data.invoice_id as string);
    await expect.poll(() => h.sim.state.uzqrHeldPolls).toBe(1);
    await h.post('/__sim/reset', {});
    expect(await answer).toMatchObject({ data: { status: 1 } });
    expect(h.sim.state.uzqrInvoices).toEqual([]);
  });
});
