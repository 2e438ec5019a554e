import { describe, expect, it } from 'vitest';
import { printBanner } from './print-banner.ts';

function answering(status: number, body: string) {
  const calls: { url: string; body: string }[] = [];
  const fetchFn = (async (url: string, init?: RequestInit) => {
    calls.push({ url, body: String(init?.body) });
    return new Response(body, { status });
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

describe('printBanner', () => {
  it('posts { banners } to /print/banner and reads the documented success', async () => {
    const { calls, fetchFn } = answering(200, '{\n    "data": null,\n    "error": null,\n    "is_success": true\n}');
    const result = await printBanner([{ type: 'text', data: 'Order 12', cut: true }], { baseUrl: 'http://gw:8080/', fetch: fetchFn });
    expect(result).toEqual({ ok: true, value: null });
    expect(calls[0]?.url).toBe('http://gw:8080/print/banner');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ banners: [{ type: 'text', data: 'Order 12', cut: true }] });
  });

  it('gives a printer error as rejected with its code, and a 500 as unknown', async () => {
    const refused = await printBanner([{ type: 'text', data: 'x' }], {
      baseUrl: '/gw',
      fetch: answering(200, '{"data":null,"error":{"code":101,"message":"Printer not working","data":null},"is_success":false}').fetchFn,
    });
    expect(refused.ok === false && refused.error.kind === 'rejected' && refused.error.code).toBe('101');
    const lost = await printBanner([{ type: 'text', data: 'x' }], { baseUrl: '/gw', fetch: answering(500, 'oops').fetchFn });
    expect(lost.ok === false && lost.error.kind).toBe('unknown');
  });
});
