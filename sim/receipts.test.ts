import { describe, expect, it } from 'vitest';
import { createIdSource } from './random-ids.ts';
import { ReceiptStore } from './receipts.ts';
import { orderBody } from '../tests/fixtures/sim/order-body.ts';

const now = new Date(2024, 5, 11, 17, 40, 0);

describe('ReceiptStore', () => {
  it('registers a receipt with a rising count and a matching qr_url', () => {
    const store = new ReceiptStore(createIdSource(9));
    const first = store.create(orderBody(), now);
    const second = store.create(orderBody({ uuid: 'att-0002' }), now);
    expect(first.envelope.is_success).toBe(true);
    const d = first.envelope.data as Record<string, unknown>;
    expect(d['receipt_count']).toBe(1);
    expect((second.envelope.data as Record<string, unknown>)['receipt_count']).toBe(2);
    expect(d['date_time']).toBe('20240611174000');
    expect(d['fiscal_sign']).toMatch(/^\d{12}$/);
    expect(d['qr_url']).toBe(`https://ofd.soliq.uz/check?t=UZ170703100189&r=1&c=20240611174000&s=${String(d['fiscal_sign'])}`);
  });

  it('answers a retry with an already-registered uuid with the same receipt, and counts it', () => {
    const store = new ReceiptStore(createIdSource(9));
    const first = store.create(orderBody(), now);
    const later = new Date(now.getTime() + 60 * 60 * 1000);
    const retry = store.create(orderBody(), later);
    expect(retry.repeat).toBe(true);
    expect(retry.envelope).toEqual(first.envelope);
    expect(store.list()).toHaveLength(1);
    expect(store.repeatCount).toBe(1);
  });

  it('validates like the fiscal module: 7, 401, 65531, 104', () => {
    const store = new ReceiptStore(createIdSource(9));
    const missing = store.create(orderBody({ time: undefined, products: undefined }), now);
    expect(missing.envelope.error?.code).toBe(7);
    expect(Object.keys(JSON.parse(missing.envelope.error?.message ?? '{}') as object).sort()).toEqual(['products', 'time']);
    const products = orderBody()['products'] as Array<Record<string, unknown>>;
    const badIkpu = [{ ...products[0], class_code: '0220200100100000' }];
    expect(store.create(orderBody({ products: badIkpu, received_card: 1200000 }), now).envelope.error?.code).toBe(401);
    expect(store.create(orderBody({ received_card: 1799999 }), now).envelope.error?.code).toBe(65531);
    expect(store.create(orderBody({ received_card: 800000, received_cash: 1000000 }), now).envelope.is_success).toBe(true);
    expect(store.create(orderBody({ uuid: 'x', time: '2024-06-11 17:34:59' }), now).envelope.error?.code).toBe(104);
    expect(store.create(orderBody({ uuid: 'y', time: '2024-06-11 17:45:00' }), now).envelope.is_success).toBe(true);
    expect(store.list().map((r) => r.uuid)).toEqual(['att-0001', 'y']);
  });

  it('gives the last receipt with its order fields', () => {
    const store = new ReceiptStore(createIdSource(9));
    expect(store.last()).toMatchObject({ is_success: true, data: null });
    store.create(orderBody(), now);
    const last = store.last().data as Record<string, unknown>;
    expect(last['uuid']).toBe('att-0001');
    expect(last['receipt_count']).toBe(1);
    expect(last['QRCodeURL']).toBe(last['qr_url']);
    expect(last['ppt_id']).toBe('010965628751');
  });
});
