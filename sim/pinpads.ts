/**
 * The two card pinpads: Humo (Ingenico, slips in Russian) and UzCard (PAX A35). Each has a shift; a payment
 * can be cancelled (Humo) or returned (UzCard) once and only within the shift it was made in; closing the
 * shift (reconciliation) starts a new one. Slips follow gateway-api.md's examples.
 */
import type { IdSource } from './random-ids.ts';
import { formatDateTime, formatSlipDate, formatTiyinAsSom, formatTime } from './clock-format.ts';
import { jsonAnswer, textAnswer, type Answer, type Envelope } from './envelope.ts';

export type PinpadKind = 'humo' | 'uzcard';
export type HumoCancelBy = 'check' | 'rrn';

export interface PinpadPayment {
  method: PinpadKind;
  /** 12 digits, kept as text (UzCard RRNs start with "0109"). */
  rrn: string;
  /** Humo: the slip's "Чек"; UzCard: the "Invoice" number. */
  checkNumber: string;
  shift: number;
  amount: number;
  createdAt: string;
  cancelled: { at: string; rrn: string; checkNumber: string } | null;
}

export interface PinpadShift {
  terminalId: string;
  shift: number;
  /** The check (Humo) or invoice (UzCard) number the next operation gets. */
  nextCheckNumber: number;
}

export type CancelOutcome =
  | { ok: true; payment: PinpadPayment; answer: Answer }
  | { ok: false; responseCode: string; answer: Answer };

const humoTerminal = '09110004';
const humoOrganisation = '010950461213101';
const uzcardTerminal = '00000166';
const uzcardMerchant = '000000009052147';
const slipWidth = 36;
const rule = '='.repeat(slipWidth);

/** A label and a value pushed to the slip's right edge. */
const row = (label: string, value: string): string => label + value.padStart(Math.max(1, slipWidth - label.length));
const centre = (text: string): string => ' '.repeat(Math.max(0, Math.floor((slipWidth - text.length) / 2))) + text;

/** The pinpads' declines and failed cancels: HTTP 200, code 108 (Humo) or 109 (UzCard), the slip as `message`. */
export function pinpadError(kind: PinpadKind, slip: string): Envelope {
  return {
    data: { message: slip, ppt_id: null },
    error: kind === 'humo' ? { code: 108, message: 'XUMO_ERROR', data: null } : { code: 109, message: 'UZCARD_ERROR', data: null },
    is_success: false,
  };
}

/** Humo and UzCard terminals with their shifts and payments. */
export class Pinpads {
  private payments: PinpadPayment[] = [];
  private shifts: Record<PinpadKind, PinpadShift> = {
    humo: { terminalId: humoTerminal, shift: 1, nextCheckNumber: 1 },
    uzcard: { terminalId: uzcardTerminal, shift: 1, nextCheckNumber: 1 },
  };
  private usedRrns = new Set<string>();
  private lastSlips: Record<PinpadKind, { slip: string; rrn: string | null } | null> = { humo: null, uzcard: null };

  constructor(private readonly ids: IdSource) {}

  /** A sale on the terminal: a fresh RRN and the shift's next check number (a decline uses one up too). */
  private newSale(kind: PinpadKind, amount: number, now: Date): PinpadPayment {
    const shift = this.shifts[kind];
    return {
      method: kind,
      rrn: this.newRrn(kind),
      checkNumber: String(shift.nextCheckNumber++),
      shift: shift.shift,
      amount,
      createdAt: now.toISOString(),
      cancelled: null,
    };
  }

  private saleSlip(sale: PinpadPayment, responseCode: string, now: Date): string {
    return sale.method === 'humo' ? this.humoSaleSlip(sale, responseCode, now) : this.uzcardSaleSlip(sale, responseCode, now);
  }

  /** A successful card payment: recorded, with its approved slip. */
  pay(kind: PinpadKind, amount: number, now: Date): { payment: PinpadPayment; answer: Answer } {
    const payment = this.newSale(kind, amount, now);
    this.payments.push(payment);
    const slip = this.saleSlip(payment, '000', now);
    this.lastSlips[kind] = { slip, rrn: payment.rrn };
    return { payment, answer: jsonAnswer({ data: { message: slip, ppt_id: payment.rrn }, error: null, is_success: true }) };
  }

  /** A declined card payment with `responseCode` on the slip; nothing is recorded but the check number moves on. */
  decline(kind: PinpadKind, amount: number, responseCode: string, now: Date): Answer {
    const attempt = this.newSale(kind, amount, now);
    const slip = this.saleSlip(attempt, responseCode, now);
    this.lastSlips[kind] = { slip, rrn: null };
    return jsonAnswer(pinpadError(kind, slip), 'decline');
  }

  /**
   * Cancels (Humo) or returns (UzCard) a payment of the current shift, once. Humo finds it by check number
   * or RRN (`humoCancelBy`), UzCard by RRN; ids are compared as text. Failures answer response code
   * 202 (not found), 218 (already cancelled), 914 (made in an earlier shift) or 915 (amount above the original).
   */
  cancel(
    kind: PinpadKind,
    requestId: string,
    amount: number,
    options: { humoCancelBy: HumoCancelBy; uzcardReturnMalformed: boolean },
    now: Date,
  ): CancelOutcome {
    const byCheck = kind === 'humo' && options.humoCancelBy === 'check';
    const payment = this.payments.find((p) => p.method === kind && (byCheck ? p.checkNumber : p.rrn) === requestId);
    const code =
      payment === undefined
        ? '202'
        : payment.cancelled
          ? '218'
          : payment.shift !== this.shifts[kind].shift
            ? '914'
            : amount > payment.amount
              ? '915'
              : null;
    const shift = this.shifts[kind];
    const checkNumber = String(shift.nextCheckNumber++);
    if (code !== null || payment === undefined) {
      const failCode = code ?? '202';
      const slip = this.cancelFailureSlip(kind, requestId, amount, checkNumber, failCode, now);
      this.lastSlips[kind] = { slip, rrn: null };
      return { ok: false, responseCode: failCode, answer: jsonAnswer(pinpadError(kind, slip)) };
    }
    if (kind === 'humo') {
      payment.cancelled = { at: now.toISOString(), rrn: payment.rrn, checkNumber };
      const slip = this.humoCancelSlip(payment, amount, checkNumber, now);
      this.lastSlips[kind] = { slip, rrn: payment.rrn };
      return { ok: true, payment, answer: jsonAnswer({ data: { message: slip, ppt_id: payment.rrn }, error: null, is_success: true }) };
    }
    const returnRrn = this.newRrn(kind);
    payment.cancelled = { at: now.toISOString(), rrn: returnRrn, checkNumber };
    const slip = this.uzcardReturnSlip(amount, checkNumber, returnRrn, now);
    this.lastSlips[kind] = { slip, rrn: returnRrn };
    if (!options.uzcardReturnMalformed) {
      return { ok: true, payment, answer: jsonAnswer({ data: { message: slip, ppt_id: returnRrn }, error: null, is_success: true }) };
    }
    // gateway-api.md's documented answer: the slip's line breaks raw inside the string, which is never
    // closed, and the gateway's Kotlin toString() tail instead of the rest of the JSON.
    const body = `{\n    "data": {\n        "message": "\n${slip}\n, pptId=${returnRrn}), error=null, isSuccess=true\n}`;
    return { ok: true, payment, answer: textAnswer(body, 'success_malformed') };
  }

  /** Reconciliation: prints the shift's totals and starts a new shift (earlier payments can no longer be cancelled). */
  close(kind: PinpadKind, now: Date): Answer {
    const shift = this.shifts[kind];
    const inShift = this.payments.filter((p) => p.method === kind && p.shift === shift.shift);
    const sales = inShift.reduce((sum, p) => sum + p.amount, 0);
    const cancelled = inShift.filter((p) => p.cancelled);
    const cancelledSum = cancelled.reduce((sum, p) => sum + p.amount, 0);
    const date = formatSlipDate(now);
    const time = formatTime(now);
    const lines =
      kind === 'humo'
        ? [
            rule,
            centre('Отчет закрытия смены'),
            centre('Сверка итогов'),
            `Дата:${date}         Время:${time}`,
            rule,
            `Терминал ID: ${shift.terminalId}`,
            `ID магазина:  ${humoOrganisation}`,
            row('Номер смены', ` ${shift.shift}`),
            row(`Оплата: ${inShift.length}`, `${formatTiyinAsSom(sales)} UZS`),
            row(`Отмена: ${cancelled.length}`, `${formatTiyinAsSom(cancelledSum)} UZS`),
            centre('Итоги совпали'),
            centre('Краткий отчет'),
            '-'.repeat(slipWidth),
            centre('Отчет окончен'),
            rule,
          ]
        : [
            'PAX A35 Uzcard POS v1.5.0',
            'Merchant: Technology-7',
            `Date/Time: ${formatDateTime(now)}`,
            `MID: ${uzcardMerchant}`,
            `TID: ${shift.terminalId}`,
            'Operation: Сверка итогов (SETTLEMENT)',
            `Batch: ${shift.shift}`,
            `Sales: ${inShift.length}  ${formatTiyinAsSom(sales)} UZS`,
            `Returns: ${cancelled.length}  ${formatTiyinAsSom(cancelledSum)} UZS`,
            'Resp Code: 000',
            'Итоги совпали',
          ];
    shift.shift += 1;
    return jsonAnswer({ data: { message: `${lines.join('\n')}\n`, ppt_id: null }, error: null, is_success: true });
  }

  /** The last slip printed on this pinpad (a reprint), or a 108/109 error when there is none. */
  printLast(kind: PinpadKind): Answer {
    const last = this.lastSlips[kind];
    if (!last) return jsonAnswer(pinpadError(kind, 'No transactions'));
    return jsonAnswer({ data: { message: last.slip, ppt_id: last.rrn }, error: null, is_success: true });
  }

  /** Closes the shift without the report (control API). Returns the new shift number. */
  closeShift(kind: PinpadKind, now: Date): number {
    this.close(kind, now);
    return this.shifts[kind].shift;
  }

  /** Every pinpad payment, oldest first (copies). */
  list(): PinpadPayment[] {
    return this.payments.map((p) => ({ ...p, cancelled: p.cancelled ? { ...p.cancelled } : null }));
  }

  /** Each pinpad's current shift (copies). */
  shiftInfo(): Record<PinpadKind, PinpadShift> {
    return { humo: { ...this.shifts.humo }, uzcard: { ...this.shifts.uzcard } };
  }

  private newRrn(kind: PinpadKind): string {
    for (;;) {
      const rrn = kind === 'humo' ? `4${this.ids.digits(11)}` : `0109${this.ids.digits(8)}`;
      if (!this.usedRrns.has(rrn)) {
        this.usedRrns.add(rrn);
        return rrn;
      }
    }
  }

  private humoSaleSlip(p: PinpadPayment, responseCode: string, now: Date): string {
    const approved = responseCode === '000';
    return [
      '           ОБЫЧНЫЙ ТОВАР',
      `ID Терминала:${humoTerminal}  Номер смены ${p.shift}`,
      `ID Организации:${humoOrganisation} `,
      '                             Чек',
      p.checkNumber,
      '               Оплата',
      approved ? '              ОДОБРЕНО' : '               ОТКАЗ',
      row('СУММА(AMOUNT):', `${formatTiyinAsSom(p.amount)} UZS`),
      row('ИТОГО(TOTAL):', `${formatTiyinAsSom(p.amount)} UZS`),
      'AID: A0860001000001  HUMO- Cless EMV',
      'Карта: HUMO              Срок: 01/27',
      '        986009******7856:01',
      ...(approved ? [`Код авторизации: ${this.ids.digits(6)} `] : []),
      '                     Код ответа:',
      responseCode,
      `RRN:${p.rrn} `,
      `              Дата:${formatSlipDate(now)}`,
      formatTime(now),
      'Univ. EMV POS 1.0.0/(MP) /675',
      rule,
      '',
    ].join('\n');
  }

  private humoCancelSlip(p: PinpadPayment, amount: number, checkNumber: string, now: Date): string {
    return [
      '',
      '            ОБЫЧНЫЙ ТОВАР',
      `ID Терм.:${humoTerminal}      Номер смены ${this.shifts.humo.shift}`,
      `ID Орг.:${humoOrganisation}       Чек ${checkNumber}`,
      '          Отмена (CANCEL)',
      '              ОДОБРЕНО',
      '         ОПЕРАЦИЯ ОТМЕНЕНА',
      row('СУММА:', `${formatTiyinAsSom(amount)} UZS`),
      'AID:A0860001000001   HUMO- Cless EMV',
      'Карта:HUMO',
      '        986009******7856:01',
      `Код авториз.:${this.ids.digits(6)}   Код ответа:400`,
      `RRN(ссылка) :${p.rrn}`,
      `Дата:${formatSlipDate(now)} ${formatTime(now)}`,
      'Univ. EMV POS 1.0.0/(MP) /681',
      rule,
      '',
    ].join('\n');
  }

  private uzcardSaleSlip(p: PinpadPayment, responseCode: string, now: Date): string {
    const approved = responseCode === '000';
    return [
      'PAX A35 Uzcard POS v1.5.0',
      'Merchant: Technology-7',
      'Address: Tashkent, Uzbekistan',
      `Date/Time: ${formatDateTime(now)}`,
      `MID: ${uzcardMerchant}`,
      `TID: ${uzcardTerminal}`,
      'Operation: Оплата',
      `Invoice: ${p.checkNumber}`,
      'CARD: 626291******5674(БЕСКОНТАКТ(W))',
      'Card Holder: TCARD/ARCA',
      `Total Amount: ${p.amount}`,
      'Currency:  UZS',
      `Auth Code: ${approved ? this.ids.digits(6) : ''}`,
      `Resp Code: ${responseCode}`,
      `RRN: ${p.rrn}`,
      'PIN: ',
      'TVR: , TSI: ',
      '',
    ].join('\n');
  }

  private uzcardReturnSlip(amount: number, checkNumber: string, rrn: string, now: Date): string {
    return [
      '            OOO TEST TIME',
      '        Tashkent, Main str',
      '       БЕСКОНТАКТНАЯ ОПЕРАЦИЯ',
      row('Номер операции:', checkNumber),
      row('Терминал:', uzcardTerminal),
      row('Торговец:', uzcardMerchant),
      row('Версия ПО:', 'SKappay v1.7.0_rc2'),
      row('SN:', '2290268839'),
      row('RRN', rrn),
      row('Дата', formatDateTime(now)),
      row('Карта', '544081******5040'),
      row('Тип:', 'UZCARD-MASTERCARD'),
      ' ',
      ' ',
      '              Возврат',
      `             ${formatTiyinAsSom(amount)} UZS`,
      '              Одобрено',
      '          Код ответа:000 ',
    ].join('\n');
  }

  private cancelFailureSlip(kind: PinpadKind, requestId: string, amount: number, checkNumber: string, code: string, now: Date): string {
    if (kind === 'humo') {
      return [
        '            ОБЫЧНЫЙ ТОВАР',
        `ID Терм.:${humoTerminal}      Номер смены ${this.shifts.humo.shift}`,
        `ID Орг.:${humoOrganisation}       Чек ${checkNumber}`,
        '          Отмена (CANCEL)',
        '               ОТКАЗ',
        row('СУММА:', `${formatTiyinAsSom(amount)} UZS`),
        `Ссылка: ${requestId}`,
        '                     Код ответа:',
        code,
        `Дата:${formatSlipDate(now)} ${formatTime(now)}`,
        rule,
        '',
      ].join('\n');
    }
    return [
      'PAX A35 Uzcard POS v1.5.0',
      'Merchant: Technology-7',
      `Date/Time: ${formatDateTime(now)}`,
      `TID: ${uzcardTerminal}`,
      'Operation: Возврат (REFUND)',
      `Invoice: ${checkNumber}`,
      `Total Amount: ${amount}`,
      `Orig RRN: ${requestId}`,
      `Resp Code: ${code}`,
      '',
    ].join('\n');
  }
}
