/**
 * The fiscal module's own calls (spec/vendor: z-report-and-x-report.md, info.md, order.md refuse/print,
 * banners.md, additional-commands.md): the shift (Z-report) open/close/info and the X-report, the full `/info/`
 * reading, refund receipts, reprints and the pinpads' short reports. Same rules as gateway.ts: a `Result`
 * value, never a throw; every call is traced in the ring the staff screen shows.
 *
 * Some of these answers come wrapped in `{"result": {data, error, is_success}}` (the Z-report close and info
 * examples), others flat (open): both are read.
 */
import { methodRow, pinpadProviders, type PinpadProvider } from '../domain/payment-methods.ts';
import { isTiyin, type Tiyin } from '../money/money.ts';
import { receiptReader } from './call-readers.ts';
import { decodeFieldErrors, invalid, outcomeOf, unknown, type CallReader } from './envelope.ts';
import { sendRequest, type HttpCore, type HttpOutcome } from './http-core.ts';
import { idText, isRecord, nonEmptyId, stringOrNull, type JsonRecord } from './json-fields.ts';
import { productOf } from './receipt-body.ts';
import { LosslessNumber, parseTolerant } from './tolerant-json.ts';
import type { CallOptions, GatewayError, Receipt, ReceiptLine, Result } from './types.ts';

/** Codes that say "the shift is not open": errors.md 36909; the Z-report doc's 9326 (ZREPORT_ALREADY_CLOSE). */
export const shiftNotOpenCodes: readonly string[] = ['36909', '9326'];
/** Codes that say "the shift is already open" (a success for whoever wanted it open): 9327 (Z-report doc), 36912 (errors.md). */
export const shiftAlreadyOpenCodes: readonly string[] = ['9327', '36912'];
/** Closing an empty shift is refused with 36907: nothing to close, not a fault. */
export const emptyShiftCode = '36907';
/** Refund receipt refused for its reference to the sale receipt (errors.md): staff must look. */
export const refundInfoCodes: readonly string[] = ['65274', '65275', '65276', '65277'];

export function isShiftNotOpen(error: GatewayError): boolean {
  return error.kind === 'rejected' && shiftNotOpenCodes.includes(error.code);
}

export function isShiftAlreadyOpen(error: GatewayError): boolean {
  return error.kind === 'rejected' && shiftAlreadyOpenCodes.includes(error.code);
}

/** `{"Sale": 1000, "Refund": 0}` accumulators of `/info/`. */
export interface Accumulator {
  sale: number;
  refund: number;
}

/** Every documented field of `/info/` (info.md); a field the module did not send is null. */
export interface FiscalInfo {
  terminalId: string | null;
  appletVersion: string | null;
  currentReceiptSeq: string | null;
  currentTime: string | null;
  lastOperationTime: string | null;
  /** Receipts not yet sent to the tax office (info.md: "Количество не оправленных чеков"). */
  receiptCount: number | null;
  receiptMaxCount: number | null;
  zreportCount: number | null;
  zreportMaxCount: number | null;
  availablePersistentMemory: number | null;
  availableResetMemory: number | null;
  availableDeselectMemory: number | null;
  cashboxNumber: string | null;
  versionCode: string | null;
  isUpdated: boolean | null;
  cashAccumulator: Accumulator | null;
  cardAccumulator: Accumulator | null;
  vatAccumulator: Accumulator | null;
  borrowedReceiptFilesCount: number | null;
  fReportCurrentIndex: number | null;
  firstUnacknowledgedReceiptTime: string | null;
  receiptCurrentIndex: number | null;
  receiptsAllocated: number | null;
  receiptsCapacity: number | null;
  zReportCurrentIndex: number | null;
  zReportsAllocated: number | null;
  zReportsCapacity: number | null;
  raw: string;
}

/** `/zreport/open/`. */
export interface ShiftOpened {
  time: string | null;
  appletVersion: string | null;
  /** True when the module said "already open" (9327/36912): the shift is open, nothing was done. */
  alreadyOpen: boolean;
  raw: string;
}

/** `/zreport/close/` (GET or POST, Z or X) and `/zreport/info/`: the shift's numbers and totals (×100 = tiyin). */
export interface ShiftReport {
  appletVersion: string | null;
  terminalId: string | null;
  number: number | null;
  count: number | null;
  lastReceiptSeq: number | null;
  firstReceiptSeq: number | null;
  openTime: string | null;
  closeTime: string | null;
  totalRefundVat: number | null;
  totalRefundCard: number | null;
  totalRefundCash: number | null;
  totalRefundCount: number | null;
  totalSaleVat: number | null;
  totalSaleCard: number | null;
  totalSaleCash: number | null;
  totalSaleCount: number | null;
  /** Applet 4 only; null on applet 3. */
  shiftOpened: boolean | null;
  cashDescSerial: string | null;
  raw: string;
}

/** A printed text answer (pinpad slip copy, reconciliation copy, short report). */
export interface PrintedText {
  message: string;
  pptId: string | null;
  raw: string;
}

export interface Printed {
  raw: string;
}

/** A text banner (banners.md), printed on a receipt or on its own. */
export interface Banner {
  type: 'text' | 'barcode' | 'qr_code' | 'qr_code_frame';
  data: string;
  cut?: boolean;
  style?: {
    font_width?: number;
    font_height?: number;
    align?: 'left' | 'right' | 'center';
    is_bold?: boolean;
    barcode_type?: number;
    qr_size?: number;
  };
}

/** What a refund receipt (`/order/refuse/`) needs: the refunded lines, the sale receipt's URL and the RRN. */
export interface RefundReceiptRequest {
  /** The refund receipt's own id. */
  uuid: string;
  /** The sale's pickup number (order.md: `number`, an integer). */
  number: string;
  /** Local `yyyy-MM-dd HH:mm:ss`. */
  time: string;
  cashier: string;
  total: Tiyin;
  lines: ReceiptLine[];
  /** The sale receipt's `qr_url`, sent as `qr_code`. */
  originalQrUrl: string;
  /** The refund's RRN from the pinpad, sent as `ppt_id`. */
  rrn: string | null;
}

/** A pinpad's last slip (`humo`), or its last reconciliation (`humo_close`). */
export type PrintLastTarget = PinpadProvider | `${PinpadProvider}_close`;

const printLastPath = Object.fromEntries(
  pinpadProviders.flatMap((provider) => {
    const name = methodRow(provider).gatewayName;
    return [
      [provider, `/payment/${name}/print_last`],
      [`${provider}_close`, `/payment/${name}_close/print_last`],
    ];
  }),
) as Record<PrintLastTarget, string>;

export interface FiscalCalls {
  /** `GET /info/`: the module's state, limits and memory. */
  info(options?: CallOptions): Promise<Result<FiscalInfo>>;
  /** `GET /zreport/open/?time=`; "already open" comes back as success with `alreadyOpen`. */
  openShift(time: string, options?: CallOptions): Promise<Result<ShiftOpened>>;
  /** `GET /zreport/close/?time=`: the Z-report (closes the shift). */
  closeShift(time: string, options?: CallOptions): Promise<Result<ShiftReport>>;
  /** `POST /zreport/close/` with `close_zreport`: false is the X-report (totals, shift stays open). */
  printShiftReport(closeShift: boolean, time: string, options?: CallOptions): Promise<Result<ShiftReport>>;
  /** `GET /zreport/info/`. */
  shiftInfo(options?: CallOptions): Promise<Result<ShiftReport>>;
  /** `POST /order/refuse/`: the refund receipt. */
  refundReceipt(request: RefundReceiptRequest, options?: CallOptions): Promise<Result<Receipt>>;
  /** `GET /order/print/`: a copy of the last receipt. */
  reprintLastReceipt(options?: CallOptions): Promise<Result<Printed>>;
  /** `POST /print/banner`: a non-fiscal print. */
  printBanners(banners: Banner[], options?: CallOptions): Promise<Result<Printed>>;
  /** `GET /payment/{xumo,uzcard}[_close]/print_last`: a copy of the last slip or reconciliation. */
  printLast(target: PrintLastTarget, options?: CallOptions): Promise<Result<PrintedText>>;
  /** `GET /payment/{xumo,uzcard}_shortreport/`: the pinpad's totals so far, printed. */
  pinpadShortReport(provider: PinpadProvider, options?: CallOptions): Promise<Result<PrintedText>>;
}

export interface FiscalCallsOptions {
  /** The gateway client's http core, so these calls share its base URL, fetch and trace ring. */
  core: HttpCore;
  timeouts: { defaultMs: number; receiptMs: number };
}

function num(value: unknown): number | null {
  if (value instanceof LosslessNumber) {
    const n = Number(value.value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

function accumulator(value: unknown): Accumulator | null {
  if (!isRecord(value)) return null;
  const sale = num(value['Sale']);
  const refund = num(value['Refund']);
  return sale === null && refund === null ? null : { sale: sale ?? 0, refund: refund ?? 0 };
}

export function readFiscalInfo(d: JsonRecord, raw: string): FiscalInfo {
  return {
    terminalId: nonEmptyId(d['terminal_id']),
    appletVersion: nonEmptyId(d['applet_version']),
    currentReceiptSeq: nonEmptyId(d['current_receipt_seq']),
    currentTime: nonEmptyId(d['current_time']),
    lastOperationTime: nonEmptyId(d['last_operation_time']),
    receiptCount: num(d['receipt_count']),
    receiptMaxCount: num(d['receipt_max_count']),
    zreportCount: num(d['zreport_count']),
    zreportMaxCount: num(d['zreport_max_count']),
    availablePersistentMemory: num(d['available_persistent_memory']),
    availableResetMemory: num(d['available_reset_memory']),
    availableDeselectMemory: num(d['available_deselect_memory']),
    cashboxNumber: idText(d['cashbox_number']),
    versionCode: nonEmptyId(d['version_code']),
    isUpdated: bool(d['is_updated']),
    cashAccumulator: accumulator(d['cash_accomulator']),
    cardAccumulator: accumulator(d['card_accomulator']),
    vatAccumulator: accumulator(d['vat_accomulator']),
    borrowedReceiptFilesCount: num(d['borrowed_receipt_files_count']),
    fReportCurrentIndex: num(d['f_report_current_index']),
    firstUnacknowledgedReceiptTime: nonEmptyId(d['first_unacknowledged_receipt_time']),
    receiptCurrentIndex: num(d['receipt_current_index']),
    receiptsAllocated: num(d['receipts_allocated']),
    receiptsCapacity: num(d['receipts_capacity']),
    zReportCurrentIndex: num(d['z_report_current_index']),
    zReportsAllocated: num(d['z_reports_allocated']),
    zReportsCapacity: num(d['z_reports_capacity']),
    raw,
  };
}

export const fiscalInfoReader: CallReader<FiscalInfo> = {
  normalise(data, raw) {
    if (!isRecord(data)) return invalid('data is not an object', raw);
    return { ok: true, value: readFiscalInfo(data, raw) };
  },
};

export const shiftOpenedReader: CallReader<ShiftOpened> = {
  normalise(data, raw) {
    if (!isRecord(data)) return invalid('data is not an object', raw);
    return {
      ok: true,
      value: { time: nonEmptyId(data['time']), appletVersion: nonEmptyId(data['applet_version']), alreadyOpen: false, raw },
    };
  },
};

export const shiftReportReader: CallReader<ShiftReport> = {
  normalise(data, raw) {
    if (!isRecord(data)) return invalid('data is not an object', raw);
    const number = num(data['number']);
    if (number === null) return invalid('data.number (the shift number) is missing', raw);
    return {
      ok: true,
      value: {
        appletVersion: nonEmptyId(data['applet_version']),
        terminalId: nonEmptyId(data['terminal_id']),
        number,
        count: num(data['count']),
        lastReceiptSeq: num(data['last_receipt_seq']),
        firstReceiptSeq: num(data['first_receipt_seq']),
        openTime: nonEmptyId(data['open_time']),
        closeTime: nonEmptyId(data['close_time']),
        totalRefundVat: num(data['total_refund_vat']),
        totalRefundCard: num(data['total_refund_card']),
        totalRefundCash: num(data['total_refund_cash']),
        totalRefundCount: num(data['total_refund_count']),
        totalSaleVat: num(data['total_sale_vat']),
        totalSaleCard: num(data['total_sale_card']),
        totalSaleCash: num(data['total_sale_cash']),
        totalSaleCount: num(data['total_sale_count']),
        shiftOpened: bool(data['shift_opened']),
        cashDescSerial: stringOrNull(data['cash_desc_serial']),
        raw,
      },
    };
  },
};

/** `data: null` on success (order print, banner print). */
export const printedReader: CallReader<Printed> = {
  normalise: (_data, raw) => ({ ok: true, value: { raw } }),
};

export const printedTextReader: CallReader<PrintedText> = {
  normalise(data, raw) {
    if (!isRecord(data)) return invalid('data is not an object', raw);
    const message = stringOrNull(data['message']);
    if (message === null) return invalid('data.message is missing', raw);
    return { ok: true, value: { message, pptId: nonEmptyId(data['ppt_id']), raw } };
  },
};

/** The `/order/refuse/` body (order.md "Order refuse"). */
export function refundReceiptBody(request: RefundReceiptRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    number: Number(request.number),
    products: request.lines.map(productOf),
    uuid: request.uuid,
    qr_code: request.originalQrUrl,
    time: request.time,
    cashier: request.cashier,
    received_cash: 0,
    change: 0,
    received_card: request.total,
    card_type: 2,
  };
  if (request.rrn !== null && request.rrn !== '') body['ppt_id'] = request.rrn;
  return body;
}

function refundProblem(request: RefundReceiptRequest): string | null {
  if (!/^\d+$/.test(request.number)) return `number "${request.number}" is not an integer`;
  if (!isTiyin(request.total) || request.total <= 0) return 'total is not a positive whole number of tiyin';
  if (request.lines.length === 0) return 'a refund receipt needs at least one line';
  if (request.originalQrUrl.trim() === '') return 'the sale receipt URL (qr_code) is missing';
  const sum = request.lines.reduce((total, line) => total + line.price, 0);
  if (sum !== request.total) return `the lines add up to ${sum}, not ${request.total}`;
  return null;
}

/** `{"result": {...envelope}}` → the envelope; anything else as it is. */
function unwrapResult(value: unknown): unknown {
  if (isRecord(value) && !('is_success' in value) && isRecord(value['result'])) return value['result'];
  return value;
}

/** interpretResponse (envelope.ts) with the `result` wrapper some fiscal answers have. */
export function interpretFiscalResponse<T>(outcome: HttpOutcome, reader: CallReader<T>): Result<T> {
  if (outcome.kind === 'transport') return unknown(outcome.reason, outcome.status, outcome.text);
  const { status, text } = outcome;
  if (status >= 500) return unknown('server', status, text);
  if (status < 200 || status > 299) return { ok: false, error: { kind: 'http', status, raw: text } };
  let parsed = parseTolerant(text);
  // The Z-report open example itself has a trailing comma (`"applet_version": "0300",\n },`).
  if (!parsed.ok) parsed = parseTolerant(text.replace(/,(\s*[}\]])/g, '$1'));
  if (!parsed.ok) return unknown('unreadable', status, text);
  const envelope = unwrapResult(parsed.value);
  if (!isRecord(envelope)) return invalid('the answer is not an object', text);
  const isSuccess = envelope['is_success'];
  if (isSuccess === true) {
    if (envelope['error'] !== null && envelope['error'] !== undefined) return invalid('is_success is true but error is set', text);
    return reader.normalise(envelope['data'], text);
  }
  if (isSuccess === false) {
    const error = envelope['error'];
    if (!isRecord(error)) return invalid('is_success is false but error is missing', text);
    const code = idText(error['code']);
    if (code === null) return invalid('error.code is missing', text);
    const message = typeof error['message'] === 'string' ? error['message'] : '';
    return {
      ok: false,
      error: { kind: 'rejected', code, message, fieldErrors: code === '7' ? decodeFieldErrors(message) : null, providerCode: null, raw: text },
    };
  }
  return invalid('is_success is neither true nor false', text);
}

/** Creates the fiscal calls on a gateway client's http core. */
export function createFiscalCalls(options: FiscalCallsOptions): FiscalCalls {
  const { core, timeouts } = options;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    reader: CallReader<T>,
    callOptions: CallOptions | undefined,
  ): Promise<Result<T>> {
    const request: Parameters<typeof sendRequest>[1] = { method, path, timeoutMs: callOptions?.timeoutMs ?? timeoutMs };
    if (method === 'POST') request.body = body;
    if (callOptions?.signal) request.signal = callOptions.signal;
    const outcome = await sendRequest(core, request);
    let result: Result<T>;
    try {
      result = interpretFiscalResponse(outcome, reader);
    } catch {
      result = unknown('unreadable', outcome.status, outcome.text);
    }
    core.trace.settle(outcome.traceId, outcomeOf(result));
    return result;
  }

  const timeQuery = (time: string): string => `?time=${encodeURIComponent(time)}`;

  return {
    info: (o) => call('GET', '/info/', undefined, timeouts.defaultMs, fiscalInfoReader, o),
    async openShift(time, o) {
      const result = await call('GET', `/zreport/open/${timeQuery(time)}`, undefined, timeouts.receiptMs, shiftOpenedReader, o);
      if (!result.ok && isShiftAlreadyOpen(result.error)) {
        const raw = result.error.kind === 'rejected' ? result.error.raw : '';
        return { ok: true, value: { time: null, appletVersion: null, alreadyOpen: true, raw } };
      }
      return result;
    },
    closeShift: (time, o) =>
      call('GET', `/zreport/close/${timeQuery(time)}`, undefined, timeouts.receiptMs, shiftReportReader, o),
    printShiftReport: (closeShift, time, o) =>
      call(
        'POST',
        `/zreport/close/${timeQuery(time)}`,
        { close_zreport: closeShift, name: closeShift ? 'Z' : 'X', banners: [] },
        timeouts.receiptMs,
        shiftReportReader,
        o,
      ),
    shiftInfo: (o) => call('GET', '/zreport/info/', undefined, timeouts.defaultMs, shiftReportReader, o),
    refundReceipt(request, o) {
      const problem = refundProblem(request);
      if (problem !== null) return Promise.resolve({ ok: false, error: { kind: 'refused', problem } });
      return call('POST', '/order/refuse/', refundReceiptBody(request), timeouts.receiptMs, receiptReader, o);
    },
    reprintLastReceipt: (o) => call('GET', '/order/print/', undefined, timeouts.receiptMs, printedReader, o),
    printBanners(banners, o) {
      if (banners.length === 0) return Promise.resolve({ ok: false, error: { kind: 'refused', problem: 'nothing to print' } });
      return call('POST', '/print/banner', { banners }, timeouts.receiptMs, printedReader, o);
    },
    printLast: (target, o) => call('GET', printLastPath[target], undefined, timeouts.receiptMs, printedTextReader, o),
    pinpadShortReport: (provider, o) =>
      call(
        'GET',
        `/payment/${methodRow(provider).gatewayName}_shortreport/`,
        undefined,
        timeouts.receiptMs,
        printedTextReader,
        o,
      ),
  };
}
