import { describe, expect, it } from 'vitest';
import { FaultQueue, parseFaultRequest } from './faults.ts';

describe('faults', () => {
  it('replaces the next answers of a call, in order, `times` each', () => {
    const q = new FaultQueue();
    const add = (body: unknown) => {
      const parsed = parseFaultRequest(body);
      if (!parsed.ok) throw new Error(parsed.error);
      q.add(parsed.fault);
    };
    add({ call: 'click', fault: 'decline', code: 4017, times: 2 });
    add({ call: 'click', fault: 'delay', ms: 10 });
    expect(q.take('payme')).toBeUndefined();
    expect(q.take('click')).toEqual({ fault: 'decline', code: '4017' });
    expect(q.list()).toEqual([
      { call: 'click', fault: 'decline', code: '4017', remaining: 1 },
      { call: 'click', fault: 'delay', ms: 10, remaining: 1 },
    ]);
    expect(q.take('click')?.fault).toBe('decline');
    expect(q.take('click')).toEqual({ fault: 'delay', ms: 10 });
    expect(q.take('click')).toBeUndefined();
  });

  it('clears every pending fault', () => {
    const q = new FaultQueue();
    q.add({ call: 'info', fault: 'hang', remaining: 3 });
    q.clear();
    expect(q.take('info')).toBeUndefined();
  });

  it('refuses unknown calls, faults and bad parameters', () => {
    expect(parseFaultRequest({ call: 'paypal', fault: 'decline' }).ok).toBe(false);
    expect(parseFaultRequest({ call: 'click', fault: 'explode' }).ok).toBe(false);
    expect(parseFaultRequest({ call: 'click', fault: 'decline', times: 0 }).ok).toBe(false);
    expect(parseFaultRequest({ call: 'click', fault: 'delay', ms: -1 }).ok).toBe(false);
    expect(parseFaultRequest(null).ok).toBe(false);
  });
});
