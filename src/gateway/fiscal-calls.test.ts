/**
 * The fiscal calls read the vendor's own example bodies (tests/fixtures/vendor/, extracted verbatim from
 * spec/vendor/*.md) and send bodies whose keys are the vendor examples' keys.
 */
import { describe, expect, it } from 'vitest';
import { tiyin } from '../money/money.ts';
import { fakeFetch, textResponse, type RecordedRequest } from '../testing/fake-fetch.ts';
import { vendorBody, vendorJson } from '../testing/fixtures.ts';
import { createFiscalCalls, refundReceiptBody, type FiscalCalls, type RefundReceiptRequest } from './fiscal-calls.ts';
import { TraceBuffer } from './http-core.ts';
import { pickupNumberBanner, receiptBody } from './receipt-body.ts';
import type { ReceiptLine } from './types.ts';

function calls(answer: string | ((r: RecordedRequest) => string)): { fiscal: FiscalCalls; requests: RecordedRequest[]; trace: TraceBuffer } {
  const trace = new TraceBuffer(50);
  const fake = fakeFetch((request) => textResponse(typeof answer === 'string' ? answer : answer(request)));
  const fiscal = createFiscalCalls({
    core: { baseUrl: 'http://127.0.0.1:8080', fetch: fake.fetch, trace },
    timeouts: { defaultMs: 2_000, receiptMs: 2_000 },
  });
  return { fiscal, requests: fake.requests, trace };
}

const line: ReceiptLine = {
  name: 'Choy',
  amount: 1000,
  unitName: 'dona',
  productPrice: tiyin(1_000_000),
  price: tiyin(1_000_000),
  vat: tiyin(107_143),
  vatPercent: 12,
  classCode: '10899001001000000',
  packageCode: '1495086',
  ownerType: 1,
};

const refund: RefundReceiptRequest = {
  uuid: 'r-att-1',
  number: '42',
  time: '2025-05-18 22:14:03',
  cashier: 'Kiosk 1',
  total: tiyin(1_000_000),
  lines: [line],
  originalQrUrl: 'https://ofd.soliq.uz/check?t=UZ170703100189&r=643&c=20200518221403&s=248429044289',
  rrn: '408005356147',
};

/** Every key of `value` (nested, arrays by their first element) as dotted paths. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length > 0 ? keyPaths(value[0], `${prefix}[]`) : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keyPaths(v, `${prefix}${k}.`)]);
}

describe('GET /info/ (info.md)', () => {
  it('reads every field of the success example', async () => {
    const { fiscal, requests } = calls(vendorBody('info', 2));
    const result = await fiscal.info();
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/info/');
    expect(result.ok && result.value).toMatchObject({
      terminalId: 'UZ170703100189',
      appletVersion: '0300',
      currentReceiptSeq: '836',
      currentTime: '2020-05-28 22:27:15',
      lastOperationTime: '2021-09-08 19:32:39',
      receiptCount: 0,
      receiptMaxCount: 858,
      zreportCount: 38,
      zreportMaxCount: 832,
      availablePersistentMemory: 6100,
      availableResetMemory: 1440,
      availableDeselectMemory: 1440,
      cashboxNumber: '1',
      versionCode: '1.12.1',
      isUpdated: false,
      firstUnacknowledgedReceiptTime: null,
      cashAccumulator: null,
    });
  });

  it('reads the newer fields of the table (accumulators, first unacknowledged receipt, capacities)', async () => {
    const body = vendorJson('info', 2);
    body['data'] = {
      ...(body['data'] as object),
      cash_accomulator: { Sale: 1000, Refund: 0 },
      card_accomulator: { Sale: 1000, Refund: 0 },
      vat_accomulator: { Sale: 120, Refund: 0 },
      borrowed_receipt_files_count: 0,
      f_report_current_index: 0,
      first_unacknowledged_receipt_time: '2021-09-08 19:29:59',
      receipt_current_index: 0,
      receipts_allocated: 0,
      receipts_capacity: 858,
      z_report_current_index: 0,
      z_reports_allocated: 0,
      z_reports_capacity: 832,
    };
    const result = await calls(JSON.stringify(body)).fiscal.info();
    expect(result.ok && result.value).toMatchObject({
      cashAccumulator: { sale: 1000, refund: 0 },
      cardAccumulator: { sale: 1000, refund: 0 },
      vatAccumulator: { sale: 120, refund: 0 },
      firstUnacknowledgedReceiptTime: '2021-09-08 19:29:59',
      receiptsCapacity: 858,
      zReportsCapacity: 832,
    });
  });

  it('gives the error example (102 not initialised) as a rejection', async () => {
    const result = await calls(vendorBody('info', 3)).fiscal.info();
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', code: '102', message: 'FISCAL_MODULE_NOT_INITIALIZED' } });
  });
});

describe('the fiscal shift (z-report-and-x-report.md)', () => {
  it('opens with ?time= and reads the success example (its trailing comma included)', async () => {
    const { fiscal, requests } = calls(vendorBody('z-report-and-x-report', 2));
    const result = await fiscal.openShift('2020-04-24 13:01:02');
    expect(requests[0]).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:8080/zreport/open/?time=2020-04-24%2013%3A01%3A02' });
    expect(result.ok && result.value).toMatchObject({ time: '2020-04-24 13:01:02', appletVersion: '0300', alreadyOpen: false });
  });

  it('takes "already open" (9327, and errors.md 36912) as an open shift', async () => {
    const result = await calls(vendorBody('z-report-and-x-report', 3)).fiscal.openShift('2020-04-24 13:01:02');
    expect(result.ok && result.value.alreadyOpen).toBe(true);
    const other = JSON.stringify({ data: null, error: { code: 36912, message: 'ERROR_ZREPORT_IS_ALREADY_OPEN', data: null }, is_success: false });
    const result2 = await calls(other).fiscal.openShift('2020-04-24 13:01:02');
    expect(result2.ok && result2.value.alreadyOpen).toBe(true);
  });

  it('closes (Z-report) and reads the result-wrapped example', async () => {
    const { fiscal, requests } = calls(vendorBody('z-report-and-x-report', 5));
    const result = await fiscal.closeShift('2020-08-04 23:00:00');
    expect(requests[0]).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:8080/zreport/close/?time=2020-08-04%2023%3A00%3A00' });
    expect(result.ok && result.value).toMatchObject({
      terminalId: 'UZ170703100597',
      number: 17,
      count: 17,
      openTime: '2020-08-04 14:03:02',
      closeTime: null,
      totalSaleCount: 0,
      shiftOpened: false,
      cashDescSerial: null,
    });
  });

  it('reads "already closed" (9326) as a rejection', async () => {
    const result = await calls(vendorBody('z-report-and-x-report', 6)).fiscal.closeShift('2020-08-04 23:00:00');
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', code: '9326' } });
  });

  it('prints the X-report with POST close_zreport:false, a body with the example\'s keys, and reads its totals', async () => {
    const { fiscal, requests } = calls(vendorBody('z-report-and-x-report', 10));
    const result = await fiscal.printShiftReport(false, '2019-10-09 19:16:15');
    expect(requests[0]?.method).toBe('POST');
    const sent = JSON.parse(requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(sent['close_zreport']).toBe(false);
    const exampleKeys = keyPaths(vendorJson('z-report-and-x-report', 8));
    for (const key of keyPaths(sent)) expect(exampleKeys).toContain(key);
    expect(result.ok && result.value).toMatchObject({
      number: 3,
      count: 20,
      firstReceiptSeq: 18,
      lastReceiptSeq: 20,
      totalSaleVat: 195000,
      totalSaleCash: 195000,
      totalSaleCard: 0,
      totalSaleCount: 3,
      totalRefundCount: 0,
    });
  });

  it('reads the shift info example (applet 4, shift_opened)', async () => {
    const { fiscal, requests } = calls(vendorBody('z-report-and-x-report', 14));
    const result = await fiscal.shiftInfo();
    expect(requests[0]?.url).toBe('http://127.0.0.1:8080/zreport/info/');
    expect(result.ok && result.value).toMatchObject({ number: 118, firstReceiptSeq: 1157, lastReceiptSeq: 1159, shiftOpened: true });
  });
});

describe('refund receipts: POST /order/refuse/ (order.md)', () => {
  it('sends the lines, the sale receipt URL as qr_code, the RRN as ppt_id and its own uuid, with the example\'s keys', async () => {
    const { fiscal, requests } = calls(vendorBody('order', 9));
    const result = await fiscal.refundReceipt(refund);
    expect(requests[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:8080/order/refuse/' });
    const sent = JSON.parse(requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toMatchObject({
      number: 42,
      uuid: 'r-att-1',
      qr_code: refund.originalQrUrl,
      ppt_id: '408005356147',
      received_card: 1_000_000,
      received_cash: 0,
      change: 0,
      time: '2025-05-18 22:14:03',
    });
    const exampleKeys = keyPaths(vendorJson('order', 7));
    for (const key of keyPaths(sent)) expect(exampleKeys).toContain(key);
    expect(result.ok && result.value).toMatchObject({
      receiptCount: '643',
      qrUrl: 'https://ofd.soliq.uz/check?t=UZ170703100189&r=643&c=20200518221403&s=248429044289',
    });
  });

  it("carries a marked line's marking codes (labels) into the refund receipt, as the sale receipt had them", () => {
    const [first] = refund.lines;
    if (!first) throw new Error('the refund fixture has a line');
    const labels = ['0104780069000130215abc', '0104780069000130215abd'];
    const body = refundReceiptBody({ ...refund, lines: [{ ...first, labels }] });
    expect((body['products'] as Record<string, unknown>[])[0]?.['labels']).toEqual(labels);
  });

  it('reads the error examples as rejections (65275 refund info, 102)', async () => {
    expect(await calls(vendorBody('order', 10)).fiscal.refundReceipt(refund)).toMatchObject({ ok: false, error: { code: '65275' } });
    expect(await calls(vendorBody('order', 11)).fiscal.refundReceipt(refund)).toMatchObject({ ok: false, error: { code: '102' } });
  });

  it('refuses to send a refund receipt without the sale receipt URL or with lines that do not add up', async () => {
    const { fiscal, requests } = calls(vendorBody('order', 9));
    expect(await fiscal.refundReceipt({ ...refund, originalQrUrl: '' })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await fiscal.refundReceipt({ ...refund, total: tiyin(999) })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(requests).toHaveLength(0);
    expect(refundReceiptBody({ ...refund, rrn: null })['ppt_id']).toBeUndefined();
  });
});

describe('reprints and non-fiscal prints', () => {
  it('reprints the last receipt (data: null) and reads the printer error', async () => {
    const ok = calls(vendorBody('order', 13));
    expect(await ok.fiscal.reprintLastReceipt()).toMatchObject({ ok: true });
    expect(ok.requests[0]?.url).toBe('http://127.0.0.1:8080/order/print/');
    expect(await calls(vendorBody('order', 14)).fiscal.reprintLastReceipt()).toMatchObject({ ok: false, error: { code: '101' } });
  });

  it('prints banners with the example\'s keys', async () => {
    const { fiscal, requests } = calls('{"data": null, "error": null, "is_success": true}');
    const example = vendorJson('banners', 2);
    const result = await fiscal.printBanners(example['banners'] as never);
    expect(result.ok).toBe(true);
    expect(requests[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:8080/print/banner' });
    expect(JSON.parse(requests[0]?.body ?? '{}')).toEqual(example);
  });

  it('gives a banner printer error as rejected with its code (the kitchen ticket retries it), and a 500 as unknown', async () => {
    const refused = await calls('{"data":null,"error":{"code":101,"message":"Printer not working","data":null},"is_success":false}').fiscal.printBanners([
      { type: 'text', data: 'x' },
    ]);
    expect(refused.ok === false && refused.error.kind === 'rejected' && refused.error.code).toBe('101');
    const trace = new TraceBuffer(5);
    const lost = await createFiscalCalls({
      core: { baseUrl: '/gw', fetch: fakeFetch(() => textResponse('oops', 500, 'text/plain')).fetch, trace },
      timeouts: { defaultMs: 2_000, receiptMs: 2_000 },
    }).printBanners([{ type: 'text', data: 'x' }]);
    expect(lost.ok === false && lost.error.kind).toBe('unknown');
  });

  it('reprints the last slip and reconciliation, and reads the pinpad short reports (raw line breaks included)', async () => {
    const { fiscal, requests } = calls(vendorBody('uzcard', 3));
    const slip = await fiscal.printLast('uzcard');
    expect(slip.ok && slip.value).toMatchObject({ pptId: '010965628751' });
    await fiscal.printLast('humo');
    await fiscal.printLast('humo_close');
    await fiscal.printLast('uzcard_close');
    expect(requests.map((r) => r.url.replace('http://127.0.0.1:8080', ''))).toEqual([
      '/payment/uzcard/print_last',
      '/payment/xumo/print_last',
      '/payment/xumo_close/print_last',
      '/payment/uzcard_close/print_last',
    ]);
    const pax = calls(vendorBody('z-report-and-x-report', 16));
    const report = await pax.fiscal.pinpadShortReport('uzcard');
    expect(pax.requests[0]?.url).toBe('http://127.0.0.1:8080/payment/uzcard_shortreport/');
    expect(report.ok && report.value.message).toContain('Краткий отчет');
    expect(report.ok && report.value.message).toContain('900.00 UZS');
    const ingenico = calls(vendorBody('z-report-and-x-report', 15));
    expect(await ingenico.fiscal.pinpadShortReport('humo')).toMatchObject({ ok: true, value: { message: '<printed report text>', pptId: null } });
    expect(ingenico.requests[0]?.url).toBe('http://127.0.0.1:8080/payment/xumo_shortreport/');
  });

  it('traces every call in the shared ring', async () => {
    const { fiscal, trace } = calls(vendorBody('info', 2));
    await fiscal.info();
    expect(trace.entries().map((e) => [e.path, e.outcome])).toEqual([['/info/', 'ok']]);
  });
});

describe('the pickup number on the sale receipt (order.md number + banners)', () => {
  it('sends number as an integer and a large text banner with it, with the example\'s keys', () => {
    const body = receiptBody({
      uuid: 'att-1',
      time: '2025-05-18 22:14:03',
      cashier: 'Kiosk 1',
      total: tiyin(1_000_000),
      lines: [line],
      payment: { method: 'humo', rrn: '408005356147' },
      number: '42',
    });
    expect(body['number']).toBe(42);
    expect(body['banners']).toEqual([pickupNumberBanner('42')]);
    const [banner] = body['banners'] as { type: string; data: string; style: { font_width: number; is_bold: boolean } }[];
    expect(banner?.type).toBe('text');
    expect(banner?.data).toContain('42');
    expect(banner?.style.is_bold).toBe(true);
    const exampleKeys = keyPaths(vendorJson('order', 2));
    for (const key of keyPaths(body)) expect(exampleKeys).toContain(key);
  });
});
