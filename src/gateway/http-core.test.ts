import { describe, expect, it } from 'vitest';
import { joinUrl, TraceBuffer, truncateForTrace, traceTextLimit } from './http-core.ts';

describe('joinUrl', () => {
  it.each([
    ['http://127.0.0.1:8080', '/payment/click', 'http://127.0.0.1:8080/payment/click'],
    ['http://127.0.0.1:8080/', '/payment/click', 'http://127.0.0.1:8080/payment/click'],
    ['http://host/base//', 'info/', 'http://host/base/info/'],
    ['/gateway', '/order/create/', '/gateway/order/create/'],
    ['/gateway/', '/order/last/', '/gateway/order/last/'],
    ['', '/info/', '/info/'],
  ])('%s + %s → %s', (base, path, url) => {
    expect(joinUrl(base, path)).toBe(url);
  });
});

describe('TraceBuffer', () => {
  const entry = (path: string) =>
    ({ at: '', method: 'GET', path, requestBody: null, status: 200, responseText: '', ms: 1, outcome: 'ok' }) as const;

  it('keeps the newest entries, oldest first, with increasing ids', () => {
    const trace = new TraceBuffer(2);
    trace.add(entry('/a'));
    trace.add(entry('/b'));
    trace.add(entry('/c'));
    expect(trace.entries().map((e) => [e.id, e.path])).toEqual([
      [2, '/b'],
      [3, '/c'],
    ]);
  });

  it('settles an outcome later, and ignores an entry already dropped', () => {
    const trace = new TraceBuffer(1);
    const first = trace.add(entry('/a'));
    const second = trace.add(entry('/b'));
    trace.settle(first, 'invalid');
    trace.settle(second, 'rejected');
    expect(trace.entries().map((e) => e.outcome)).toEqual(['rejected']);
  });

  it('hands out copies', () => {
    const trace = new TraceBuffer();
    trace.add(entry('/a'));
    const [copy] = trace.entries();
    if (copy) copy.path = '/changed';
    expect(trace.entries()[0]?.path).toBe('/a');
  });

  it('truncates long text for the trace only', () => {
    const text = 'x'.repeat(traceTextLimit + 10);
    expect(truncateForTrace(text)).toBe(`${'x'.repeat(traceTextLimit)}… [10 more characters]`);
    expect(truncateForTrace('short')).toBe('short');
    expect(truncateForTrace(null)).toBeNull();
  });
});
