/**
 * `POST /okm/validation` (spec/vendor/okm-validation-api.md): asks the fiscal module whether the marking codes
 * of a sale may be sold, before the customer pays. Its answer is NOT the gateway's usual envelope but
 * `{ success, message, messageRu, messageLat, code, data }`; the vendor says to count a null body or
 * `success == false` as a refusal and to take the text from messageLat → messageRu → message.
 */
import { sendRequest, TraceBuffer, type HttpCore } from './http-core.ts';
import { LosslessNumber, parseTolerant } from './tolerant-json.ts';
import type { CallOptions } from './types.ts';

/** One product of the sale: its codes, as `/okm/validation` groups them. */
export interface OkmProduct {
  /** MXIK / IKPU (the catalog's class_code). */
  productCode: string;
  packageCode: string;
  /** Identification parts (01+GTIN+21+serial), one per unit. */
  kmIds: string[];
  /** The codes as scanned, crypto tail included. */
  fullKmIds: string[];
}

export type OkmValidation =
  | { kind: 'accepted' }
  /** The module refused: its code (1001, 1016, …) and its text as the vendor says to pick it. */
  | { kind: 'refused'; code: string | null; message: string | null }
  /** No answer that says either (transport error, HTTP error, not JSON). */
  | { kind: 'unknown'; problem: string };

/** The request body in the vendor's shape (a sale: `refund: 0`). */
export function okmValidationBody(products: readonly OkmProduct[]): Record<string, unknown> {
  return {
    refund: 0,
    products: products.map((p) => ({
      productCode: p.productCode,
      packageCode: p.packageCode,
      amount: p.kmIds.length,
      kmIds: [...p.kmIds],
      fullKmIds: [...p.fullKmIds],
    })),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Reads the answer's body as the vendor's doc says. */
export function readOkmValidation(status: number, body: string): OkmValidation {
  if (status < 200 || status >= 300) return { kind: 'unknown', problem: `HTTP ${status}` };
  const parsed = parseTolerant(body);
  if (!parsed.ok) return { kind: 'unknown', problem: 'the answer is not JSON' };
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'refused', code: null, message: null };
  }
  const answer = value as Record<string, unknown>;
  if (answer['success'] === true) return { kind: 'accepted' };
  const code = answer['code'];
  return {
    kind: 'refused',
    code: typeof code === 'string' ? code : code instanceof LosslessNumber ? code.value : null,
    message: text(answer['messageLat']) ?? text(answer['messageRu']) ?? text(answer['message']),
  };
}

/**
 * A client for `/okm/validation` against the gateway's base URL.
 * @param options.baseUrl the gateway URL (config `gateway.url`)
 * @param options.fetch injected in tests
 */
export function createOkmValidator(options: { baseUrl: string; fetch?: typeof fetch; timeoutMs?: number }) {
  const core: HttpCore = {
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    trace: new TraceBuffer(20),
  };
  return {
    /** Validates the sale's codes; never throws. */
    async validate(products: readonly OkmProduct[], callOptions?: CallOptions): Promise<OkmValidation> {
      const outcome = await sendRequest(core, {
        method: 'POST',
        path: '/okm/validation',
        body: okmValidationBody(products),
        timeoutMs: callOptions?.timeoutMs ?? options.timeoutMs ?? 10_000,
        ...(callOptions?.signal ? { signal: callOptions.signal } : {}),
      });
      if (outcome.kind === 'transport') return { kind: 'unknown', problem: outcome.reason };
      return readOkmValidation(outcome.status, outcome.text);
    },
    trace: () => core.trace.entries(),
  };
}

/** The sale's validation, and which product a refusal concerns (its index in `products`), when known. */
export interface OkmSaleValidation {
  result: OkmValidation;
  productIndex: number | null;
}

/**
 * Validates the whole sale in one call (the module checks duplicates across products too). The vendor's
 * refusal does not say which product it means, so when several products are refused together each is then
 * asked about alone, to name the one the customer must take back.
 */
export async function validateSale(
  validate: (products: readonly OkmProduct[], options?: CallOptions) => Promise<OkmValidation>,
  products: readonly OkmProduct[],
  options?: CallOptions,
): Promise<OkmSaleValidation> {
  const result = await validate(products, options);
  if (result.kind !== 'refused') return { result, productIndex: null };
  if (products.length === 1) return { result, productIndex: 0 };
  for (let i = 0; i < products.length; i++) {
    const product = products[i];
    if (!product) continue;
    const alone = await validate([product], options);
    if (alone.kind === 'refused') return { result: alone, productIndex: i };
  }
  return { result, productIndex: null };
}
