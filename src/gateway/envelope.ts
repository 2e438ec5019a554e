/**
 * Turns what came back (status + raw text, or a transport fault) into a `Result`. Branches on HTTP status,
 * `is_success` and `error.code` only, never on message text. Whatever it cannot prove is `unknown` or
 * `invalid`, never success (DESIGN.md §1.2).
 */
import type { HttpOutcome } from './http-core.ts';
import { idText, isRecord, type JsonRecord } from './json-fields.ts';
import { parseTolerant } from './tolerant-json.ts';
import type { GatewayError, Result } from './types.ts';

/** How one call reads its answer. */
export interface CallReader<T> {
  /** Reads `data` of an `is_success: true` envelope; returns `invalid` (or `rejected`) when it is not what the call promises. */
  normalise(data: unknown, raw: string): Result<T>;
  /** A provider's own code inside a declined answer's `data` (Uzum `error_code`, a slip's response code). */
  providerCode?(data: unknown): string | null;
  /** A declined pinpad answer's slip, kept on the error. */
  slip?(data: unknown): string | null;
  /**
   * The key the vendor wraps this call's whole envelope in (`/order/last/` answers `{"result": {data, error,
   * is_success}}`); a flat envelope is read too.
   */
  wrappedIn?: string;
  /** Last resort for a body that is not JSON: may return a success only on explicit proof, else null. */
  salvage?(text: string): Result<T> | null;
}

export function invalid(problem: string, raw: string): { ok: false; error: GatewayError } {
  return { ok: false, error: { kind: 'invalid', problem, raw } };
}

export function unknown(
  reason: Extract<GatewayError, { kind: 'unknown' }>['reason'],
  status: number | null,
  raw: string,
): { ok: false; error: GatewayError } {
  return { ok: false, error: { kind: 'unknown', reason, status, raw } };
}

/**
 * Decodes code 7's `message`, a JSON string such as `{"payment_id":["This field may not be blank."]}`.
 * Null when it is not JSON of that shape.
 */
export function decodeFieldErrors(message: string): Record<string, string[]> | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const out: Record<string, string[]> = {};
  for (const [field, errors] of Object.entries(value)) {
    if (typeof errors === 'string') out[field] = [errors];
    else if (Array.isArray(errors) && errors.every((e) => typeof e === 'string')) out[field] = errors as string[];
    else return null;
  }
  return out;
}

function rejected<T>(envelope: JsonRecord, reader: CallReader<T>, raw: string): Result<T> {
  const error = envelope['error'];
  if (!isRecord(error)) return invalid('is_success is false but error is missing', raw);
  const code = idText(error['code']);
  if (code === null) return invalid('error.code is missing', raw);
  const message = typeof error['message'] === 'string' ? error['message'] : '';
  const data = envelope['data'];
  const slip = reader.slip?.(data) ?? null;
  const result: GatewayError = {
    kind: 'rejected',
    code,
    message,
    fieldErrors: code === '7' ? decodeFieldErrors(message) : null,
    providerCode: reader.providerCode?.(data) ?? null,
    raw,
  };
  if (slip !== null) result.slip = slip;
  return { ok: false, error: result };
}

/** Reads a whole answer: transport faults, HTTP status, then the envelope, then the call's own reader. */
export function interpretResponse<T>(outcome: HttpOutcome, reader: CallReader<T>): Result<T> {
  if (outcome.kind === 'transport') return unknown(outcome.reason, outcome.status, outcome.text);
  const { status, text } = outcome;
  if (status >= 500) return unknown('server', status, text);
  // Any 2xx is read: a charge answered 201/202 may have gone through, so it must not become a plain `http` error.
  if (status < 200 || status > 299) return { ok: false, error: { kind: 'http', status, raw: text } };

  const parsed = parseTolerant(text);
  if (!parsed.ok) {
    const salvaged = reader.salvage?.(text) ?? null;
    return salvaged ?? unknown('unreadable', status, text);
  }
  let envelope = parsed.value;
  if (!isRecord(envelope)) return invalid('the answer is not an object', text);
  if (reader.wrappedIn !== undefined && !('is_success' in envelope)) {
    const inner = envelope[reader.wrappedIn];
    if (isRecord(inner)) envelope = inner;
  }
  if (!isRecord(envelope)) return invalid('the answer is not an object', text);
  const isSuccess = envelope['is_success'];
  if (isSuccess === true) {
    if (envelope['error'] !== null && envelope['error'] !== undefined) {
      return invalid('is_success is true but error is set', text);
    }
    return reader.normalise(envelope['data'], text);
  }
  if (isSuccess === false) return rejected(envelope, reader, text);
  return invalid('is_success is neither true nor false', text);
}

/** The trace outcome of a result. */
export function outcomeOf<T>(result: Result<T>): 'ok' | GatewayError['kind'] {
  return result.ok ? 'ok' : result.error.kind;
}
