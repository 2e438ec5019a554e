import { describe, expect, it } from 'vitest';
import { tiyin } from '../money/money.ts';
import { fakeFetch, textResponse, type FakeAnswer, type RecordedRequest } from '../testing/fake-fetch.ts';
import { TraceBuffer } from './http-core.ts';
import { createUzqrCalls, defaultUzqrStatusTimeoutMs, isUzqrNotFound, type UzqrCalls, type UzqrCallsOptions } from './uzqr-calls.ts';

const vendor = import.meta.glob('/tests/fixtures/vendor/uzqr/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
/** A uzqr.md example body by its number (`07` → the paid status), verbatim. */
function example(number: string): string {
  const path = Object.keys(vendor).find((p) => p.includes(`/uzqr/${number}-`));
  if (!path) throw new Error(`no uzqr example ${number}`);
  return vendor[path] ?? '';
}

const options: UzqrCallsOptions = {
  baseUrl: 'http://127.0.0.1:8080',
  maxAmount: tiyin(5_000_000_000),
  timeouts: { defaultMs: 2_000, receiptMs: 2_000 },
};

function uzqrAnswering(
  answer: (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>,
  overrides: Partial<UzqrCallsOptions> = {},
): { uzqr: UzqrCalls; requests: RecordedRequest[]; trace: TraceBuffer } {
  const fake = fakeFetch(answer);
  const trace = new TraceBuffer();
  return { uzqr: createUzqrCalls({ ...options, ...overrides, fetch: fake.fetch, trace }), requests: fake.requests, trace };
}

const answering = (text: string) => uzqrAnswering(() => textResponse(text));

describe('create', () => {
  it('posts external_id and the amount as a so\'m string to /payment/one_qr/create (no trailing slash)', async () => {
    const { uzqr, requests } = answering(example('03'));
    const result = await uzqr.create({ externalId: 'att-1', amount: tiyin(800_001) });
    expect(result).toEqual({
      ok: true,
      value: { invoiceId: 'INVC134B7FEFED34BC3B470B8', qrText: '00020101021240350012qr-online.uz0109987650001...', raw: example('03') },
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/payment/one_qr/create');
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.body).toBe('{"external_id":"att-1","amount":"8000.01"}');
  });

  it.each([
    ['zero', { externalId: 'a', amount: 0 }],
    ['above maxAmount', { externalId: 'a', amount: 5_000_000_001 }],
    ['a fraction', { externalId: 'a', amount: 1.5 }],
    ['an empty external_id', { externalId: '', amount: 100 }],
    ['an external_id over 20 characters', { externalId: '123456789012345678901', amount: 100 }],
  ])('refuses %s without sending', async (_name, input) => {
    const { uzqr, requests } = answering(example('03'));
    const result = await uzqr.create(input as never);
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(requests).toHaveLength(0);
  });

  it('accepts an external_id of exactly 20 characters', async () => {
    const { uzqr } = answering(example('03'));
    expect((await uzqr.create({ externalId: '12345678901234567890', amount: tiyin(100) })).ok).toBe(true);
  });

  it('an answer without qr_text is invalid, a lost one unknown', async () => {
    expect(await answering('{"data":{"invoice_id":"I1","qr_text":""},"error":null,"is_success":true}').uzqr.create({ externalId: 'a', amount: tiyin(1) })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    const lost = uzqrAnswering(() => new Error('connection reset'));
    expect(await lost.uzqr.create({ externalId: 'a', amount: tiyin(1) })).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'network' } });
  });
});

describe('status (long poll)', () => {
  it('GETs /payment/one_qr/status?invoice_id=… and reads a payment with its payer details', async () => {
    const { uzqr, requests } = answering(example('07'));
    const result = await uzqr.status('INVC134B7FEFED34BC3B470B8');
    expect(result).toEqual({
      ok: true,
      value: {
        invoiceId: 'INVC134B7FEFED34BC3B470B8',
        status: 'paid',
        payId: 'PAY12345678901234567',
        payerPhone: '+998901234567',
        cardType: '2',
        maskedCard: '8600********1234',
        fiscalModule: '12345678901234',
        raw: example('07'),
      },
    });
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/payment/one_qr/status?invoice_id=INVC134B7FEFED34BC3B470B8');
  });

  it('encodes the invoice id in the query', async () => {
    const { uzqr, requests } = answering(example('08'));
    await uzqr.status('A&B C');
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/payment/one_qr/status?invoice_id=A%26B%20C');
  });

  it('in progress (the gateway\'s 2-minute limit) → in_progress', async () => {
    expect(await answering(example('08')).uzqr.status('INVC134B7FEFED34BC3B470B8')).toMatchObject({
      ok: true,
      value: { status: 'in_progress', payId: null },
    });
  });

  it('the declined example (is_success false, error null) → declined', async () => {
    expect(await answering(example('09')).uzqr.status('INVC134B7FEFED34BC3B470B8')).toMatchObject({
      ok: true,
      value: { status: 'declined', payId: null },
    });
  });

  it('3001 stays a rejected 3001 (the machine reads it as expired)', async () => {
    const result = await answering(example('10')).uzqr.status('INVC134B7FEFED34BC3B470B8');
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', code: '3001' } });
    expect(!result.ok && isUzqrNotFound(result.error)).toBe(true);
  });

  it.each([
    ['paid without pay_id', '{"data":{"invoice_id":"I1","status":2,"pay_id":null},"error":null,"is_success":true}'],
    ['an unknown status', '{"data":{"invoice_id":"I1","status":7},"error":null,"is_success":true}'],
    ['another invoice', '{"data":{"invoice_id":"I2","status":2,"pay_id":"P"},"error":null,"is_success":true}'],
    ['paid with is_success false and no error', '{"data":{"invoice_id":"I1","status":2,"pay_id":"P"},"error":null,"is_success":false}'],
    ['in progress with is_success false and no error', '{"data":{"invoice_id":"I1","status":1},"error":null,"is_success":false}'],
  ])('%s is invalid, never paid nor declined', async (_name, body) => {
    expect(await answering(body).uzqr.status('I1')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('an HTTP 502 or a body that is not JSON is unknown, never declined', async () => {
    for (const response of [textResponse('Bad Gateway', 502), textResponse('<html>oops</html>', 200, 'text/html')]) {
      const { uzqr } = uzqrAnswering(() => response);
      expect(await uzqr.status('I1')).toMatchObject({ ok: false, error: { kind: 'unknown' } });
    }
  });

  it('waits 150 s by default, not the other calls\' timeout', async () => {
    expect(defaultUzqrStatusTimeoutMs).toBeGreaterThanOrEqual(150_000);
    const { uzqr } = uzqrAnswering(() => 'never', { timeouts: { defaultMs: 50, receiptMs: 50 } });
    const controller = new AbortController();
    const pending = uzqr.status('I1', { signal: controller.signal });
    // Well past the other calls' timeout it is still waiting.
    const early = await Promise.race([pending.then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);
    expect(early).toBe('waiting');
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'aborted' } });
  });

  it('a configured status timeout that passes is unknown (timeout), not declined', async () => {
    const { uzqr, trace } = uzqrAnswering(() => 'never', { timeouts: { defaultMs: 2_000, receiptMs: 2_000, statusMs: 50 } });
    expect(await uzqr.status('I1')).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'timeout' } });
    expect(trace.entries()).toMatchObject([{ method: 'GET', path: '/payment/one_qr/status?invoice_id=I1', outcome: 'unknown' }]);
  });
});

describe('cancel', () => {
  it('posts invoice_id to /payment/one_qr/cancel; data {} is done', async () => {
    const { uzqr, requests } = answering(example('16'));
    expect(await uzqr.cancel('INV8D1EBF7CDCBA44E7BF90D3')).toEqual({ ok: true, value: { raw: example('16') } });
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/payment/one_qr/cancel');
    expect(requests[0]?.body).toBe('{"invoice_id":"INV8D1EBF7CDCBA44E7BF90D3"}');
  });

  it('3001 and 3002 come back rejected with their codes; a lost answer is unknown', async () => {
    expect(await answering(example('17')).uzqr.cancel('I1')).toMatchObject({ ok: false, error: { kind: 'rejected', code: '3001' } });
    const paid = '{"data":null,"error":{"code":3002,"message":"Инвойс уже оплачен","data":null},"is_success":false}';
    expect(await answering(paid).uzqr.cancel('I1')).toMatchObject({ ok: false, error: { kind: 'rejected', code: '3002' } });
    expect(await uzqrAnswering(() => new Error('reset')).uzqr.cancel('I1')).toMatchObject({ ok: false, error: { kind: 'unknown' } });
  });
});

describe('sendReceipt', () => {
  const url = 'https://ofd.soliq.uz/check?t=LG420230601161&r=92927&c=20260617102213&s=117733149112';

  it('posts pay_id and fiscal_receipt_url to /payment/one_qr/receipt', async () => {
    const { uzqr, requests } = answering(example('12'));
    expect(await uzqr.sendReceipt({ payId: 'PAY12345678901234567', receiptUrl: url })).toMatchObject({ ok: true });
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/payment/one_qr/receipt');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ pay_id: 'PAY12345678901234567', fiscal_receipt_url: url });
  });

  it('refuses an empty pay_id or a URL that is not http(s) without sending', async () => {
    const { uzqr, requests } = answering(example('12'));
    expect(await uzqr.sendReceipt({ payId: '', receiptUrl: url })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await uzqr.sendReceipt({ payId: 'P', receiptUrl: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(requests).toHaveLength(0);
  });

  it('4001 and 105 are rejected with their codes', async () => {
    expect(await answering(example('13')).uzqr.sendReceipt({ payId: 'P', receiptUrl: url })).toMatchObject({ ok: false, error: { code: '4001' } });
    expect(await answering(example('14')).uzqr.sendReceipt({ payId: 'P', receiptUrl: url })).toMatchObject({ ok: false, error: { code: '105' } });
  });
});

describe('refund', () => {
  it('posts pay_id and the amount as a so\'m string; the accepted refund is pending', async () => {
    const { uzqr, requests } = answering(example('19'));
    expect(await uzqr.refund({ payId: 'PAY123456', amount: tiyin(150_050) })).toEqual({
      ok: true,
      value: { refundId: 'REFF5149C4B458F4D7FB', status: 'pending', raw: example('19') },
    });
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/payment/one_qr/refund');
    expect(requests[0]?.body).toBe('{"pay_id":"PAY123456","amount":"1500.50"}');
  });

  it('refuses zero, a fraction or above maxAmount without sending', async () => {
    const { uzqr, requests } = answering(example('19'));
    for (const amount of [0, 0.5, 5_000_000_001]) {
      expect(await uzqr.refund({ payId: 'P', amount: amount as never })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
    expect(requests).toHaveLength(0);
  });

  it('4001 is rejected; a timeout is unknown (the refund may have been accepted)', async () => {
    expect(await answering(example('20')).uzqr.refund({ payId: 'P', amount: tiyin(100) })).toMatchObject({ ok: false, error: { code: '4001' } });
    const { uzqr } = uzqrAnswering(() => 'never', { timeouts: { defaultMs: 30, receiptMs: 30 } });
    expect(await uzqr.refund({ payId: 'P', amount: tiyin(100) })).toMatchObject({ ok: false, error: { kind: 'unknown', reason: 'timeout' } });
  });
});

describe('refundStatus', () => {
  it.each([
    ['22', 'refunded'],
    ['23', 'pending'],
    ['24', 'failed'],
  ])('example %s → %s', async (number, status) => {
    const { uzqr, requests } = answering(example(number));
    expect(await uzqr.refundStatus('REFF5149C4B458F4D7FB')).toMatchObject({ ok: true, value: { refundId: 'REFF5149C4B458F4D7FB', status } });
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/payment/one_qr/refund/status?refund_id=REFF5149C4B458F4D7FB');
  });

  it('9001 is rejected (retry later); another refund\'s answer is invalid', async () => {
    expect(await answering(example('25')).uzqr.refundStatus('R1')).toMatchObject({ ok: false, error: { kind: 'rejected', code: '9001' } });
    expect(await answering(example('22')).uzqr.refundStatus('R1')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });
});
