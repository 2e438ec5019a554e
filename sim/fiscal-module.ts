/**
 * The fiscal module behind the gateway, as the vendor documents it (spec/vendor z-report-and-x-report.md,
 * info.md, order.md refuse/print, banners.md, additional-commands.md, errors.md): the shift (Z-report) with its
 * totals, the X-report, `/info/` with its limits, refund receipts, reprints, non-fiscal banners and the
 * pinpads' short reports and reprints of their last reconciliation.
 *
 * Choices where the docs leave room (each stated so a test can hold the simulator to it):
 * - A receipt while the shift is closed is refused with 36909 (errors.md: "Z-report not opened. Need to open
 *   shift"). The Z-report doc's 9326/9327 are what the close/open calls themselves answer when there is nothing
 *   to do (its own examples), so those calls answer them.
 * - Success answers of `/zreport/close/` and `/zreport/info/` come wrapped in `{"result": …}` as their examples
 *   show; `/zreport/open/` and every error answer are flat, as theirs are.
 * - Module-level faults (blocked 65279, not connected 65534, not initialised 102, subscription 333) answer every
 *   fiscal call, `/info/` included, in the error shape of info.md's example; memory full (36886) and offline too
 *   long (36889) refuse receipts while `/info/` still answers with the numbers that show why.
 */
import type { IdSource } from './random-ids.ts';
import { printBanner } from './print-banner.ts';
import { formatCompactDateTime, formatDateTime, formatSlipDate, formatTiyinAsSom, formatTime, parseLocalDateTime } from './clock-format.ts';
import { fail, field, jsonAnswer, ok, validationError, type Answer, type Envelope, type FieldErrors } from './envelope.ts';
import type { FiscalSettings } from './fiscal-settings.ts';
import type { PinpadKind, PinpadPayment, PinpadShift } from './pinpads.ts';

export const fiscalTerminalId = 'UZ170703100189';
const appletVersion = '0300';

/** A refund receipt the module registered. */
export interface RefundRecord {
  uuid: string | null;
  receiptCount: number;
  qrUrl: string;
  /** The sale receipt's URL the refund names (`qr_code`). */
  refundOf: string;
  createdAt: string;
  order: Record<string, unknown>;
}

interface ShiftTotals {
  saleCard: number;
  saleCash: number;
  saleVat: number;
  saleCount: number;
  refundCard: number;
  refundCash: number;
  refundVat: number;
  refundCount: number;
  firstReceiptSeq: number;
  lastReceiptSeq: number;
}

const emptyTotals = (): ShiftTotals => ({
  saleCard: 0,
  saleCash: 0,
  saleVat: 0,
  saleCount: 0,
  refundCard: 0,
  refundCash: 0,
  refundVat: 0,
  refundCount: 0,
  firstReceiptSeq: 0,
  lastReceiptSeq: 0,
});

const moduleFaults: Partial<Record<FiscalSettings['fiscalModuleState'], [number, string]>> = {
  blocked: [65279, 'Fiscal drive locked'],
  notConnected: [65534, 'cannot connect card'],
  notInitialised: [102, 'FISCAL_MODULE_NOT_INITIALIZED'],
  subscriptionExpired: [333, 'Subscription up to date'],
};

const receiptFaults: Partial<Record<FiscalSettings['fiscalModuleState'], [number, string]>> = {
  receiptMemoryFull: [36886, 'ERROR_RECEIPT_MEMORY_FULL'],
  offlineTooLong: [36889, 'ERROR_RECEIPT_STORE_DAYS_LIMIT_EXCEEDED'],
};

const numberOf = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) ? value : 0);

/** A `result`-wrapped success answer, as the Z-report close/info examples are. */
function wrapped(envelope: Envelope): Answer {
  const answer = jsonAnswer(envelope);
  if (envelope.is_success) answer.body = JSON.stringify({ result: envelope });
  return answer;
}

export class FiscalModule {
  private shiftOpen: boolean;
  /** The current (or, when closed, the last) shift's number. */
  private shiftNumber: number;
  private closedCount: number;
  private openTime = '';
  private closeTime = '';
  private totals: ShiftTotals = emptyTotals();
  private refunds: RefundRecord[] = [];
  private banners: unknown[][] = [];
  private lastClose: Partial<Record<PinpadKind, Answer>> = {};
  private receiptSeq = 0;

  constructor(
    private readonly ids: IdSource,
    private readonly settings: () => FiscalSettings,
    now: Date,
  ) {
    const s = settings();
    this.closedCount = s.fiscalZReportCount;
    this.shiftOpen = s.fiscalShiftOpenAtStart;
    this.shiftNumber = s.fiscalZReportCount + (this.shiftOpen ? 1 : 0);
    if (this.shiftOpen) this.openTime = formatDateTime(now);
  }

  /** The module-level fault every fiscal call answers, or null. */
  private moduleFault(): Envelope | null {
    const fault = moduleFaults[this.settings().fiscalModuleState];
    return fault ? fail(fault[0], fault[1]) : null;
  }

  /**
   * Whether a receipt (sale or refund) can be registered now: null, or the refusal. Called by `/order/create/`
   * before the receipt store sees the body.
   */
  receiptRefusal(): Envelope | null {
    const moduleFault = this.moduleFault();
    if (moduleFault) return moduleFault;
    const fault = receiptFaults[this.settings().fiscalModuleState];
    if (fault) return fail(fault[0], fault[1]);
    if (!this.shiftOpen) return fail(36909, 'ERROR_ZREPORT_IS_NOT_OPEN');
    return null;
  }

  /** Counts a registered sale into the shift's totals (×100 amounts, as the receipt carried them). */
  recordSale(order: Record<string, unknown>, receiptCount: number): void {
    this.receiptSeq = Math.max(this.receiptSeq, receiptCount);
    const t = this.totals;
    t.saleCard += numberOf(order['received_card']);
    t.saleCash += numberOf(order['received_cash']) - numberOf(order['change']);
    t.saleVat += lineVat(order);
    t.saleCount += 1;
    if (t.firstReceiptSeq === 0) t.firstReceiptSeq = receiptCount;
    t.lastReceiptSeq = receiptCount;
  }

  /** `GET /info/` (info.md). */
  info(now: Date): Envelope {
    const fault = this.moduleFault();
    if (fault) return fault;
    const s = this.settings();
    const clock = new Date(now.getTime() + s.fiscalClockOffsetSeconds * 1000);
    const memoryFull = s.fiscalModuleState === 'receiptMemoryFull';
    const unsent = memoryFull ? s.fiscalReceiptMaxCount : s.fiscalUnsentReceipts;
    const ageHours = s.fiscalModuleState === 'offlineTooLong' ? Math.max(s.fiscalFirstUnsentAgeHours ?? 0, 31 * 24) : s.fiscalFirstUnsentAgeHours;
    return ok({
      terminal_id: fiscalTerminalId,
      applet_version: appletVersion,
      current_receipt_seq: String(this.receiptSeq),
      current_time: formatDateTime(clock),
      last_operation_time: formatDateTime(now),
      receipt_count: unsent,
      receipt_max_count: s.fiscalReceiptMaxCount,
      zreport_count: this.closedCount,
      zreport_max_count: s.fiscalZReportMaxCount,
      available_persistent_memory: 6100,
      available_reset_memory: 1440,
      available_deselect_memory: 1440,
      cashbox_number: '1',
      version_code: '1.12.1',
      is_updated: false,
      first_unacknowledged_receipt_time: ageHours === null ? null : formatDateTime(new Date(now.getTime() - ageHours * 3_600_000)),
    });
  }

  /** `GET /zreport/open/?time=`: 9327 when already open (the Z-report doc's example), 36910 for a bad time. */
  open(time: string | null, now: Date): Envelope {
    const fault = this.moduleFault();
    if (fault) return fault;
    if (time === null || parseLocalDateTime(time) === null) return fail(36910, 'ERROR_ZREPORT_OPEN_TIME_FORMAT_INVALID');
    if (this.shiftOpen) return fail(9327, 'ZREPORT_ALREADY_OPEN');
    this.shiftOpen = true;
    this.shiftNumber = this.closedCount + 1;
    this.openTime = time;
    this.closeTime = '';
    this.totals = emptyTotals();
    void now;
    return ok({ time, applet_version: appletVersion });
  }

  /**
   * `GET /zreport/close/` (Z-report) and `POST /zreport/close/` (`close_zreport: false` = X-report): 9326 when
   * closed; an empty shift is refused with 36907 when `fiscalRefuseEmptyClose` is set.
   */
  close(time: string | null, body: unknown, method: 'GET' | 'POST', now: Date): Answer {
    const fault = this.moduleFault();
    if (fault) return jsonAnswer(fault);
    let closeIt = true;
    if (method === 'POST') {
      const flag = field(body, 'close_zreport');
      if (typeof flag !== 'boolean') return jsonAnswer(validationError({ close_zreport: ['This field is required.'] }));
      closeIt = flag;
    }
    if (!this.shiftOpen) return jsonAnswer(fail(9326, 'ZREPORT_ALREADY_CLOSE'));
    if (!closeIt) return wrapped(ok(this.report(true)));
    const empty = this.totals.saleCount === 0 && this.totals.refundCount === 0;
    if (empty && this.settings().fiscalRefuseEmptyClose) return jsonAnswer(fail(36907, 'ERROR_CURRENT_ZREPORT_IS_EMPTY'));
    this.shiftOpen = false;
    this.closedCount += 1;
    this.closeTime = time !== null && parseLocalDateTime(time) !== null ? time : formatDateTime(now);
    const report = this.report(false);
    this.totals = emptyTotals();
    return wrapped(ok(report));
  }

  /** `GET /zreport/info/` (applet 4 shape: with `shift_opened`). */
  shiftInfo(): Answer {
    const fault = this.moduleFault();
    if (fault) return jsonAnswer(fault);
    return wrapped(ok(this.report(this.shiftOpen)));
  }

  private report(opened: boolean): Record<string, unknown> {
    const t = this.totals;
    return {
      applet_version: appletVersion,
      terminal_id: fiscalTerminalId,
      number: this.shiftNumber,
      count: this.closedCount,
      last_receipt_seq: t.lastReceiptSeq,
      first_receipt_seq: t.firstReceiptSeq,
      open_time: this.openTime,
      close_time: opened ? '' : this.closeTime,
      total_refund_vat: t.refundVat,
      total_refund_card: t.refundCard,
      total_refund_cash: t.refundCash,
      total_refund_count: t.refundCount,
      total_sale_vat: t.saleVat,
      total_sale_card: t.saleCard,
      total_sale_cash: t.saleCash,
      total_sale_count: t.saleCount,
      shift_opened: opened,
      cash_desc_serial: null,
    };
  }

  /**
   * `POST /order/refuse/`: a refund receipt for a sale receipt this module registered. 65277 without `qr_code`,
   * 65274 when it names no receipt of this module, 65531 when the sums do not add up. Not idempotent by `uuid`
   * (the docs do not promise it).
   */
  refuse(body: unknown, saleUrls: ReadonlySet<string>, nextReceiptCount: number, now: Date): Envelope {
    const refusal = this.receiptRefusal();
    if (refusal) return refusal;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return validationError({ non_field_errors: ['Invalid data. Expected a dictionary.'] });
    }
    const order = body as Record<string, unknown>;
    const errors: FieldErrors = {};
    const products = order['products'];
    if (!Array.isArray(products) || products.length === 0) errors['products'] = ['This list may not be empty.'];
    for (const name of ['received_cash', 'received_card', 'number'] as const) {
      const value = order[name];
      if (value === undefined) errors[name] = ['This field is required.'];
      else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) errors[name] = ['A valid integer is required.'];
    }
    if (typeof order['time'] !== 'string' || parseLocalDateTime(order['time']) === null) {
      errors['time'] = ['Datetime has wrong format. Use yyyy-MM-dd HH:mm:ss.'];
    }
    if (Object.keys(errors).length > 0) return validationError(errors);
    const qrCode = order['qr_code'];
    if (typeof qrCode !== 'string' || qrCode.trim() === '') return fail(65277, 'no refund info passed');
    if (!saleUrls.has(qrCode)) return fail(65274, 'not valid refund info', 'refund info is not valid');
    const lines = products as unknown[];
    const sum = lines.reduce((total: number, line) => total + numberOf(field(line, 'price')), 0);
    if (sum !== numberOf(order['received_card']) + numberOf(order['received_cash'])) return fail(65531, 'cannot encode receipt');

    const receiptCount = Math.max(nextReceiptCount, this.receiptSeq + 1);
    this.receiptSeq = receiptCount;
    const dateTime = formatCompactDateTime(now);
    const fiscalSign = this.ids.digits(12);
    const qrUrl = `https://ofd.soliq.uz/check?t=${fiscalTerminalId}&r=${receiptCount}&c=${dateTime}&s=${fiscalSign}`;
    this.refunds.push({
      uuid: typeof order['uuid'] === 'string' && order['uuid'] !== '' ? order['uuid'] : null,
      receiptCount,
      qrUrl,
      refundOf: qrCode,
      createdAt: now.toISOString(),
      order: { ...order },
    });
    const t = this.totals;
    t.refundCard += numberOf(order['received_card']);
    t.refundCash += numberOf(order['received_cash']);
    t.refundVat += lineVat(order);
    t.refundCount += 1;
    if (t.firstReceiptSeq === 0) t.firstReceiptSeq = receiptCount;
    t.lastReceiptSeq = receiptCount;
    return ok({
      terminal_id: fiscalTerminalId,
      receipt_count: receiptCount,
      date_time: dateTime,
      fiscal_sign: fiscalSign,
      applet_version: appletVersion,
      qr_url: qrUrl,
      cash_box_number: '2',
    });
  }

  /** `GET /order/print/`: `data: null` (order.md); 101-style refusal when nothing was registered yet. */
  printLastReceipt(anyReceipt: boolean): Envelope {
    const fault = this.moduleFault();
    if (fault) return fault;
    if (!anyReceipt && this.refunds.length === 0) return fail(303, 'SAVE_ORDER_ERROR', null);
    return ok(null);
  }

  /** `POST /print/banner` (banners.md): `data: null` on success. */
  printBanners(body: unknown): Envelope {
    // banners.md's field rules live in print-banner.ts; the module keeps what it printed (the control page, tests).
    const answer = printBanner(body);
    if (answer.is_success) this.banners.push(field(body, 'banners') as unknown[]);
    return answer;
  }

  /** Remembers a pinpad's reconciliation answer, for `…_close/print_last`. */
  rememberClose(kind: PinpadKind, answer: Answer): Answer {
    if (answer.status === 200 && answer.body.includes('"is_success":true')) this.lastClose[kind] = answer;
    return answer;
  }

  /** `GET /payment/{xumo,uzcard}_close/print_last`: a copy of the last reconciliation; 108/109 when there is none. */
  printLastClose(kind: PinpadKind): Answer {
    const last = this.lastClose[kind];
    if (last) return { ...last };
    return jsonAnswer({
      data: { message: 'No reconciliation yet', ppt_id: null },
      error: kind === 'humo' ? { code: 108, message: 'XUMO_ERROR', data: null } : { code: 109, message: 'UZKARD_ERROR', data: null },
      is_success: false,
    });
  }

  /**
   * `GET /payment/{xumo,uzcard}_shortreport/`: the pinpad's totals in its current shift, printed; shaped like
   * the UzCard example in z-report-and-x-report.md.
   */
  shortReport(kind: PinpadKind, payments: PinpadPayment[], shift: PinpadShift, now: Date): Envelope {
    const inShift = payments.filter((p) => p.method === kind && p.shift === shift.shift);
    const paid = inShift.reduce((sum, p) => sum + p.amount, 0);
    const cancelled = inShift.filter((p) => p.cancelled);
    const cancelledSum = cancelled.reduce((sum, p) => sum + p.amount, 0);
    const rule = '='.repeat(36);
    const row = (label: string, value: string): string => label + value.padStart(Math.max(1, 36 - label.length));
    const lines = [
      '           ОБЫЧНЫЙ ТОВАР',
      rule,
      '           Краткий отчет',
      rule,
      `       Эквайер: ${kind === 'humo' ? 'HUMO' : 'UZCARD-Local'}`,
      rule,
      row('Терминал:', shift.terminalId),
      `Дата:${formatSlipDate(now)}         Время:${formatTime(now)}`,
      rule,
      row(`Оплата                (${inShift.length})`, ` ${formatTiyinAsSom(paid)} UZS`),
      row(`Отмены                (${cancelled.length})`, ` ${formatTiyinAsSom(cancelledSum)} UZS`),
      rule,
      'Итого:',
      row('Дебет:', ` ${formatTiyinAsSom(paid)} UZS`),
      row('Отмены дебет:', ` -${formatTiyinAsSom(cancelledSum)} UZS`),
      row('', ` ${formatTiyinAsSom(paid - cancelledSum)} UZS`),
      rule,
      '           Отчет окончен',
      rule,
    ];
    return ok({ message: `${lines.join('\n')}\n`, ppt_id: null });
  }

  /** Refund receipts, oldest first (copies). */
  listRefunds(): RefundRecord[] {
    return this.refunds.map((r) => ({ ...r, order: { ...r.order } }));
  }

  /** Banner prints, oldest first. */
  listBanners(): unknown[][] {
    return this.banners.map((b) => [...b]);
  }

  get isShiftOpen(): boolean {
    return this.shiftOpen;
  }

  /**
   * The `fiscalShiftOpenAtStart` setting changed (tests set it right after a reset): the shift is put in that
   * state now, as if the simulator had started with it.
   */
  setShiftAtStart(open: boolean, now: Date): void {
    if (open === this.shiftOpen) return;
    if (open) {
      this.shiftOpen = true;
      this.shiftNumber = this.closedCount + 1;
      this.openTime = formatDateTime(now);
      this.closeTime = '';
      this.totals = emptyTotals();
    } else {
      this.forceClose(now);
    }
  }

  /** Control API: closes the shift without a report (as if staff closed it elsewhere). */
  forceClose(now: Date): void {
    if (!this.shiftOpen) return;
    this.shiftOpen = false;
    this.closedCount += 1;
    this.closeTime = formatDateTime(now);
    this.totals = emptyTotals();
  }
}

function lineVat(order: Record<string, unknown>): number {
  const products = order['products'];
  return Array.isArray(products) ? products.reduce((sum: number, line) => sum + numberOf(field(line, 'vat')), 0) : 0;
}
