/**
 * A scripted `fetch` for tests of the gateway client and of code built on it: records every request
 * (with the body exactly as sent) and answers through a function. Honours the abort signal like real fetch.
 * `gatewayAnswering` puts the real gateway client on top of it.
 */
import { createGateway } from '../gateway/gateway.ts';
import type { Gateway, GatewayOptions } from '../gateway/types.ts';
import { tiyin } from '../money/money.ts';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The raw request body, so tests can check what is on the wire (leading zeros, strings vs numbers). */
  body: string | null;
}

export type FakeAnswer = Response | 'never' | Error;

/** A JSON-ish answer with a status (default 200); the text is sent exactly as given. */
export function textResponse(text: string, status = 200, contentType = 'application/json'): Response {
  return new Response(text, { status, headers: { 'Content-Type': contentType } });
}

/**
 * Builds a fake fetch. `answer` returns a Response, `'never'` (hangs until aborted) or an Error (rejects,
 * like a lost connection).
 */
export function fakeFetch(answer: (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>): {
  fetch: typeof fetch;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const request: RecordedRequest = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : null,
    };
    requests.push(request);
    const signal = init?.signal ?? undefined;
    const result = await answer(request);
    if (result instanceof Error) throw new TypeError('fetch failed', { cause: result });
    if (result === 'never') {
      return new Promise<Response>((_, reject) => {
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    return result;
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

export const testOptions: GatewayOptions = {
  baseUrl: 'http://127.0.0.1:8080',
  amountUnits: { click: 'tiyin', payme: 'tiyin', uzum: 'tiyin', anor: 'tiyin', scan2pay: 'tiyin' },
  timeouts: { walletMs: 2_000, pinpadMs: 2_000, receiptMs: 2_000, defaultMs: 2_000 },
  maxAmount: tiyin(5_000_000_000),
};

/** A client whose every call is answered by `answer`; `requests` records what went on the wire. */
export function gatewayAnswering(
  answer: (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>,
  overrides: Partial<GatewayOptions> = {},
): { gateway: Gateway; requests: RecordedRequest[] } {
  const fake = fakeFetch(answer);
  return { gateway: createGateway({ ...testOptions, ...overrides, fetch: fake.fetch }), requests: fake.requests };
}
