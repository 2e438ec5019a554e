import { describe, expect, it } from 'vitest';
import { createIdSource } from './random-ids.ts';
import { notPaidYet, Scan2payStore } from './scan2pay.ts';

const now = new Date(2024, 5, 11, 12, 0, 0);

describe('Scan2payStore', () => {
  it('creates a payment URL and answers "not paid" (105) until paid on command', () => {
    const store = new Scan2payStore(createIdSource(5));
    const created = store.create({ amount: 500, order_id: 77777, print: false }, now);
    expect((created.data as { message: string }).message).toMatch(/^http:\/\/scan2pay\.uz\/[0-9a-f-]{36}$/);
    expect(store.status({ order_id: '77777' }, null, now)).toEqual(notPaidYet);
    expect(store.status({ order_id: '77777' }, null, now).error?.code).toBe(105);
    expect(store.markPaid('77777', now)).toBe(true);
    const paid = store.status({ order_id: 77777 }, null, now);
    expect(paid.is_success).toBe(true);
    expect(paid.data).toMatchObject({ status: 'successfully', data: { order_id: '77777', device: '00000001', status: 'success' } });
    expect(store.list()[0]?.polls).toBe(3);
  });

  it('pays automatically after N polls when set', () => {
    const store = new Scan2payStore(createIdSource(5));
    store.create({ amount: 500, order_id: '1' }, now);
    const answers = [0, 1, 2, 3].map(() => store.status({ order_id: '1' }, 2, now).is_success);
    expect(answers).toEqual([false, false, true, true]);
    const uuids = new Set([0, 1].map(() => (store.status({ order_id: '1' }, 2, now).data as { data: { uuid: string } }).data.uuid));
    expect(uuids.size).toBe(1);
  });

  it('treats an unknown order as not paid and keeps ids as text', () => {
    const store = new Scan2payStore(createIdSource(5));
    store.create({ amount: 500, order_id: '007' }, now);
    expect(store.markPaid('7', now)).toBe(false);
    expect(store.status({ order_id: '404' }, 0, now).error?.code).toBe(105);
    expect(store.markPaid('007', now)).toBe(true);
  });

  it('validates the create call', () => {
    const store = new Scan2payStore(createIdSource(5));
    expect(store.create({ amount: 0, order_id: '1' }, now).error?.code).toBe(7);
    expect(store.create({ amount: 500, order_id: ' ' }, now).error?.message).toBe('{"order_id":["This field may not be blank."]}');
    expect(store.list()).toEqual([]);
  });
});
