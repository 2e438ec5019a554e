/**
 * Every example body in the vendor's docs (tests/fixtures/vendor, extracted verbatim by
 * scripts/extract-vendor-fixtures.ts) has a test here: the bodies of calls the kiosk makes are read by the
 * kiosk's own reader with the expected outcome; every other body is listed with the reason the kiosk does not
 * read it, so a new example in the docs fails this file until someone decides what it means.
 */
import { describe, expect, it } from 'vitest';
import { chargeFailureOutcome } from '../machines/method-errors.ts';
import { tiyin } from '../money/money.ts';
import { fakeFetch, gatewayAnswering, testOptions, textResponse } from '../testing/fake-fetch.ts';
import { teaLine } from '../testing/journal.ts';
import { vendorBodies as bodies, vendorManifest as manifest, type VendorExample as Entry } from '../testing/fixtures.ts';
import type { Gateway, ReceiptRequest, Result } from './types.ts';
import { createUzqrCalls, type UzqrCalls } from './uzqr-calls.ts';

type Call = (g: Gateway) => Promise<Result<unknown>>;
const receipt: ReceiptRequest = {
  uuid: 'att-1',
  time: '2024-06-11 17:40:00',
  cashier: 'Kiosk',
  total: tiyin(1_000_000),
  lines: [teaLine],
  payment: { method: 'humo', rrn: '1' },
};
const calls = {
  click: (g) => g.walletPay('click', tiyin(500), 'c'),
  clickConfirm: (g) => g.walletConfirm('click', { paymentId: '1', transactionId: null }, 'https://ofd.soliq.uz/check'),
  payme: (g) => g.walletPay('payme', tiyin(500), 'c'),
  paymeConfirm: (g) => g.walletConfirm('payme', { paymentId: '1', transactionId: null }, 'https://ofd.soliq.uz/check'),
  uzum: (g) => g.walletPay('uzum', tiyin(500), 'c'),
  uzumConfirm: (g) => g.walletConfirm('uzum', { paymentId: '1', transactionId: null }, 'https://ofd.soliq.uz/check'),
  anor: (g) => g.walletPay('anor', tiyin(500), 'c'),
  anorConfirm: (g) => g.walletConfirm('anor', { paymentId: '1', transactionId: 't' }, 'https://ofd.soliq.uz/check'),
  humoPay: (g) => g.humoPay(tiyin(1000)),
  humoCancel: (g) => g.humoCancel('14', tiyin(1000)),
  humoClose: (g) => g.humoClose(),
  uzcardPay: (g) => g.uzcardPay(tiyin(1000)),
  uzcardReturn: (g) => g.uzcardReturn('010968002727', tiyin(1000)),
  uzcardClose: (g) => g.uzcardClose(),
  scan2payCreate: (g) => g.scan2payCreate(tiyin(500), '77777', false),
  scan2payStatus: (g) => g.scan2payStatus('77777'),
  orderCreate: (g) => g.orderCreate(receipt),
  orderLast: (g) => g.orderLast(),
} satisfies Record<string, Call>;

type UzqrCall = (u: UzqrCalls) => Promise<Result<unknown>>;
const ofdUrl = 'https://ofd.soliq.uz/check?t=LG420230601161&r=92927&c=20260617102213&s=117733149112';
const uzqrCalls = {
  uzqrCreate: (u) => u.create({ externalId: 'EXT001', amount: tiyin(10_000) }),
  uzqrStatus: (u) => u.status('INVC134B7FEFED34BC3B470B8'),
  uzqrReceipt: (u) => u.sendReceipt({ payId: 'PAY12345678901234567', receiptUrl: ofdUrl }),
  uzqrCancel: (u) => u.cancel('INV8D1EBF7CDCBA44E7BF90D3'),
  uzqrRefund: (u) => u.refund({ payId: 'PAY123456', amount: tiyin(100) }),
  uzqrRefundStatus: (u) => u.refundStatus('REFF5149C4B458F4D7FB'),
} satisfies Record<string, UzqrCall>;

const okWith = (value: Record<string, unknown> = {}) => ({ ok: true, value: expect.objectContaining(value) });
const rejected = (code: string) => ({ ok: false, error: expect.objectContaining({ kind: 'rejected', code }) });

/** What the kiosk reads from each response body of a call it makes. */
const read: Record<string, [keyof typeof calls | keyof typeof uzqrCalls, unknown]> = {
  'click-pass/04': ['click', okWith({ provider: 'click', paymentId: '644113a290a5eba4298f05d5', phone: '998946532140' })],
  'click-pass/05': ['click', rejected('104')],
  'click-pass/08': ['clickConfirm', okWith({ provider: 'click' })],
  'click-pass/09': ['clickConfirm', rejected('7')],
  'payme-go/04': ['payme', okWith({ provider: 'payme', paymentId: '644113a290a5eba4298f05d5' })],
  'payme-go/05': ['payme', rejected('104')],
  'payme-go/08': ['paymeConfirm', okWith({ provider: 'payme' })],
  'payme-go/09': ['paymeConfirm', rejected('7')],
  'uzum-fast-pay/04': ['uzum', okWith({ provider: 'uzum', paymentId: 'bb75f609-6d97-4b45-9ed3-80e5fcd19ef1' })],
  'uzum-fast-pay/05': ['uzum', rejected('104')],
  'uzum-fast-pay/08': ['uzumConfirm', okWith({ provider: 'uzum' })],
  'anor-bank/03': ['anor', okWith({ provider: 'anor', paymentId: '658', transactionId: '05a447d7-ad64-4b95-931e-951b624b6534' })],
  'anor-bank/04': ['anor', rejected('104')],
  'anor-bank/07': ['anorConfirm', okWith({ provider: 'anor' })],
  'anor-bank/08': ['anorConfirm', rejected('7')],
  'humo/03': ['humoPay', okWith({ provider: 'humo', rrn: '408005356147' })],
  // 400 is not in errors.md; the vendor prints it on its cancel example beside "ОПЕРАЦИЯ ОТМЕНЕНА": a done cancel.
  'humo/06': ['humoCancel', okWith({ provider: 'humo', rrn: '416311639412' })],
  'humo/07': ['humoClose', okWith({ provider: 'humo', rrn: null })],
  'uzcard/03': ['uzcardPay', okWith({ provider: 'uzcard' })],
  'uzcard/06': ['uzcardReturn', okWith({ provider: 'uzcard' })],
  'uzcard/07': ['uzcardClose', okWith({ provider: 'uzcard' })],
  'scan2pay-by-fiscalbox/03': ['scan2payCreate', okWith({ paymentUrl: 'http://scan2pay.uz/7c545c1e-9a57-4a2f-80dc-b7686023ec04' })],
  'scan2pay-by-fiscalbox/06': [
    'scan2payStatus',
    okWith({ paid: true, scan2payId: '1c9389de-c41c-4148-8b46-5d666caffd89', orderId: '77777' }),
  ],
  // 105 on a status poll is "not paid yet" (errors.md: BILLING_ERROR; the doc's own heading says so).
  'scan2pay-by-fiscalbox/07': ['scan2payStatus', okWith({ paid: false })],
  'uzqr/03': ['uzqrCreate', okWith({ invoiceId: 'INVC134B7FEFED34BC3B470B8', qrText: '00020101021240350012qr-online.uz0109987650001...' })],
  'uzqr/04': ['uzqrCreate', rejected('104')],
  'uzqr/05': ['uzqrCreate', rejected('1001')],
  'uzqr/07': [
    'uzqrStatus',
    okWith({ status: 'paid', payId: 'PAY12345678901234567', payerPhone: '+998901234567', cardType: '2', maskedCard: '8600********1234' }),
  ],
  'uzqr/08': ['uzqrStatus', okWith({ status: 'in_progress', payId: null })],
  // Declined comes with is_success false and error null (uzqr-calls.ts reads it): a decline, not a broken answer.
  'uzqr/09': ['uzqrStatus', okWith({ status: 'declined', payId: null })],
  // 3001 on a status: the invoice is gone, the machine reads it as expired.
  'uzqr/10': ['uzqrStatus', rejected('3001')],
  'uzqr/12': ['uzqrReceipt', okWith()],
  'uzqr/13': ['uzqrReceipt', rejected('4001')],
  'uzqr/14': ['uzqrReceipt', rejected('105')],
  'uzqr/16': ['uzqrCancel', okWith()],
  'uzqr/17': ['uzqrCancel', rejected('3001')],
  // The refund call's status 1 ("success") is the accepted request; the refund itself is asynchronous.
  'uzqr/19': ['uzqrRefund', okWith({ refundId: 'REFF5149C4B458F4D7FB', status: 'pending' })],
  'uzqr/20': ['uzqrRefund', rejected('4001')],
  'uzqr/22': ['uzqrRefundStatus', okWith({ refundId: 'REFF5149C4B458F4D7FB', status: 'refunded' })],
  'uzqr/23': ['uzqrRefundStatus', okWith({ refundId: 'REFF5149C4B458F4D7FB', status: 'pending' })],
  'uzqr/24': ['uzqrRefundStatus', okWith({ refundId: 'REFF5149C4B458F4D7FB', status: 'failed' })],
  'uzqr/25': ['uzqrRefundStatus', rejected('9001')],
  'order/04': ['orderCreate', okWith({ terminalId: 'UZ170703100189', receiptCount: '643', fiscalSign: '248429044289' })],
  'order/05': ['orderCreate', rejected('101')],
  'order/15': [
    'orderLast',
    okWith({
      found: true,
      uuid: null,
      qrUrl: 'https://ofd.soliq.uz/check?t=LG230110007813&r=2478&c=20260415104006&s=322032313241',
      time: '2026-04-15 10:40:06',
      total: '4500000000',
      lines: [
        { classCode: '11199008003000001', amount: '200', price: '2500000000' },
        { classCode: '11199008003000001', amount: '200', price: '2000000000' },
      ],
      isRefund: false,
      terminalId: 'LG230110007813',
      receiptSeq: '2478',
      fiscalSign: '322032313241',
    }),
  ],
};

/** payment.md repeats the provider docs' examples byte for byte (checked below); the same reading applies. */
const paymentMirror: Record<string, string> = {
  'payment/04': 'click-pass/04', 'payment/05': 'click-pass/05', 'payment/08': 'click-pass/08', 'payment/09': 'click-pass/09',
  'payment/13': 'payme-go/04', 'payment/14': 'payme-go/05', 'payment/17': 'payme-go/08', 'payment/18': 'payme-go/09',
  'payment/22': 'uzum-fast-pay/04', 'payment/23': 'uzum-fast-pay/05', 'payment/26': 'uzum-fast-pay/08',
  'payment/29': 'anor-bank/03', 'payment/30': 'anor-bank/04', 'payment/33': 'anor-bank/07', 'payment/34': 'anor-bank/08',
  'payment/37': 'humo/03', 'payment/40': 'humo/06', 'payment/41': 'humo/07',
  'payment/44': 'uzcard/03', 'payment/47': 'uzcard/06', 'payment/48': 'uzcard/07',
  'payment/51': 'scan2pay-by-fiscalbox/03', 'payment/54': 'scan2pay-by-fiscalbox/06', 'payment/55': 'scan2pay-by-fiscalbox/07',
};

/** Bodies the kiosk's readers do not read here, and why. */
function notRead(entry: Entry, body: string): string | null {
  if (entry.kind === 'request') return 'a request: the kiosk builds its own bodies (receipt-body.ts, gateway.test.ts)';
  if (/:\s*\[[^\]\n]*\]/.test(body) && /\[[A-Za-z*][^\]\n]*\]/.test(body)) return 'a template with [placeholders], not a body';
  const reasons: Record<string, string> = {
    billing: 'the vendor’s billing cloud API: the kiosk does not call it',
    'okm-validation-api': 'marked goods validation: issue 14',
    tools: 'vendor tools: not called by the kiosk',
    banners: '/print/banner: the fiscal lifecycle calls (issue 13)',
    'z-report-and-x-report': '/zreport/*: the fiscal lifecycle calls (issue 13)',
    info: '/info/ full reader: the fiscal lifecycle calls (issue 13)',
  };
  if (reasons[entry.doc]) return reasons[entry.doc] ?? null;
  if (/^order\/(0[89]|1[0-4])-/.test(entry.file)) return '/order/refuse/ and /order/print/: the fiscal lifecycle calls (issue 13)';
  if (entry.file === 'order/03-order-create-response.txt') return 'a template with [placeholders], not a body';
  return null;
}

const keyOf = (file: string) => file.replace(/^([^/]+\/\d\d)-.*$/, '$1');

describe('vendor example bodies, verbatim', () => {
  it.each(manifest.map((entry) => [entry.file, entry] as const))('%s', async (_file, entry) => {
    const body = bodies[entry.file];
    expect(body, 'fixture file').toBeDefined();
    const key = keyOf(entry.file);
    const mirror = paymentMirror[key];
    if (mirror) {
      const original = Object.keys(bodies).find((f) => keyOf(f) === mirror);
      expect(body).toBe(bodies[original ?? '']);
    }
    const expectation = read[mirror ?? key];
    if (!expectation) {
      expect(notRead(entry, body ?? ''), `${entry.file} is neither read nor explained`).not.toBeNull();
      return;
    }
    const [call, expected] = expectation;
    if (call in uzqrCalls) {
      const { fetch } = fakeFetch(() => textResponse(body ?? ''));
      const uzqr = createUzqrCalls({ ...testOptions, fetch });
      expect(await uzqrCalls[call as keyof typeof uzqrCalls](uzqr)).toMatchObject(expected as object);
      return;
    }
    const { gateway } = gatewayAnswering(() => textResponse(body ?? ''));
    expect(await calls[call as keyof typeof calls](gateway)).toMatchObject(expected as object);
  });
});

describe('readers on vendor wording the examples do not show', () => {
  it('an unknown pinpad response code on is_success: true ends at staff (unknown outcome), never paid', async () => {
    const slip = 'PAX A35 Uzcard POS v1.5.0\\nOperation: Оплата\\nInvoice: 475\\nResp Code: 777\\nRRN: 010965628752\\n';
    for (const body of [
      `{"data":{"message":"${slip}","ppt_id":"010965628752"},"error":null,"is_success":true}`,
      // The vendor's own cancel code 400, on a payment.
      `{"data":{"message":"Оплата\\nОДОБРЕНО\\nКод ответа:400\\nRRN:408005356147","ppt_id":"408005356147"},"error":null,"is_success":true}`,
    ]) {
      const { gateway } = gatewayAnswering(() => textResponse(body));
      for (const result of [await gateway.uzcardPay(tiyin(1000)), await gateway.humoPay(tiyin(1000))]) {
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(chargeFailureOutcome(result.error, 'pinpad')).toMatchObject({ outcome: 'unknown', messageKey: 'payment.unknown' });
      }
    }
  });

  it('Payme "success" (payment.md\'s template: status success,error) is a payment', async () => {
    const { gateway } = gatewayAnswering(() =>
      textResponse('{"data":{"status":"success","payment_id":"644113a2","transaction_id":"t","amount":1},"error":null,"is_success":true}'),
    );
    expect(await gateway.walletPay('payme', tiyin(500), 'c')).toMatchObject({ ok: true, value: { paymentId: '644113a2' } });
  });

  it('an Uzum confirm whose payment_status is not SUCCESS is not a confirm', async () => {
    const { gateway } = gatewayAnswering(() =>
      textResponse('{"data":{"payment_id":"p","payment_status":"FAILED","error_code":"4017","error_message":"x"},"error":null,"is_success":true}'),
    );
    expect(await gateway.walletConfirm('uzum', { paymentId: 'p', transactionId: null }, 'https://ofd.soliq.uz/check')).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
  });

  it('an /order/last/ answer without the order (a shape the vendor does not document) is not "no receipt"', async () => {
    const { gateway } = gatewayAnswering(() => textResponse('{"data":{"uuid":"att-1","qr_url":"https://ofd.soliq.uz/x"},"error":null,"is_success":true}'));
    expect(await gateway.orderLast()).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('an /order/last/ with data null (no receipt yet) reads as none, wrapped or flat', async () => {
    for (const text of ['{"result":{"data":null,"error":null,"is_success":true}}', '{"data":null,"error":null,"is_success":true}']) {
      const { gateway } = gatewayAnswering(() => textResponse(text));
      expect(await gateway.orderLast()).toMatchObject({ ok: true, value: { found: false } });
    }
  });
});
