/**
 * The simulated fiscal module answers in the vendor's documented shapes (the examples in
 * tests/fixtures/vendor/, extracted verbatim from spec/vendor/*.md) and keeps a shift that starts closed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { orderBody } from '../tests/fixtures/sim/order-body.ts';
import { shapeOf, startHarness, type Envelope, type Harness } from './test-harness.ts';

const vendorDir = new URL('../tests/fixtures/vendor/', import.meta.url);

/** A vendor example (valid JSON) by doc folder and number, trailing commas tolerated. */
function vendor(doc: string, index: number): Record<string, any> {
  const dir = new URL(`${doc}/`, vendorDir);
  const name = readdirSync(dir).find((f) => f.startsWith(`${String(index).padStart(2, '0')}-`));
  if (!name) throw new Error(`no vendor fixture ${doc} #${index}`);
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8').replace(/,(\s*[}\]])/g, '$1')) as Record<string, any>;
}

const clock = new Date(2024, 5, 11, 17, 40, 0);
const time = encodeURIComponent('2024-06-11 17:40:00');
let h: Harness;
afterEach(async () => {
  await h.close();
});

async function start(settings: Record<string, unknown> = {}): Promise<void> {
  h = await startHarness({ now: () => clock, settings: { fiscalShiftOpenAtStart: false, ...settings } });
}

type Wrapped = { result: Envelope };

describe('the fiscal shift', () => {
  it('starts closed: a receipt is refused with 36909 until the shift is opened, then registered', async () => {
    await start();
    expect(h.sim.state.zreportOpen).toBe(false);
    const refused = await h.postJson('/order/create/', orderBody());
    expect(refused).toEqual({ data: null, error: { code: 36909, message: 'ERROR_ZREPORT_IS_NOT_OPEN', data: null }, is_success: false });
    expect(h.sim.state.receipts).toHaveLength(0);

    const opened = await h.getJson(`/zreport/open/?time=${time}`);
    expect(shapeOf(opened)).toEqual(shapeOf(vendor('z-report-and-x-report', 2)));
    expect(opened.data).toEqual({ time: '2024-06-11 17:40:00', applet_version: '0300' });
    const again = await h.getJson(`/zreport/open/?time=${time}`);
    expect(again).toEqual(vendor('z-report-and-x-report', 3));
    expect((await h.getJson('/zreport/open/')).error?.code).toBe(36910);

    expect((await h.postJson('/order/create/', orderBody())).is_success).toBe(true);
  });

  it('X-report keeps the shift open; Z-report closes it with the totals; both shaped like the examples', async () => {
    await start({ fiscalShiftOpenAtStart: true });
    await h.postJson('/order/create/', orderBody());
    const x = await h.postJson<Wrapped>(`/zreport/close/?time=${time}`, { close_zreport: false, name: 'X', banners: [] });
    expect(shapeOf(x)).toEqual(shapeOf(vendor('z-report-and-x-report', 10)));
    expect(x.result.data).toMatchObject({ shift_opened: true, total_sale_card: 1800000, total_sale_count: 1, close_time: '' });
    expect(h.sim.state.zreportOpen).toBe(true);

    const info = await h.getJson<Wrapped>('/zreport/info/');
    expect(shapeOf(info)).toEqual(shapeOf(vendor('z-report-and-x-report', 14)));
    expect(info.result.data).toMatchObject({ shift_opened: true, number: 39, count: 38 });

    const z = await h.getJson<Wrapped>(`/zreport/close/?time=${time}`);
    expect(shapeOf(z)).toEqual(shapeOf(vendor('z-report-and-x-report', 5)));
    expect(z.result.data).toMatchObject({ shift_opened: false, number: 39, count: 39, total_sale_card: 1800000, close_time: '2024-06-11 17:40:00' });
    expect(h.sim.state.zreportOpen).toBe(false);
    expect(await h.getJson(`/zreport/close/?time=${time}`)).toEqual(vendor('z-report-and-x-report', 6));
  });

  it('refuses to close an empty shift with 36907 (errors.md)', async () => {
    await start({ fiscalShiftOpenAtStart: true });
    expect((await h.getJson(`/zreport/close/?time=${time}`)).error?.code).toBe(36907);
    expect(h.sim.state.zreportOpen).toBe(true);
  });
});

describe('/info/ and the module states', () => {
  it('answers the success example\'s shape with the simulator\'s numbers', async () => {
    await start({ fiscalUnsentReceipts: 700, fiscalFirstUnsentAgeHours: 30, fiscalClockOffsetSeconds: 180 });
    const info = await h.getJson('/info/');
    const example = vendor('info', 2);
    for (const key of Object.keys(example['data'])) expect(info.data).toHaveProperty(key);
    expect(info.data).toMatchObject({ receipt_count: 700, receipt_max_count: 858, current_time: '2024-06-11 17:43:00' });
    expect(info.data.first_unacknowledged_receipt_time).toBe('2024-06-10 11:40:00');
  });

  const faults: [string, number][] = [
    ['blocked', 65279],
    ['notConnected', 65534],
    ['notInitialised', 102],
    ['subscriptionExpired', 333],
  ];
  for (const [state, code] of faults) {
    it(`${state}: /info/, receipts and the shift calls answer ${code} in info.md's error shape`, async () => {
      await start({ fiscalModuleState: state, fiscalShiftOpenAtStart: true });
      const info = await h.getJson('/info/');
      expect(shapeOf(info)).toEqual(shapeOf(vendor('info', 3)));
      expect(info.error?.code).toBe(code);
      expect((await h.postJson('/order/create/', orderBody())).error?.code).toBe(code);
      expect((await h.getJson(`/zreport/open/?time=${time}`)).error?.code).toBe(code);
    });
  }

  it('memory full (36886) and offline too long (36889) refuse receipts while /info/ shows why', async () => {
    await start({ fiscalModuleState: 'receiptMemoryFull', fiscalShiftOpenAtStart: true });
    expect((await h.getJson('/info/')).data).toMatchObject({ receipt_count: 858, receipt_max_count: 858 });
    expect((await h.postJson('/order/create/', orderBody())).error?.code).toBe(36886);
    await h.post('/__sim/settings', { fiscalModuleState: 'offlineTooLong' });
    expect((await h.getJson('/info/')).data.first_unacknowledged_receipt_time).toBe('2024-05-11 17:40:00');
    expect((await h.postJson('/order/create/', orderBody())).error?.code).toBe(36889);
  });
});

describe('refund receipts, reprints, banners, pinpad reports', () => {
  it('registers a refund receipt for a sale receipt of this module, shaped like the example', async () => {
    await start({ fiscalShiftOpenAtStart: true });
    const sale = await h.postJson('/order/create/', orderBody());
    const refundBody = { ...orderBody({ uuid: 'refund-1' }), number: 12, qr_code: sale.data.qr_url };
    const refund = await h.postJson('/order/refuse/', refundBody);
    expect(shapeOf(refund)).toEqual(shapeOf(vendor('order', 9)));
    expect(h.sim.state.refundReceipts).toMatchObject([{ uuid: 'refund-1', refundOf: sale.data.qr_url }]);
    expect((await h.postJson('/order/refuse/', { ...refundBody, qr_code: undefined })).error?.code).toBe(65277);
    expect((await h.postJson('/order/refuse/', { ...refundBody, qr_code: 'https://ofd.soliq.uz/check?t=X' })).error?.code).toBe(65274);
    const x = await h.postJson<Wrapped>(`/zreport/close/?time=${time}`, { close_zreport: false });
    expect(x.result.data).toMatchObject({ total_refund_card: 1800000, total_refund_count: 1 });
  });

  it('reprints the last receipt with data: null, prints banners, and answers the pinpad reprints and short reports', async () => {
    await start({ fiscalShiftOpenAtStart: true });
    await h.postJson('/order/create/', orderBody());
    expect(await h.getJson('/order/print/')).toEqual(vendor('order', 13));
    const banners = vendor('banners', 2);
    expect(await h.postJson('/print/banner', banners)).toEqual({ data: null, error: null, is_success: true });
    expect(h.sim.state.bannerPrints).toEqual([banners['banners']]);
    expect((await h.postJson('/print/banner', { banners: [] })).error?.code).toBe(7);

    await h.postJson('/payment/uzcard', { amount: 50000 });
    const short = await h.getJson('/payment/uzcard_shortreport/');
    expect(shapeOf(short)).toEqual(shapeOf(vendor('z-report-and-x-report', 15)));
    expect(short.data.message).toContain('Краткий отчет');
    expect(short.data.message).toContain('(1)');
    expect((await h.getJson('/payment/xumo_shortreport/')).is_success).toBe(true);
    expect((await h.getJson('/payment/uzcard_close/print_last')).error?.code).toBe(109);
    const close = await h.getJson('/payment/uzcard_close');
    expect(await h.getJson('/payment/uzcard_close/print_last')).toEqual(close);
  });
});
