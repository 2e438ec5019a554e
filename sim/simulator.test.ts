import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderBody } from '../tests/fixtures/sim/order-body.ts';
import { specExamples } from '../tests/fixtures/sim/spec-examples.ts';
import { shapeOf, startHarness, type Envelope, type Harness } from './test-harness.ts';

// A fixed local clock: receipts' `time` is checked against it.
const clock = new Date(2024, 5, 11, 17, 40, 0);
const receiptUrl = 'https://ofd.soliq.uz/check?t=UZ170703100189&r=1&c=20240611174000&s=123456789012';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: () => clock });
});
afterEach(async () => {
  await h.close();
});

const pay = (provider: string, amount = 500, qr = '880101698207133392') =>
  h.postJson(`/payment/${provider}`, { amount, qr_code: qr });

describe('gateway answers shaped like the spec', () => {
  it('wallet charges and confirms', async () => {
    for (const provider of ['click', 'payme'] as const) {
      const charged = await pay(provider);
      expect(shapeOf(charged)).toEqual(shapeOf(specExamples.clickPay));
      expect(charged.data.payment_id).toMatch(/^[0-9a-f]{24}$/);
      expect(charged.data.transaction_id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const [click, payme] = h.sim.state.walletPayments;
    const clickConfirm = await h.postJson('/payment/click_confirm', { payment_id: click?.paymentId, qr_code: receiptUrl });
    expect(shapeOf(clickConfirm)).toEqual(shapeOf(specExamples.clickConfirm));
    const paymeConfirm = await h.postJson('/payment/payme_confirm', { payment_id: payme?.paymentId, qr_code: receiptUrl });
    expect(shapeOf(paymeConfirm)).toEqual(shapeOf(specExamples.paymeConfirm));

    const uzum = await pay('uzum', 500, '7993:5061401:01KFDH:3sySIUxrog+hhtBwUXquxn97N5k=');
    expect(shapeOf(uzum)).toEqual(shapeOf(specExamples.uzumPay));
    const uzumConfirm = await h.postJson('/payment/uzum_confirm', { payment_id: uzum.data.payment_id, qr_code: receiptUrl });
    expect(shapeOf(uzumConfirm)).toEqual(shapeOf(specExamples.uzumConfirm));

    const anor = await pay('anor');
    expect(shapeOf(anor)).toEqual(shapeOf(specExamples.anorPay));
    const anorConfirm = await h.postJson('/payment/anor_confirm', { transaction_id: anor.data.transaction_id, qr_code: receiptUrl });
    expect(shapeOf(anorConfirm)).toEqual(shapeOf(specExamples.anorConfirm));

    const state = h.sim.state;
    expect(state.walletPayments.map((p) => [p.method, p.amount, p.qrCode, p.confirmed?.qrCode])).toEqual([
      ['click', 500, '880101698207133392', receiptUrl],
      ['payme', 500, '880101698207133392', receiptUrl],
      ['uzum', 500, '7993:5061401:01KFDH:3sySIUxrog+hhtBwUXquxn97N5k=', receiptUrl],
      ['anor', 500, '880101698207133392', receiptUrl],
    ]);
  });

  it('wallet validation and confirm rules over HTTP', async () => {
    const blank = await pay('click', 500, '');
    expect(shapeOf(blank)).toEqual(shapeOf(specExamples.validationError));
    expect(blank.error?.message).toBe('{"qr_code":["This field may not be blank."]}');
    expect((await pay('payme', 0)).error?.code).toBe(7);
    expect((await pay('uzum', 12.5)).error?.code).toBe(7);
    expect(h.sim.state.walletPayments).toEqual([]);

    const charged = await pay('click');
    const confirm = (qr: string) => h.postJson('/payment/click_confirm', { payment_id: charged.data.payment_id, qr_code: qr });
    expect((await confirm(receiptUrl)).is_success).toBe(true);
    expect((await confirm(receiptUrl)).is_success).toBe(true);
    expect((await confirm(`${receiptUrl}0`)).is_success).toBe(false);
    expect((await h.postJson('/payment/click_confirm', { payment_id: 'unknown', qr_code: receiptUrl })).is_success).toBe(false);
    expect((await h.postJson('/payment/click_confirm', { payment_id: '', qr_code: receiptUrl })).error?.message).toBe(
      '{"payment_id":["This field may not be blank."]}',
    );
  });

  it('Humo: pay, cancel by check number (string or number) once, close the shift', async () => {
    const first = await h.postJson('/payment/xumo', { amount: 1000 });
    expect(shapeOf(first)).toEqual(shapeOf(specExamples.pinpadSuccess));
    expect(first.data.ppt_id).toMatch(/^\d{12}$/);
    expect(first.data.message).toContain(`RRN:${String(first.data.ppt_id)}`);
    const check = /Чек\n(\d+)\n/.exec(first.data.message as string)?.[1];
    expect(check).toBe('1');
    const second = await h.postJson('/payment/xumo', { amount: 2000 });

    const cancel = await h.postJson('/payment/xumo', { request_id: Number(check), amount: 1000, is_return: true });
    expect(cancel.is_success).toBe(true);
    expect(cancel.data.ppt_id).toBe(first.data.ppt_id);
    const again = await h.postJson('/payment/xumo', { request_id: check, amount: 1000, is_return: 'true' });
    expect(again.is_success).toBe(false);
    expect(again.error?.code).toBe(108);
    expect(again.data.message).toContain('Код ответа:\n218');

    const close = await h.getJson('/payment/xumo_close');
    expect(shapeOf(close)).toEqual(shapeOf(specExamples.pinpadClose));
    expect(close.data.message).toContain('Отчет закрытия смены');
    const secondCheck = /Чек\n(\d+)\n/.exec(second.data.message as string)?.[1];
    const late = await h.postJson('/payment/xumo', { request_id: secondCheck, amount: 2000, is_return: true });
    expect(late.data.message).toContain('Код ответа:\n914');
    expect(h.sim.state.shifts.humo.shift).toBe(2);
    expect(h.sim.requests('xumo_cancel')).toHaveLength(3);
  });

  it('UzCard: pay, return by RRN in the spec\'s broken form, close', async () => {
    const paid = await h.postJson('/payment/uzcard', { amount: 50000 });
    expect(shapeOf(paid)).toEqual(shapeOf(specExamples.pinpadSuccess));
    const rrn = paid.data.ppt_id as string;
    expect(rrn).toMatch(/^0109\d{8}$/);
    const res = await h.post('/payment/uzcard', `{"request_id":"${rrn}","amount":50000,"is_return":true}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toMatch(/\n, pptId=0109\d{8}\), error=null, isSuccess=true\n\}$/);
    expect(h.sim.state.pinpadPayments[0]?.cancelled?.rrn).toBe(/pptId=(\d+)/.exec(text)?.[1]);
    expect(shapeOf(await h.getJson('/payment/uzcard_close'))).toEqual(shapeOf(specExamples.pinpadClose));
  });

  it('Scan2pay: create, not paid (105) until paid on command or after N polls', async () => {
    const created = await h.postJson('/payment/qr_pay', { amount: 500, order_id: 77777, print: false });
    expect(shapeOf(created)).toEqual(shapeOf(specExamples.scan2payCreate));
    expect(created.data.message).toMatch(/^http:\/\/scan2pay\.uz\/[0-9a-f-]{36}$/);
    const status = () => h.postJson('/payment/qr_pay/status', { order_id: '77777' });
    expect(await status()).toEqual(specExamples.scan2payNotPaid);
    const paidRes = await h.post('/__sim/scan2pay/pay', { order_id: '77777' });
    expect(paidRes.status).toBe(200);
    const paid = await status();
    expect(shapeOf(paid)).toEqual(shapeOf(specExamples.scan2payPaid));
    expect(paid.data.data.order_id).toBe('77777');

    await h.post('/__sim/settings', { scan2payPaidAfterPolls: 1 });
    await h.postJson('/payment/qr_pay', { amount: 500, order_id: '2' });
    const polls = [];
    for (let i = 0; i < 3; i++) polls.push((await h.postJson('/payment/qr_pay/status', { order_id: '2' })).is_success);
    expect(polls).toEqual([false, true, true]);
    expect((await h.postJson('/payment/qr_pay/status', { order_id: 'nope' })).error?.code).toBe(105);
  });

  it('receipts: create, idempotent by uuid only when set, last in the vendor shape, print, info', async () => {
    const created = await h.postJson('/order/create/', orderBody());
    expect(shapeOf(created)).toEqual(shapeOf(specExamples.orderCreate));
    await h.post('/__sim/settings', { orderCreateIdempotent: true, orderLastEchoesUuid: true });
    const retry = await h.postJson('/order/create/', orderBody());
    expect(retry).toEqual(created);
    expect(h.sim.state.receipts).toHaveLength(1);
    expect(h.sim.state.receiptRepeats).toBe(1);
    const last = (await h.getJson('/order/last/')) as unknown as { result: { data: { order: Record<string, unknown>; result: Record<string, unknown> } } };
    expect(last.result.data.order).toMatchObject({ uuid: 'att-0001', number: 1, result_url: created.data.qr_url });
    expect(last.result.data.result).toMatchObject({ ReceiptSeq: 1, QRCodeURL: created.data.qr_url });
    expect((await h.getJson('/order/print/')).is_success).toBe(true);
    const info = await h.getJson('/info/');
    // info.md: receipt_count is the receipts not yet sent to the tax office, none here.
    expect(info.data).toMatchObject({ terminal_id: 'UZ170703100189', current_time: '2024-06-11 17:40:00', receipt_count: 0 });
    expect((await h.getJson<{ result: Envelope }>('/zreport/close/')).result.is_success).toBe(true);
    expect((await h.getJson('/zreport/open/?time=2024-06-11%2017:40:00')).is_success).toBe(true);
    expect((await h.postJson('/order/create/', orderBody({ uuid: 'late', time: '2024-06-11 17:30:00' }))).error?.code).toBe(104);
  });

  it('keeps trailing slashes significant, as documented: a wrong one is not found', async () => {
    for (const [method, path] of [
      ['POST', '/order/create'],
      ['GET', '/order/last'],
      ['GET', '/info'],
      ['GET', '/order/last//'],
      ['POST', '/payment/click/'],
      ['POST', '/payment/xumo/'],
    ] as const) {
      const answer = method === 'GET' ? await fetch(`${h.base}${path}`) : await h.post(path, orderBody());
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    expect(h.sim.state.receipts).toEqual([]);
    expect((await h.getJson('/order/last/')) as unknown).toEqual({ result: { data: null, error: null, is_success: true } });
  });

  it('answers unknown paths with 404 and logs them', async () => {
    const res = await fetch(`${h.base}/payment/paypal`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(h.sim.requests().at(-1)).toMatchObject({ call: 'unknown', path: '/payment/paypal', answer: 'not_found' });
    expect((await fetch(`${h.base}/payment/click`)).status).toBe(405);
  });
});

describe('faults', () => {
  const fault = async (body: Record<string, unknown>) => {
    const res = await h.post('/__sim/fault', body);
    expect(res.status).toBe(200);
  };

  it('decline: errors.md\'s 106 PAYMENT_ERROR, nothing recorded', async () => {
    for (const provider of ['click', 'payme', 'uzum', 'anor']) await fault({ call: provider, fault: 'decline' });
    const texts = [];
    for (const provider of ['click', 'payme', 'uzum', 'anor']) {
      texts.push(await (await h.post(`/payment/${provider}`, { amount: 500, qr_code: '1' })).text());
    }
    expect(texts).toEqual(Array(4).fill('{"data":null,"error":{"code":106,"message":"PAYMENT_ERROR","data":null},"is_success":false}'));
    expect(h.sim.state.walletPayments).toEqual([]);
    expect(h.sim.requests().map((e) => e.answer)).toEqual(['decline', 'decline', 'decline', 'decline']);
  });

  it('decline on pinpads carries the response code on the slip (default 116)', async () => {
    await fault({ call: 'xumo', fault: 'decline' });
    await fault({ call: 'uzcard', fault: 'decline', code: '117' });
    const humo = await h.postJson('/payment/xumo', { amount: 1000 });
    expect(humo.error).toEqual({ code: 108, message: 'XUMO_ERROR', data: null });
    expect(humo.data.message).toContain('Код ответа:\n116');
    expect(humo.data.ppt_id).toBeNull();
    const uz = await h.postJson('/payment/uzcard', { amount: 1000 });
    expect(uz.error).toEqual({ code: 109, message: 'UZCARD_ERROR', data: null });
    expect(uz.data.message).toContain('Resp Code: 117');
    expect(h.sim.state.pinpadPayments).toEqual([]);
  });

  it('billing, validation, receipt_error, times', async () => {
    await fault({ call: 'payme', fault: 'billing', times: 2 });
    expect(await pay('payme')).toEqual(specExamples.billingError);
    expect(await pay('payme')).toEqual(specExamples.billingError);
    expect((await pay('payme')).is_success).toBe(true);
    await fault({ call: 'anor_confirm', fault: 'validation' });
    expect((await h.postJson('/payment/anor_confirm', { transaction_id: 'x', qr_code: 'y' })).error?.message).toBe(
      '{"transaction_id":["This field may not be blank."]}',
    );
    await fault({ call: 'order_create', fault: 'receipt_error', code: 101 });
    const printer = await h.postJson('/order/create/', orderBody());
    expect(printer.error?.code).toBe(101);
    expect(h.sim.state.receipts).toEqual([]);
  });

  it('http500, html and malformed: raw bodies, nothing recorded', async () => {
    await fault({ call: 'click', fault: 'http500' });
    await fault({ call: 'click', fault: 'html' });
    await fault({ call: 'click', fault: 'malformed' });
    const r500 = await h.post('/payment/click', { amount: 500, qr_code: '1' });
    expect(r500.status).toBe(500);
    const html = await h.post('/payment/click', { amount: 500, qr_code: '1' });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<html>');
    const bad = await h.post('/payment/click', { amount: 500, qr_code: '1' });
    const text = await bad.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(h.sim.state.walletPayments).toEqual([]);
  });

  it('hang: held until the client aborts, then freed; nothing recorded', async () => {
    await fault({ call: 'click', fault: 'hang' });
    const controller = new AbortController();
    const logged = h.nextRequest();
    const answer = h.post('/payment/click', { amount: 500, qr_code: '1' }, { signal: controller.signal });
    expect((await logged).answer).toBe('hang');
    expect(h.sim.state.openHangs).toBe(1);
    controller.abort();
    await expect(answer).rejects.toThrow();
    await h.settled();
    expect(h.sim.state.openHangs).toBe(0);
    expect(h.sim.state.walletPayments).toEqual([]);
  });

  it('hang is capped: the connection is dropped after the cap', async () => {
    await h.close();
    h = await startHarness({ now: () => clock, hangCapMs: 20 });
    await fault({ call: 'info', fault: 'hang' });
    await expect(fetch(`${h.base}/info/`)).rejects.toThrow();
    await h.settled();
    expect(h.sim.state.openHangs).toBe(0);
  });

  it('hang_after_charge and http500_after_charge record the payment / receipt, then lose the answer', async () => {
    await fault({ call: 'uzum', fault: 'hang_after_charge' });
    const controller = new AbortController();
    const logged = h.nextRequest();
    const answer = h.post('/payment/uzum', { amount: 500, qr_code: '1' }, { signal: controller.signal });
    expect((await logged).answer).toBe('hang_after_charge:success');
    expect(h.sim.state.walletPayments).toHaveLength(1);
    controller.abort();
    await expect(answer).rejects.toThrow();

    await fault({ call: 'xumo', fault: 'http500_after_charge' });
    expect((await h.post('/payment/xumo', { amount: 1000 })).status).toBe(500);
    expect(h.sim.state.pinpadPayments).toHaveLength(1);

    await fault({ call: 'order_create', fault: 'hang_after_charge' });
    const orderController = new AbortController();
    const orderLogged = h.nextRequest();
    const orderAnswer = h.post('/order/create/', orderBody(), { signal: orderController.signal });
    await orderLogged;
    orderController.abort();
    await expect(orderAnswer).rejects.toThrow();
    expect(h.sim.state.receipts).toHaveLength(1);
    // Like the vendor's gateway, a blind retry with the same uuid registers a second receipt: the kiosk must ask
    // /order/last/ first (receipt-recovery.ts), where the lost receipt is, uuid not echoed.
    const last = (await h.getJson('/order/last/')) as unknown as { result: { data: { order: Record<string, unknown> } } };
    expect(last.result.data.order).toMatchObject({ uuid: '', time: orderBody()['time'] });
    const retry = await h.postJson('/order/create/', orderBody({ time: '2024-06-11 17:40:01' }));
    expect(retry.data.receipt_count).toBe(2);
    await h.settled();
  });

  it('delay answers normally afterwards and records the payment', async () => {
    await fault({ call: 'click', fault: 'delay', ms: 5 });
    expect((await pay('click')).is_success).toBe(true);
    expect(h.sim.state.walletPayments).toHaveLength(1);
    expect(h.sim.requests('click').at(-1)?.answer).toBe('delay:success');
  });
});

describe('control API', () => {
  it('shows state, pending faults and the request log with a call filter', async () => {
    await pay('click');
    await h.postJson('/payment/xumo', { amount: 1000 });
    await h.post('/__sim/fault', { call: 'info', fault: 'billing', times: 2 });
    const state = await h.getJson<Record<string, unknown>>('/__sim/state');
    expect(state['faults']).toEqual([{ call: 'info', fault: 'billing', remaining: 2 }]);
    expect((state['walletPayments'] as unknown[]).length).toBe(1);
    const clicks = await h.getJson<Array<{ call: string; body: unknown; method: string; path: string; at: string }>>('/__sim/requests?call=click');
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({ call: 'click', method: 'POST', path: '/payment/click', body: { amount: 500, qr_code: '880101698207133392' } });
    expect((await h.getJson<unknown[]>('/__sim/requests')).length).toBe(2);
  });

  it('clears faults, changes settings, closes shifts, resets everything', async () => {
    await h.post('/__sim/fault', { call: 'click', fault: 'decline' });
    expect((await fetch(`${h.base}/__sim/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await pay('click')).is_success).toBe(true);

    expect((await h.post('/__sim/settings', { humoCancelBy: 'rrn' })).status).toBe(200);
    const paid = await h.postJson('/payment/xumo', { amount: 1000 });
    expect((await h.postJson('/payment/xumo', { request_id: paid.data.ppt_id, amount: 1000, is_return: true })).is_success).toBe(true);
    expect((await h.post('/__sim/settings', { humoCancelBy: 'invoice' })).status).toBe(400);
    expect((await h.post('/__sim/fault', { call: 'click', fault: 'explode' })).status).toBe(400);

    const closed = await (await h.post('/__sim/shift/close', { pinpad: 'uzcard' })).json();
    expect(closed).toEqual({ ok: true, shift: 2 });
    expect((await h.post('/__sim/scan2pay/pay', { order_id: 'none' })).status).toBe(404);

    await h.post('/__sim/fault', { call: 'click', fault: 'decline' });
    expect((await h.post('/__sim/reset', {})).status).toBe(200);
    const state = h.sim.state;
    expect(state.walletPayments).toEqual([]);
    expect(state.pinpadPayments).toEqual([]);
    expect(state.faults).toEqual([]);
    expect(state.settings.humoCancelBy).toBe('check');
    expect(state.settings.pinpadDelayMs).toBe(0);
    expect(state.shifts.uzcard.shift).toBe(1);
    expect(h.sim.requests()).toEqual([]);
  });

  it('serves a self-contained control page that never injects HTML', async () => {
    const res = await fetch(`${h.base}/__sim`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<title>Gateway simulator</title>');
    expect(html).toContain('textContent');
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});

describe('programmatic API', () => {
  it('queues faults and changes settings in-process, refusing bad ones', async () => {
    h.sim.addFault({ call: 'qr_pay_status', fault: 'billing' });
    expect(() => h.sim.addFault({ call: 'nope', fault: 'billing' })).toThrow(/call must be one of/);
    expect(() => h.sim.updateSettings({ pinpadDelayMs: -1 })).toThrow();
    h.sim.updateSettings({ scan2payPaidAfterPolls: 0 });
    await h.postJson('/payment/qr_pay', { amount: 100, order_id: '5' });
    expect((await h.postJson('/payment/qr_pay/status', { order_id: '5' })).error?.code).toBe(104);
    expect((await h.postJson('/payment/qr_pay/status', { order_id: '5' })).is_success).toBe(true);
    expect(h.sim.closeShift('humo')).toBe(2);
    expect(h.sim.markScan2payPaid('missing')).toBe(false);
  });
});
