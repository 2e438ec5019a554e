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

  it('registers a repeated uuid again by default, as the vendor documents nothing else', () => {
    const store = new ReceiptStore(createIdSource(9));
    store.create(orderBody(), now);
    const again = store.create(orderBody({ time: '2024-06-11 17:40:01' }), now);
    expect(again.repeat).toBe(false);
    expect(store.list()).toHaveLength(2);
  });

  it('with orderCreateIdempotent, answers a retry with an already-registered uuid with the same receipt, and counts it', () => {
    const store = new ReceiptStore(createIdSource(9));
    const idempotent = { orderCreateIdempotent: true };
    const first = store.create(orderBody(), now, idempotent);
    const later = new Date(now.getTime() + 60 * 60 * 1000);
    const retry = store.create(orderBody(), later, idempotent);
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

  it('gives the last receipt in order.md\'s shape (uuid echoed only when set)', () => {
    const store = new ReceiptStore(createIdSource(9));
    expect(store.last()).toEqual({ result: { data: null, error: null, is_success: true } });
    const created = store.create(orderBody(), now).envelope.data as Record<string, unknown>;
    const wrapped = store.last();
    expect(Object.keys(wrapped)).toEqual(['result']);
    expect(wrapped.result.is_success).toBe(true);
    const data = wrapped.result.data as { order: Record<string, unknown>; result: Record<string, unknown>; isRefund: boolean };
    expect(data.order['uuid']).toBe('');
    expect(data.order['time']).toBe(orderBody()['time']);
    expect(data.order['ppt_id']).toBe('010965628751');
    expect(data.order['result_url']).toBe(created['qr_url']);
    expect(data.result).toMatchObject({ TerminalID: 'UZ170703100189', ReceiptSeq: 1, QRCodeURL: created['qr_url'] });
    expect(data.isRefund).toBe(false);
    const echoed = store.last({ orderLastEchoesUuid: true }).result.data as { order: Record<string, unknown> };
    expect(echoed.order['uuid']).toBe('att-0001');
  });
});
