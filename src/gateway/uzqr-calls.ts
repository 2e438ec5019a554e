/**
 * UzQR (`/payment/one_qr/*`, spec/vendor/uzqr.md): the dynamic invoice, its long-poll status, cancel, the fiscal
 * receipt link and the asynchronous, partial refunds. Same rules as gateway.ts: a `Result` value, never a throw;
 * every call traced; a lost or unreadable answer is `unknown`, never "declined".
 */
import { isTiyin, MoneyError, type Tiyin } from '../money/money.ts';
import { tiyinToSomString } from '../money/som-string.ts';
import { interpretResponse, invalid, outcomeOf, unknown, type CallReader } from './envelope.ts';
import { defaultTraceSize, sendRequest, TraceBuffer, type HttpCore, type HttpOutcome } from './http-core.ts';
import { idText, isRecord, nonEmptyId, stringOrNull } from './json-fields.ts';
import { isHttpUrl } from '../domain/http-url.ts';
import { parseTolerant } from './tolerant-json.ts';
import type { GatewayError, GatewayOptions, Result } from './types.ts';

export interface UzqrInvoice {
  invoiceId: string;
  qrText: string;
  raw: string;
}

export type UzqrPaymentStatus = 'in_progress' | 'paid' | 'declined';

export interface UzqrStatus {
  invoiceId: string;
  status: UzqrPaymentStatus;
  /** Present when paid (the receipt link and refunds need it). */
  payId: string | null;
  payerPhone: string | null;
  /** uzqr.md: "1" corporate, "2" personal, "3" social; as sent. */
  cardType: string | null;
  /** `card_no`, already masked by the vendor (`8600********1234`). */
  maskedCard: string | null;
  fiscalModule: string | null;
  raw: string;
}

/**
 * A refund as the vendor reports it. The refund call's own `status: 1` ("success" in uzqr.md) means the
 * request was accepted: refunds are asynchronous ("Возврат является асинхронным процессом"), so it is
 * `pending` until the refund status call says 2 (`refunded`) or 3 (`failed`).
 */
export type UzqrRefundStatus = 'pending' | 'refunded' | 'failed';

export interface UzqrRefund {
  refundId: string;
  status: UzqrRefundStatus;
  raw: string;
}

/** Invoice not found (uzqr.md): on a status poll the invoice is gone, which the payment machine reads as expired. */
export const uzqrNotFoundCode = '3001';
/** Invoice already paid (uzqr.md): a cancel that came too late. */
export const uzqrAlreadyPaidCode = '3002';

/** Whether an error is the vendor's "invoice not found" (3001). */
export function isUzqrNotFound(error: GatewayError): boolean {
  return error.kind === 'rejected' && error.code === uzqrNotFoundCode;
}

export interface UzqrCallOptions {
  signal?: AbortSignal;
}

export interface UzqrCalls {
  create(input: { externalId: string; amount: Tiyin }, options?: UzqrCallOptions): Promise<Result<UzqrInvoice>>;
  /** Long poll: the gateway holds it up to 2 min; client timeout ≥ 150 s (configurable, default 150_000 ms). */
  status(invoiceId: string, options?: UzqrCallOptions): Promise<Result<UzqrStatus>>;
  cancel(invoiceId: string, options?: UzqrCallOptions): Promise<Result<{ raw: string }>>;
  sendReceipt(input: { payId: string; receiptUrl: string }, options?: UzqrCallOptions): Promise<Result<{ raw: string }>>;
  refund(input: { payId: string; amount: Tiyin }, options?: UzqrCallOptions): Promise<Result<UzqrRefund>>;
  refundStatus(refundId: string, options?: UzqrCallOptions): Promise<Result<UzqrRefund>>;
}

/** uzqr.md: "Set client timeout to at least 150 seconds" (the gateway answers after 2 minutes at the latest). */
export const defaultUzqrStatusTimeoutMs = 150_000;
/** uzqr.md: `external_id` is "max 20 chars". */
export const uzqrExternalIdMaxLength = 20;

export interface UzqrCallsOptions extends Pick<GatewayOptions, 'baseUrl' | 'fetch' | 'traceSize' | 'trace' | 'maxAmount'> {
  timeouts: Pick<GatewayOptions['timeouts'], 'defaultMs' | 'receiptMs'> & {
    /** The status long poll's client timeout; default {@link defaultUzqrStatusTimeoutMs}. */
    statusMs?: number;
  };
}

function refused(problem: string): { ok: false; error: GatewayError } {
  return { ok: false, error: { kind: 'refused', problem } };
}

const createReader: CallReader<UzqrInvoice> = {
  normalise(data, raw) {
    if (!isRecord(data)) return invalid('data is not an object', raw);
    const invoiceId = nonEmptyId(data['invoice_id']);
    const qrText = stringOrNull(data['qr_text']);
    if (invoiceId === null) return invalid('data.invoice_id is missing', raw);
    if (qrText === null || qrText.trim() === '') return invalid('data.qr_text is missing', raw);
    return { ok: true, value: { invoiceId, qrText, raw } };
  },
};

const paymentStatuses: Record<string, UzqrPaymentStatus> = { '1': 'in_progress', '2': 'paid', '3': 'declined' };

function statusReader(invoiceId: string): CallReader<UzqrStatus> {
  return {
    normalise(data, raw) {
      if (!isRecord(data)) return invalid('data is not an object', raw);
      const answered = nonEmptyId(data['invoice_id']);
      if (answered !== null && answered !== invoiceId) return invalid(`the answer is for invoice ${answered}, not ${invoiceId}`, raw);
      const status = paymentStatuses[idText(data['status']) ?? ''];
      if (status === undefined) return invalid(`data.status ${JSON.stringify(idText(data['status']))} is not 1, 2 or 3`, raw);
      const payId = nonEmptyId(data['pay_id']);
      // Paid without the id the receipt link and every refund need is not a payment the kiosk can prove.
      if (status === 'paid' && payId === null) return invalid('status 2 (paid) without pay_id', raw);
      return {
        ok: true,
        value: {
          invoiceId,
          status,
          payId,
          payerPhone: nonEmptyId(data['payer_phone']),
          cardType: nonEmptyId(data['card_type']),
          maskedCard: nonEmptyId(data['card_no']),
          fiscalModule: nonEmptyId(data['fiscal_module']),
          raw,
        },
      };
    },
  };
}

/**
 * uzqr.md's declined example answers `is_success: false` with `error: null` and the status in `data`: the
 * envelope reader would call that unreadable. Only status 3 is taken from such an answer; anything else there
 * (a "paid" with is_success false) stays invalid, which the machine treats like unknown.
 */
function readStatus(outcome: HttpOutcome, invoiceId: string): Result<UzqrStatus> {
  const reader = statusReader(invoiceId);
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status <= 299) {
    const parsed = parseTolerant(outcome.text);
    if (parsed.ok && isRecord(parsed.value) && parsed.value['is_success'] === false) {
      const envelope = parsed.value;
      const noError = envelope['error'] === null || envelope['error'] === undefined;
      if (noError && isRecord(envelope['data'])) {
        const read = reader.normalise(envelope['data'], outcome.text);
        if (read.ok && read.value.status === 'declined') return read;
        return invalid('is_success is false without an error, and data.status is not 3 (declined)', outcome.text);
      }
    }
  }
  return interpretResponse(outcome, reader);
}

/** `/payment/one_qr/receipt` and `/cancel` answer `data: {}`: the envelope alone says done. */
const doneReader: CallReader<{ raw: string }> = {
  normalise: (_data, raw) => ({ ok: true, value: { raw } }),
};

const refundStatuses: Record<string, UzqrRefundStatus> = { '1': 'pending', '2': 'refunded', '3': 'failed' };

function refundReader(kind: 'create' | 'status', refundId?: string): CallReader<UzqrRefund> {
  return {
    normalise(data, raw) {
      if (!isRecord(data)) return invalid('data is not an object', raw);
      const id = nonEmptyId(data['refund_id']);
      if (id === null) return invalid('data.refund_id is missing', raw);
      if (refundId !== undefined && id !== refundId) return invalid(`the answer is for refund ${id}, not ${refundId}`, raw);
      const code = idText(data['status']) ?? '';
      // The refund call's 1 is "accepted" (see UzqrRefundStatus); the status call's 1 is "pending": the same value.
      const status = refundStatuses[code];
      if (status === undefined) return invalid(`data.status ${JSON.stringify(code)} is not a ${kind === 'create' ? 'refund' : 'refund status'} value`, raw);
      return { ok: true, value: { refundId: id, status, raw } };
    },
  };
}

/** Creates the UzQR calls. Pass the gateway's `trace` so they show in the same staff trace. */
export function createUzqrCalls(options: UzqrCallsOptions): UzqrCalls {
  const core: HttpCore = {
    baseUrl: options.baseUrl,
    // Called unbound, the browser's fetch throws "Illegal invocation".
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    trace: options.trace ?? new TraceBuffer(options.traceSize ?? defaultTraceSize),
  };
  const { timeouts } = options;
  const statusMs = timeouts.statusMs ?? defaultUzqrStatusTimeoutMs;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    read: (outcome: HttpOutcome) => Result<T>,
    callOptions: UzqrCallOptions | undefined,
  ): Promise<Result<T>> {
    const request: Parameters<typeof sendRequest>[1] = { method, path, timeoutMs };
    if (method === 'POST') request.body = body;
    if (callOptions?.signal) request.signal = callOptions.signal;
    const outcome = await sendRequest(core, request);
    let result: Result<T>;
    try {
      result = read(outcome);
    } catch {
      // A reader bug must not turn into a thrown charge: the answer is kept and staff decide.
      result = unknown('unreadable', outcome.status, outcome.text);
    }
    core.trace.settle(outcome.traceId, outcomeOf(result));
    return result;
  }

  const withReader =
    <T>(reader: CallReader<T>) =>
    (outcome: HttpOutcome): Result<T> =>
      interpretResponse(outcome, reader);

  function somAmount(amount: Tiyin): { ok: true; value: string } | { ok: false; error: GatewayError } {
    if (!isTiyin(amount)) return refused(`amount ${String(amount)} is not a whole number of tiyin`);
    try {
      return { ok: true, value: tiyinToSomString(amount, options.maxAmount) };
    } catch (e) {
      return refused(e instanceof MoneyError ? e.message : `amount ${String(amount)} cannot be sent`);
    }
  }

  const blank = (value: string): boolean => typeof value !== 'string' || value.trim() === '';

  return {
    create({ externalId, amount }, callOptions) {
      const checked = somAmount(amount);
      if (!checked.ok) return Promise.resolve(checked);
      if (blank(externalId) || externalId.length > uzqrExternalIdMaxLength) {
        return Promise.resolve(refused(`external_id "${externalId}" is empty or longer than ${uzqrExternalIdMaxLength} characters`));
      }
      return call(
        'POST',
        '/payment/one_qr/create',
        { external_id: externalId, amount: checked.value },
        timeouts.defaultMs,
        withReader(createReader),
        callOptions,
      );
    },

    status(invoiceId, callOptions) {
      if (blank(invoiceId)) return Promise.resolve(refused('invoice_id is empty'));
      return call(
        'GET',
        `/payment/one_qr/status?invoice_id=${encodeURIComponent(invoiceId)}`,
        undefined,
        statusMs,
        (outcome) => readStatus(outcome, invoiceId),
        callOptions,
      );
    },

    cancel(invoiceId, callOptions) {
      if (blank(invoiceId)) return Promise.resolve(refused('invoice_id is empty'));
      return call('POST', '/payment/one_qr/cancel', { invoice_id: invoiceId }, timeouts.defaultMs, withReader(doneReader), callOptions);
    },

    sendReceipt({ payId, receiptUrl }, callOptions) {
      if (blank(payId)) return Promise.resolve(refused('pay_id is empty'));
      if (!isHttpUrl(receiptUrl)) return Promise.resolve(refused('the fiscal receipt URL is not an http(s) URL'));
      return call(
        'POST',
        '/payment/one_qr/receipt',
        { pay_id: payId, fiscal_receipt_url: receiptUrl },
        timeouts.receiptMs,
        withReader(doneReader),
        callOptions,
      );
    },

    refund({ payId, amount }, callOptions) {
      if (blank(payId)) return Promise.resolve(refused('pay_id is empty'));
      // uzqr.md's refund `amount` is a string "Сумма"; sent in the create call's format (so'm, two decimals).
      const checked = somAmount(amount);
      if (!checked.ok) return Promise.resolve(checked);
      return call(
        'POST',
        '/payment/one_qr/refund',
        { pay_id: payId, amount: checked.value },
        timeouts.defaultMs,
        withReader(refundReader('create')),
        callOptions,
      );
    },

    refundStatus(refundId, callOptions) {
      if (blank(refundId)) return Promise.resolve(refused('refund_id is empty'));
      return call(
        'GET',
        `/payment/one_qr/refund/status?refund_id=${encodeURIComponent(refundId)}`,
        undefined,
        timeouts.defaultMs,
        withReader(refundReader('status', refundId)),
        callOptions,
      );
    },
  };
}
