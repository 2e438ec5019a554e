/**
 * The spec's example bodies (tests/fixtures/gateway/*.txt, copied byte for byte from gateway-api.md) and a
 * client set up for tests. Test support only.
 */
import { tiyin } from '../money/money.ts';
import { createGateway } from '../gateway/gateway.ts';
import { fakeFetch, type FakeAnswer, type RecordedRequest } from './fake-fetch.ts';
import type { Gateway, GatewayOptions } from '../gateway/types.ts';

const files = import.meta.glob('/tests/fixtures/gateway/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Fixture bodies by name (file name without `.txt`). */
export const fixtures: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.txt$/, ''), text]),
);

/** A fixture's text; throws on a misspelt name so a test cannot pass by reading nothing. */
export function fixture(name: string): string {
  const text = fixtures[name];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return text;
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
