/** The gateway's answer envelope `{data, error, is_success}` and the raw answers the simulator writes. */

export interface GatewayErrorBody {
  code: number;
  message: string;
  data: unknown;
}

export interface Envelope {
  data: unknown;
  error: GatewayErrorBody | null;
  is_success: boolean;
}

/** What the simulator writes for one gateway request; `kind` is what the request log records. */
export interface Answer {
  kind: string;
  status: number;
  contentType: string;
  body: string;
}

/** A success envelope. */
export function ok(data: unknown): Envelope {
  return { data, error: null, is_success: true };
}

/** A business-error envelope (sent with HTTP 200). */
export function fail(code: number, message: string, data: unknown = null): Envelope {
  return { data, error: { code, message, data: null }, is_success: false };
}

/** Field errors in Django REST framework's shape, e.g. `{"qr_code": ["This field may not be blank."]}`. */
export type FieldErrors = Record<string, string[]>;

/** Code 7: `message` is the field errors as a JSON string, as the gateway sends them. */
export function validationError(errors: FieldErrors): Envelope {
  return fail(7, JSON.stringify(errors));
}

/** An envelope as a 200 JSON answer; its log kind is `success` or `error` unless given. */
export function jsonAnswer(envelope: Envelope, kind?: string): Answer {
  return {
    kind: kind ?? (envelope.is_success ? 'success' : 'error'),
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(envelope),
  };
}

/** A raw text answer (the broken bodies the real gateway is documented to send). */
export function textAnswer(body: string, kind: string, status = 200, contentType = 'application/json; charset=utf-8'): Answer {
  return { kind, status, contentType, body };
}

/** Reads a string-or-number field as a string, the way ids must be compared; undefined if absent or blank. */
export function idField(body: unknown, name: string): string | undefined {
  const value = field(body, name);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value;
  return undefined;
}

/** One property of a parsed JSON body, or undefined when the body is not an object. */
export function field(body: unknown, name: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  return (body as Record<string, unknown>)[name];
}

/** DRF-style checks for a required positive integer amount; adds to `errors`. */
export function checkAmount(body: unknown, errors: FieldErrors, name = 'amount'): number | undefined {
  const value = field(body, name);
  if (value === undefined) errors[name] = ['This field is required.'];
  else if (value === null) errors[name] = ['This field may not be null.'];
  else if (typeof value !== 'number' || !Number.isSafeInteger(value)) errors[name] = ['A valid integer is required.'];
  else if (value < 1) errors[name] = ['Ensure this value is greater than or equal to 1.'];
  else return value;
  return undefined;
}

/** DRF-style checks for a required non-blank string (numbers are accepted as their text); adds to `errors`. */
export function checkText(body: unknown, errors: FieldErrors, name: string): string | undefined {
  const value = field(body, name);
  if (value === undefined) errors[name] = ['This field is required.'];
  else if (value === null) errors[name] = ['This field may not be null.'];
  else if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  else if (typeof value !== 'string') errors[name] = ['Not a valid string.'];
  else if (value.trim() === '') errors[name] = ['This field may not be blank.'];
  else return value;
  return undefined;
}
