import { describe, expect, it } from 'vitest';
import { tiyin } from '../money/money.ts';
import { gatewayAnswering, textResponse } from '../testing/fake-fetch.ts';
import { fixture, fixtures } from '../testing/fixtures.ts';
import type { Gateway, ReceiptRequest, Result } from './types.ts';

const walletPayment = { paymentId: '644113a290a5eba4298f05d5', transactionId: null };
const qrUrl = 'https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161';

const receipt: ReceiptRequest = {
  uuid: 'att-0001-7f3a',
  time: '2024-06-11 17:39:54',
  cashier: 'Kiosk 1',
  total: tiyin(2_500_000),
  lines: [
    {
      name: 'Somsa',
      barcode: '4780000000017',
      amount: 2000,
      unitName: 'dona',
      productPrice: tiyin(1_250_000),
      price: tiyin(2_500_000),
      vat: tiyin(267_857),
      vatPercent: 12,
      classCode: '10899001001000000',
      packageCode: '1519123',
      ownerType: 1,
    },
  ],
  payment: { method: 'click', phone: '998946532140', paymentId: '644113a290a5eba4298f05d5' },
};

/** Answers every call with one fixture body and runs `call`. */
async function answerWith<T>(name: string, call: (g: Gateway) => Promise<Result<T>>): Promise<Result<T>> {
  const { gateway } = gatewayAnswering(() => textResponse(fixture(name)));
  return call(gateway);
}

describe('spec fixtures', () => {
  it('are all present (copied from gateway-api.md and gateway-notes.md)', () => {
    expect(Object.keys(fixtures).length).toBeGreaterThanOrEqual(30);
  });

  it.each(['click', 'payme'] as const)('%s payment success → WalletPayment with string ids', async (provider) => {
    const result = await answerWith(`${provider}-pay-success`, (g) => g.walletPay(provider, tiyin(500), '880101698207133392'));
    expect(result).toMatchObject({
      ok: true,
      value: {
        provider,
        paymentId: '644113a290a5eba4298f05d5',
        transactionId: '0e436d79-f100-4373-b12a-1f238b558054',
        phone: '998946532140',
        maskedCard: null,
      },
    });
  });

  it('uzum payment success → WalletPayment', async () => {
    const result = await answerWith('uzum-pay-success', (g) => g.walletPay('uzum', tiyin(500), '7993:5061401:01KF+x='));
    expect(result).toMatchObject({
      ok: true,
      value: { provider: 'uzum', paymentId: 'bb75f609-6d97-4b45-9ed3-80e5fcd19ef1', transactionId: null, phone: '998946532140' },
    });
  });

  it('anor payment success → numeric payment_id becomes the string "658"', async () => {
    const result = await answerWith('anor-pay-success', (g) => g.walletPay('anor', tiyin(500), '880101698207133392'));
    expect(result).toMatchObject({
      ok: true,
      value: {
        provider: 'anor',
        paymentId: '658',
        transactionId: '05a447d7-ad64-4b95-931e-951b624b6534',
        phone: '998946532140',
        maskedCard: '860014******3145',
      },
    });
  });

  it.each(['click', 'payme', 'uzum', 'anor'] as const)('%s billing error → rejected 104', async (provider) => {
    const result = await answerWith(`${provider}-pay-billing-error`, (g) => g.walletPay(provider, tiyin(500), 'code'));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'rejected',
        code: '104',
        message: 'BILLING_ERROR',
        fieldErrors: null,
        providerCode: null,
        raw: fixture(`${provider}-pay-billing-error`),
      },
    });
  });

  it.each([
    ['click', '-5017'],
    ['payme', '-5017'],
    ['uzum', '4017'],
    ['anor', '5'],
  ] as const)('%s decline (simulator shape) → rejected 106 with provider code %s', async (provider, providerCode) => {
    const result = await answerWith(`${provider}-pay-declined`, (g) => g.walletPay(provider, tiyin(500), 'code'));
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', code: '106', message: 'PAYMENT_ERROR', providerCode } });
  });

  it.each(['click', 'payme', 'uzum', 'anor'] as const)('%s confirm success', async (provider) => {
    const result = await answerWith(`${provider}-confirm-success`, (g) =>
      g.walletConfirm(provider, { paymentId: 'p', transactionId: 't' }, qrUrl),
    );
    expect(result).toMatchObject({ ok: true, value: { provider } });
  });

  it.each([
    ['click', { payment_id: ['This field may not be blank.'] }],
    ['payme', { fiscal_sign: ['This field may not be null.'] }],
    ['anor', { payment_id: ['This field may not be blank.'] }],
  ] as const)('%s confirm validation error → rejected 7 with decoded field errors', async (provider, fieldErrors) => {
    const result = await answerWith(`${provider}-confirm-validation-error`, (g) =>
      g.walletConfirm(provider, { paymentId: 'p', transactionId: 't' }, qrUrl),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', code: '7', fieldErrors, providerCode: null } });
  });

  it('humo payment (raw line breaks, "4\\⏎nID") → slip and RRN', async () => {
    const result = await answerWith('humo-pay-success', (g) => g.humoPay(tiyin(1000)));
    expect(result).toMatchObject({ ok: true, value: { provider: 'humo', rrn: '408005356147' } });
    if (!result.ok) throw new Error('unreachable');
    expect(result.value.slip).toContain('Номер смены 4\nID Организации');
    expect(result.value.raw).toBe(fixture('humo-pay-success'));
  });

  it('humo cancel (message never closed) → salvaged slip and RRN', async () => {
    const result = await answerWith('humo-cancel-success', (g) => g.humoCancel('14', tiyin(30000)));
    expect(result).toMatchObject({ ok: true, value: { provider: 'humo', rrn: '416311639412' } });
    if (!result.ok) throw new Error('unreachable');
    expect(result.value.slip).toContain('Отмена (CANCEL)');
    expect(result.value.slip).toContain('RRN(ссылка) :416311639412');
    expect(result.value.slip).not.toContain('ppt_id');
  });

  it('humo close → report slip, no RRN', async () => {
    const result = await answerWith('humo-close-success', (g) => g.humoClose());
    expect(result).toMatchObject({ ok: true, value: { provider: 'humo', rrn: null } });
    if (!result.ok) throw new Error('unreachable');
    expect(result.value.slip).toContain('Сверка итогов');
  });

  it('uzcard payment → slip and RRN with its leading zero', async () => {
    const result = await answerWith('uzcard-pay-success', (g) => g.uzcardPay(tiyin(50000)));
    expect(result).toMatchObject({ ok: true, value: { provider: 'uzcard', rrn: '010965628751' } });
  });

  it('uzcard return (Kotlin toString tail) → salvaged slip and pptId', async () => {
    const result = await answerWith('uzcard-return-success', (g) => g.uzcardReturn('010965270742', tiyin(30000)));
    expect(result).toMatchObject({ ok: true, value: { provider: 'uzcard', rrn: '010968002727' } });
    if (!result.ok) throw new Error('unreachable');
    expect(result.value.slip).toContain('Номер операции:                  168');
    expect(result.value.slip).not.toContain('pptId');
  });

  it.each([
    ['humo', '108'],
    ['uzcard', '109'],
  ] as const)('%s decline → rejected %s with the slip response code and the slip kept', async (provider, code) => {
    const result = await answerWith(`${provider}-pay-declined`, (g) =>
      provider === 'humo' ? g.humoPay(tiyin(1000)) : g.uzcardPay(tiyin(1000)),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', code, providerCode: '116' } });
    if (result.ok || result.error.kind !== 'rejected') throw new Error('unreachable');
    expect(result.error.slip).toContain('ОТКАЗ');
  });

  it('scan2pay create → http(s) payment URL', async () => {
    const result = await answerWith('scan2pay-create-success', (g) => g.scan2payCreate(tiyin(500), '77777', false));
    expect(result).toMatchObject({
      ok: true,
      value: { paymentUrl: 'http://scan2pay.uz/7c545c1e-9a57-4a2f-80dc-b7686023ec04' },
    });
  });

  it('scan2pay status paid → scan2payId from data.data.uuid', async () => {
    const result = await answerWith('scan2pay-status-paid', (g) => g.scan2payStatus('77777'));
    expect(result).toMatchObject({
      ok: true,
      value: { paid: true, scan2payId: '1c9389de-c41c-4148-8b46-5d666caffd89', orderId: '77777' },
    });
  });

  it('scan2pay status 105 → not paid yet, as a value', async () => {
    const result = await answerWith('scan2pay-status-not-paid', (g) => g.scan2payStatus('77777'));
    expect(result).toEqual({ ok: true, value: { paid: false, raw: fixture('scan2pay-status-not-paid') } });
  });

  it('order/create answer → Receipt with receipt_count as a string', async () => {
    const result = await answerWith('order-create-success', (g) => g.orderCreate(receipt));
    expect(result).toMatchObject({
      ok: true,
      value: {
        terminalId: 'UZ170703100189',
        receiptCount: '643',
        dateTime: '20200518221403',
        fiscalSign: '248429044289',
        qrUrl: 'https://ofd.soliq.uz/check?t=UZ170703100189&r=643&c=20200518221403&s=248429044289',
      },
    });
  });

  it('order/create billing error → rejected 104', async () => {
    const result = await answerWith('order-create-billing-error', (g) => g.orderCreate(receipt));
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', code: '104' } });
  });


  it('info → terminal id and time', async () => {
    const result = await answerWith('info-success', (g) => g.info());
    expect(result).toMatchObject({ ok: true, value: { terminalId: 'UZ170703100189', currentTime: '2024-06-11 17:39:54' } });
  });
});

describe('answers that are not what the call promises', () => {
  const body = (data: unknown, isSuccess = true): string => JSON.stringify({ data, error: null, is_success: isSuccess });

  it('a wallet answer with is_success true but status "error" is rejected with its provider code', async () => {
    const { gateway } = gatewayAnswering(() =>
      textResponse(body({ status: 'error', status_code: -5017, message: 'Insufficient funds', payment_id: null })),
    );
    const result = await gateway.walletPay('click', tiyin(500), 'code');
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', providerCode: '-5017' } });
  });

  it('an unclear wallet status is invalid, not success', async () => {
    const { gateway } = gatewayAnswering(() => textResponse(body({ status: 'pending', payment_id: 'x' })));
    expect(await gateway.walletPay('payme', tiyin(500), 'code')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('uzum SUCCESS without error_code "0" is invalid', async () => {
    const { gateway } = gatewayAnswering(() =>
      textResponse(body({ payment_id: 'x', payment_status: 'SUCCESS', error_code: '12' })),
    );
    expect(await gateway.walletPay('uzum', tiyin(500), 'code')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('a success without payment_id is invalid', async () => {
    const { gateway } = gatewayAnswering(() => textResponse(body({ status: 'successfully', payment_id: null })));
    expect(await gateway.walletPay('click', tiyin(500), 'code')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('is_success true with an error object set is invalid', async () => {
    const { gateway } = gatewayAnswering(() =>
      textResponse(JSON.stringify({ data: { status: 'successfully', payment_id: 'x' }, error: { code: 106 }, is_success: true })),
    );
    expect(await gateway.walletPay('click', tiyin(500), 'code')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('a pinpad success whose slip says declined (116) is rejected, slip kept', async () => {
    const slip = 'Оплата\nОТКАЗ\nКод ответа:116\nRRN:408005356148\n';
    const { gateway } = gatewayAnswering(() => textResponse(body({ message: slip, ppt_id: '408005356148' })));
    const result = await gateway.humoPay(tiyin(1000));
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', code: '108', providerCode: '116', slip } });
  });

  it('a pinpad success whose slip shows a device problem is invalid (staff look at it)', async () => {
    const { gateway } = gatewayAnswering(() => textResponse(body({ message: 'Resp Code: 998', ppt_id: '1' })));
    expect(await gateway.uzcardPay(tiyin(1000))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('a pinpad payment without ppt_id is invalid', async () => {
    const { gateway } = gatewayAnswering(() => textResponse(body({ message: 'Resp Code: 000', ppt_id: null })));
    expect(await gateway.uzcardPay(tiyin(1000))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('scan2pay create with a non-http URL is invalid', async () => {
    const { gateway } = gatewayAnswering(() => textResponse(body({ status: 'successfully', message: 'javascript:alert(1)' })));
    expect(await gateway.scan2payCreate(tiyin(500), '1', false)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('scan2pay status 403 is also "not paid yet"; other codes stay rejected', async () => {
    const answer = (code: number) =>
      gatewayAnswering(() => textResponse(JSON.stringify({ data: null, error: { code, message: 'x', data: null }, is_success: false })));
    expect(await answer(403).gateway.scan2payStatus('1')).toMatchObject({ ok: true, value: { paid: false } });
    expect(await answer(104).gateway.scan2payStatus('1')).toMatchObject({ ok: false, error: { kind: 'rejected', code: '104' } });
  });

  it('scan2pay status for another order is invalid', async () => {
    const { gateway } = gatewayAnswering(() => textResponse(fixture('scan2pay-status-paid')));
    expect(await gateway.scan2payStatus('12345')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('a receipt whose qr_url is not http(s) is invalid', async () => {
    const { gateway } = gatewayAnswering(() =>
      textResponse(fixture('order-create-success').replace('https://ofd.soliq.uz', 'data:text/html,')),
    );
    expect(await gateway.orderCreate(receipt)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('code 7 whose message is not JSON has fieldErrors null', async () => {
    const { gateway } = gatewayAnswering(() =>
      textResponse(JSON.stringify({ data: null, error: { code: 7, message: 'bad', data: null }, is_success: false })),
    );
    expect(await gateway.info()).toMatchObject({ ok: false, error: { kind: 'rejected', code: '7', fieldErrors: null } });
  });

  it('is_success missing is invalid', async () => {
    const { gateway } = gatewayAnswering(() => textResponse('{"data":{"status":"successfully","payment_id":"1"}}'));
    expect(await gateway.walletPay('click', tiyin(500), 'c')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });
});

describe('transport faults', () => {
  it('a call that never answers times out → unknown/timeout', async () => {
    const { gateway } = gatewayAnswering(() => 'never');
    const result = await gateway.walletPay('click', tiyin(500), 'c', { timeoutMs: 5 });
    expect(result).toEqual({ ok: false, error: { kind: 'unknown', reason: 'timeout', status: null, raw: '' } });
    expect(gateway.trace().at(-1)?.outcome).toBe('unknown');
  });

  it('a fetch rejection → unknown/network', async () => {
    const { gateway } = gatewayAnswering(() => new Error('ECONNREFUSED'));
    expect(await gateway.humoPay(tiyin(1000))).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'network' } });
  });

  it('the caller aborting → unknown/aborted', async () => {
    const controller = new AbortController();
    const { gateway } = gatewayAnswering(() => {
      controller.abort();
      return 'never';
    });
    const result = await gateway.scan2payStatus('1', { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'aborted' } });
  });

  it('an already aborted signal sends nothing', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse(fixture('info-success')));
    const result = await gateway.info({ signal: AbortSignal.abort() });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'aborted' } });
    expect(requests).toHaveLength(0);
  });

  it('HTTP 500 → unknown/server, raw kept', async () => {
    const { gateway } = gatewayAnswering(() => textResponse('Internal Server Error', 500, 'text/plain'));
    expect(await gateway.walletPay('uzum', tiyin(500), 'c')).toEqual({
      ok: false,
      error: { kind: 'unknown', reason: 'server', status: 500, raw: 'Internal Server Error' },
    });
  });

  it('HTTP 404 → http', async () => {
    const { gateway } = gatewayAnswering(() => textResponse('Not Found', 404, 'text/plain'));
    expect(await gateway.info()).toEqual({ ok: false, error: { kind: 'http', status: 404, raw: 'Not Found' } });
  });

  it('an HTML page with 200 → unknown/unreadable, raw kept', async () => {
    const html = '<!doctype html><html><body>502 Bad Gateway</body></html>';
    const { gateway } = gatewayAnswering(() => textResponse(html, 200, 'text/html'));
    expect(await gateway.walletPay('click', tiyin(500), 'c')).toEqual({
      ok: false,
      error: { kind: 'unknown', reason: 'unreadable', status: 200, raw: html },
    });
  });

  it('truncated JSON → unknown/unreadable', async () => {
    const text = fixture('click-pay-success').slice(0, 200);
    const { gateway } = gatewayAnswering(() => textResponse(text));
    expect(await gateway.walletPay('click', tiyin(500), 'c')).toEqual({
      ok: false,
      error: { kind: 'unknown', reason: 'unreadable', status: 200, raw: text },
    });
  });

  it('a truncated pinpad answer is not salvaged', async () => {
    const text = fixture('uzcard-return-success').replace(/\n}\n$/, '');
    const { gateway } = gatewayAnswering(() => textResponse(text));
    expect(await gateway.uzcardReturn('1', tiyin(100))).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'unreadable' } });
  });

  it('a Kotlin tail saying isSuccess=false is not salvaged as anything but unknown', async () => {
    const text = fixture('uzcard-return-success').replace('isSuccess=true', 'isSuccess=false');
    const { gateway } = gatewayAnswering(() => textResponse(text));
    expect(await gateway.uzcardReturn('1', tiyin(100))).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'unreadable' } });
  });
});

describe('wire format', () => {
  it('POSTs JSON with Content-Type to base + path without doubled slashes', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse(fixture('click-pay-success')), {
      baseUrl: 'http://127.0.0.1:8080/',
    });
    await gateway.walletPay('click', tiyin(500), '880101698207133392');
    expect(requests[0]).toMatchObject({
      url: 'http://127.0.0.1:8080/payment/click',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"amount":500,"qr_code":"880101698207133392"}',
    });
  });

  it('works with a same-origin base', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse(fixture('info-success')), { baseUrl: '/gateway' });
    await gateway.info();
    await gateway.orderLast();
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', '/gateway/info/'],
      ['GET', '/gateway/order/last/'],
    ]);
  });

  it('converts wallet and Scan2pay amounts to the configured unit; pinpads are always tiyin', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse('{}'), {
      amountUnits: { click: 'sum', payme: 'tiyin', uzum: 'sum', anor: 'tiyin', scan2pay: 'sum' },
    });
    await gateway.walletPay('click', tiyin(1_250_000), 'a');
    await gateway.walletPay('payme', tiyin(1_250_000), 'a');
    await gateway.walletPay('uzum', tiyin(1_250_000), 'a');
    await gateway.scan2payCreate(tiyin(1_250_000), '77', true);
    await gateway.humoPay(tiyin(1_250_000));
    expect(requests.map((r) => r.body)).toEqual([
      '{"amount":12500,"qr_code":"a"}',
      '{"amount":1250000,"qr_code":"a"}',
      '{"amount":12500,"qr_code":"a"}',
      '{"amount":12500,"order_id":77,"print":true}',
      '{"amount":1250000}',
    ]);
  });

  it('sends Scan2pay create\'s order_id as an integer (payment.md), refusing one that would not survive as one', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse('{}'));
    await gateway.scan2payCreate(tiyin(500), '1795000000000123', false);
    expect(requests.map((r) => r.body)).toEqual(['{"amount":500,"order_id":1795000000000123,"print":false}']);
    expect(await gateway.scan2payCreate(tiyin(500), '0077', false)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await gateway.scan2payCreate(tiyin(500), '99999999999999999', false)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(requests).toHaveLength(1);
    await gateway.scan2payStatus('1795000000000123');
    expect(requests[1]?.body).toBe('{"order_id":"1795000000000123"}');
  });

  it('sends a scanned code exactly as given', async () => {
    const code = '7993:5061401:01KFDH:3sySIUxrog+hhtBwUXquxn97N5k=';
    const { gateway, requests } = gatewayAnswering(() => textResponse('{}'));
    await gateway.walletPay('uzum', tiyin(500), code);
    expect(JSON.parse(requests[0]?.body ?? '{}')).toEqual({ amount: 500, qr_code: code });
  });

  it('sends cancel and return request ids as JSON strings, leading zeros kept', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse('{}'));
    await gateway.humoCancel('0650', tiyin(30000));
    await gateway.uzcardReturn('010965270742', tiyin(30000));
    expect(requests.map((r) => [r.url, r.body])).toEqual([
      ['http://127.0.0.1:8080/payment/xumo', '{"request_id":"0650","amount":30000,"is_return":true}'],
      ['http://127.0.0.1:8080/payment/uzcard', '{"request_id":"010965270742","amount":30000,"is_return":true}'],
    ]);
  });

  it('uses GET for the reconciliation calls', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse(fixture('humo-close-success')));
    await gateway.humoClose();
    await gateway.uzcardClose();
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['GET', 'http://127.0.0.1:8080/payment/xumo_close', null],
      ['GET', 'http://127.0.0.1:8080/payment/uzcard_close', null],
    ]);
  });

  it('confirms Anor by transaction_id and the others by payment_id', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse('{}'));
    await gateway.walletConfirm('anor', { paymentId: '658', transactionId: '05a447d7' }, qrUrl);
    await gateway.walletConfirm('payme', { paymentId: '63b5282a', transactionId: null }, qrUrl);
    expect(requests.map((r) => [r.url, JSON.parse(r.body ?? '{}')])).toEqual([
      ['http://127.0.0.1:8080/payment/anor_confirm', { transaction_id: '05a447d7', qr_code: qrUrl }],
      ['http://127.0.0.1:8080/payment/payme_confirm', { payment_id: '63b5282a', qr_code: qrUrl }],
    ]);
  });

  it('refuses an Anor confirm without a transaction id, sending nothing', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse('{}'));
    const result = await gateway.walletConfirm('anor', walletPayment, qrUrl);
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(requests).toHaveLength(0);
  });

  it('builds the receipt body with the wallet EPS code, phone and payment id', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse(fixture('order-create-success')));
    await gateway.orderCreate(receipt);
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/order/create/');
    expect(JSON.parse(requests[0]?.body ?? '{}')).toEqual({
      receipt_type: 'order',
      products: [
        {
          name: 'Somsa',
          barcode: '4780000000017',
          amount: 2000,
          unit_name: 'dona',
          product_price: 1250000,
          price: 2500000,
          vat: 267857,
          vat_percent: 12,
          discount: 0,
          discount_percent: 0,
          other: 0,
          class_code: '10899001001000000',
          package_code: '1519123',
          owner_type: 1,
        },
      ],
      uuid: 'att-0001-7f3a',
      time: '2024-06-11 17:39:54',
      cashier: 'Kiosk 1',
      received_cash: 0,
      received_card: 2500000,
      change: 0,
      card_type: 2,
      extra_info: { phone_number: '998946532140', qr_payment_id: '644113a290a5eba4298f05d5', qr_payment_provider: 64 },
    });
  });

  it.each([
    ['payme', 141],
    ['uzum', 161],
    ['anor', 187],
  ] as const)('uses EPS code %s → %i', async (method, eps) => {
    const { gateway, requests } = gatewayAnswering(() => textResponse(fixture('order-create-success')));
    await gateway.orderCreate({ ...receipt, payment: { method, phone: null, paymentId: '658' } });
    expect(JSON.parse(requests[0]?.body ?? '{}').extra_info).toEqual({
      phone_number: null,
      qr_payment_id: '658',
      qr_payment_provider: eps,
    });
  });

  it('puts ppt_id on a pinpad receipt and scan2pay_paid + scan2pay_id on a Scan2pay receipt', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse(fixture('order-create-success')));
    await gateway.orderCreate({ ...receipt, payment: { method: 'uzcard', rrn: '010965628751' } });
    await gateway.orderCreate({ ...receipt, payment: { method: 'scan2pay', scan2payId: '1c9389de' } });
    const [pinpad, scan2pay] = requests.map((r) => JSON.parse(r.body ?? '{}') as Record<string, unknown>);
    expect(pinpad).toMatchObject({ ppt_id: '010965628751' });
    expect(pinpad).not.toHaveProperty('extra_info');
    expect(scan2pay).toMatchObject({ scan2pay_paid: true, extra_info: { scan2pay_id: '1c9389de' } });
    expect(scan2pay).not.toHaveProperty('ppt_id');
  });

  it('refuses charges above maxAmount or not whole in the unit, sending nothing', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse('{}'), {
      maxAmount: tiyin(1_000_000),
      amountUnits: { click: 'sum', payme: 'tiyin', uzum: 'tiyin', anor: 'tiyin', scan2pay: 'sum' },
    });
    const results = [
      await gateway.walletPay('payme', tiyin(1_000_001), 'c'),
      await gateway.walletPay('click', tiyin(12_345), 'c'),
      await gateway.humoPay(tiyin(1_000_001)),
      await gateway.uzcardPay(tiyin(5_000_000)),
      await gateway.scan2payCreate(tiyin(150), '1', false),
      await gateway.scan2payCreate(tiyin(2_000_000), '1', false),
      await gateway.walletPay('payme', 12.5 as never, 'c'),
      await gateway.walletPay('payme', tiyin(0), 'c'),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(requests).toHaveLength(0);
    // At the limit is allowed.
    await gateway.walletPay('payme', tiyin(1_000_000), 'c');
    expect(requests).toHaveLength(1);
  });

  it('refuses a Scan2pay order id that is not digits only', async () => {
    const { gateway, requests } = gatewayAnswering(() => textResponse('{}'));
    expect(await gateway.scan2payCreate(tiyin(500), 'A-1', false)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(requests).toHaveLength(0);
  });
});

describe('timeouts per call kind', () => {
  it('a wallet charge uses walletMs unless the call overrides it', async () => {
    const { gateway } = gatewayAnswering(() => 'never', {
      timeouts: { walletMs: 5, pinpadMs: 60_000, receiptMs: 60_000, defaultMs: 60_000 },
    });
    expect(await gateway.walletPay('click', tiyin(1), 'c')).toMatchObject({ ok: false, error: { reason: 'timeout' } });
  });

  it('order/create uses receiptMs', async () => {
    const { gateway } = gatewayAnswering(() => 'never', {
      timeouts: { walletMs: 60_000, pinpadMs: 60_000, receiptMs: 5, defaultMs: 60_000 },
    });
    expect(await gateway.orderCreate(receipt)).toMatchObject({ ok: false, error: { reason: 'timeout' } });
  });

  it('pinpad calls use pinpadMs', async () => {
    const { gateway } = gatewayAnswering(() => 'never', {
      timeouts: { walletMs: 60_000, pinpadMs: 5, receiptMs: 60_000, defaultMs: 60_000 },
    });
    expect(await gateway.humoPay(tiyin(1))).toMatchObject({ ok: false, error: { reason: 'timeout' } });
  });
});

describe('trace', () => {
  it('records request, status, response and the interpreted outcome', async () => {
    const { gateway } = gatewayAnswering(() => textResponse(fixture('click-pay-billing-error')));
    await gateway.walletPay('click', tiyin(500), 'c');
    const [entry] = gateway.trace();
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/payment/click',
      requestBody: '{"amount":500,"qr_code":"c"}',
      status: 200,
      responseText: fixture('click-pay-billing-error'),
      outcome: 'rejected',
    });
    expect(entry?.ms).toBeGreaterThanOrEqual(0);
  });

  it('keeps the newest N calls, oldest first', async () => {
    const { gateway } = gatewayAnswering(() => textResponse(fixture('info-success')), { traceSize: 3 });
    for (let i = 1; i <= 5; i += 1) await gateway.scan2payStatus(String(i));
    expect(gateway.trace().map((e) => e.requestBody)).toEqual([
      '{"order_id":"3"}',
      '{"order_id":"4"}',
      '{"order_id":"5"}',
    ]);
  });

  it('truncates long responses in the trace but keeps the whole raw text in the result', async () => {
    const long = `{"data":null,"error":{"code":104,"message":"${'x'.repeat(20_000)}","data":null},"is_success":false}`;
    const { gateway } = gatewayAnswering(() => textResponse(long));
    const result = await gateway.info();
    expect(result.ok ? '' : result.error.kind === 'refused' ? '' : result.error.raw).toBe(long);
    expect(gateway.trace()[0]?.responseText?.length).toBeLessThan(9_000);
  });
});
