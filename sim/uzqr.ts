/**
 * UzQR invoices (uzqr.md, `/payment/one_qr/*`): a dynamic invoice with its QR text, a status call the gateway
 * holds open until the invoice is final or its hold limit passes, a cancel that really cancels, the fiscal
 * receipt link, and asynchronous partial refunds.
 *
 * Choices where the doc leaves room (each held by sim/uzqr.test.ts):
 * - `amount` must be so'm with a dot and exactly two decimals on create (the doc's "100.00"; a kiosk that sends
 *   tiyin or a float is caught here, 2002). The refund's `amount` ("Сумма", example "1") is read as so'm with
 *   at most two decimals.
 * - A second create with an `external_id` already used is refused (2003): the doc says it must be unique.
 * - A cancelled invoice answers the status call with status 3 (declined); a cancel of a paid one 3002.
 * - A refund above what remains of the payment is taken, or refused (2002) with `uzqrRefundAboveRemaining:
 *   'refuse'`: the doc names no such check, so by default the kiosk has to refuse it itself. A refund of an unknown
 *   or unpaid `pay_id` 4001; an unknown `refund_id` 3001.
 * - A refund is pending for `uzqrRefundPendingPolls` status calls, then refunded (or settled on command).
 */
import { fail, field, ok, type Envelope } from './envelope.ts';
import type { IdSource } from './random-ids.ts';

export type UzqrInvoiceState = 'in_progress' | 'paid' | 'declined' | 'cancelled';
export type UzqrRefundState = 'pending' | 'refunded' | 'failed';

export interface UzqrInvoice {
  invoiceId: string;
  externalId: string;
  /** Tiyin. */
  amount: number;
  qrText: string;
  state: UzqrInvoiceState;
  payId: string | null;
  payerPhone: string | null;
  cardType: string | null;
  cardNo: string | null;
  createdAt: string;
  finalAt: string | null;
  /** Every `fiscal_receipt_url` the kiosk linked to this payment, in order. */
  receiptUrls: string[];
  /** Status calls received. */
  polls: number;
}

export interface UzqrRefund {
  refundId: string;
  payId: string;
  /** Tiyin. */
  amount: number;
  state: UzqrRefundState;
  createdAt: string;
  /** Refund status calls received. */
  polls: number;
}

/** uzqr.md's error table, with the messages the vendor's examples use where it shows one. */
export const uzqrErrorMessages: Record<string, string> = {
  '1001': 'Ошибка авторизации UzQR. Проверьте настройки подключения.',
  '1002': 'Доступ заблокирован',
  '2001': 'Некорректные параметры запроса',
  '2002': 'Некорректный формат суммы',
  '2003': 'Некорректный формат external_id',
  '2004': 'Некорректный номер фискального модуля',
  '3001': 'Операция не найдена.',
  '3002': 'Инвойс уже оплачен',
  '4001': 'Платеж не найден.',
  '6001': 'Превышен лимит запросов',
  '9001': 'Временная ошибка UzQR. Повторите позже.',
};

/** An error envelope with uzqr.md's code and message. */
export function uzqrError(code: string | number, message?: string): Envelope {
  const text = String(code);
  return fail(Number(text), message ?? uzqrErrorMessages[text] ?? 'UzQR error');
}

const fiscalModule = '12345678901234';

/** So'm text → tiyin, or null. `exactCents`: exactly two decimals (the create call). */
function somToTiyin(value: unknown, exactCents: boolean): number | null {
  if (typeof value !== 'string') return null;
  const match = (exactCents ? /^(\d+)\.(\d{2})$/ : /^(\d+)(?:\.(\d{1,2}))?$/).exec(value);
  if (!match) return null;
  const tiyin = Number(`${match[1] ?? ''}${(match[2] ?? '').padEnd(2, '0')}`);
  return Number.isSafeInteger(tiyin) && tiyin > 0 ? tiyin : null;
}

function text(body: unknown, name: string): string | null {
  const value = field(body, name);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** What the customer's bank app sends when it pays (control API). */
export interface UzqrPayer {
  payerPhone?: string;
  cardType?: string;
  cardNo?: string;
}

export class UzqrStore {
  private invoices = new Map<string, UzqrInvoice>();
  private refunds = new Map<string, UzqrRefund>();
  private waiters = new Map<string, Set<() => void>>();

  constructor(private readonly ids: IdSource) {}

  /** `POST /payment/one_qr/create`. */
  create(body: unknown, now: Date): Envelope {
    const externalId = text(body, 'external_id');
    if (externalId === null || externalId.length > 20) return uzqrError(2003);
    const amount = somToTiyin(field(body, 'amount'), true);
    if (amount === null) return uzqrError(2002);
    if ([...this.invoices.values()].some((i) => i.externalId === externalId)) return uzqrError(2003, 'external_id already used');
    const invoiceId = `INV${this.ids.hex(22).toUpperCase()}`;
    // Shaped like the doc's "00020101021240350012qr-online.uz…", carrying the invoice id so each QR differs.
    const qrText = `00020101021240350012qr-online.uz0125${invoiceId}6304${this.ids.hex(4).toUpperCase()}`;
    const invoice: UzqrInvoice = {
      invoiceId,
      externalId,
      amount,
      qrText,
      state: 'in_progress',
      payId: null,
      payerPhone: null,
      cardType: null,
      cardNo: null,
      createdAt: now.toISOString(),
      finalAt: null,
      receiptUrls: [],
      polls: 0,
    };
    this.invoices.set(invoiceId, invoice);
    return ok({ invoice_id: invoiceId, qr_text: qrText });
  }

  /**
   * `GET /payment/one_qr/status`: answers at once when the invoice is final (or unknown: 3001), else holds the
   * request until it becomes final, `holdMs` passes (then status 1, as the gateway does after 2 minutes) or
   * `gone` resolves (the client went away).
   */
  async status(invoiceId: string | null, holdMs: number, gone: Promise<void>): Promise<Envelope> {
    const invoice = invoiceId === null ? undefined : this.invoices.get(invoiceId);
    if (!invoice) return uzqrError(3001);
    invoice.polls += 1;
    if (invoice.state === 'in_progress' && holdMs > 0) {
      await new Promise<void>((resolve) => {
        const waiters = this.waiters.get(invoice.invoiceId) ?? new Set();
        this.waiters.set(invoice.invoiceId, waiters);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, holdMs);
        waiters.add(done);
        void gone.then(done);
      });
    }
    return this.statusAnswer(invoice);
  }

  private statusAnswer(invoice: UzqrInvoice): Envelope {
    const code = { in_progress: 1, paid: 2, declined: 3, cancelled: 3 }[invoice.state];
    const data = {
      invoice_id: invoice.invoiceId,
      status: code,
      pay_id: invoice.payId,
      payer_phone: invoice.payerPhone,
      card_type: invoice.cardType,
      card_no: invoice.cardNo,
      fiscal_module: fiscalModule,
    };
    // uzqr.md's declined example: is_success false with error null.
    return code === 3 ? { data, error: null, is_success: false } : ok(data);
  }

  /** `POST /payment/one_qr/cancel`. */
  cancel(body: unknown, now: Date): Envelope {
    const invoice = this.invoices.get(text(body, 'invoice_id') ?? '');
    if (!invoice) return uzqrError(3001);
    if (invoice.state === 'paid') return uzqrError(3002);
    if (invoice.state === 'in_progress') this.settle(invoice, 'cancelled', now);
    return ok({});
  }

  /** `POST /payment/one_qr/receipt`. */
  receipt(body: unknown): Envelope {
    const payId = text(body, 'pay_id');
    const invoice = payId === null ? undefined : this.byPayId(payId);
    if (!invoice) return uzqrError(4001);
    const url = text(body, 'fiscal_receipt_url');
    if (url === null) return fail(105, 'fiscal_receipt_url is required');
    invoice.receiptUrls.push(url);
    return ok({});
  }

  /** `POST /payment/one_qr/refund`; `aboveRemaining` says what becomes of a refund above what remains. */
  refund(body: unknown, now: Date, aboveRemaining: 'accept' | 'refuse'): Envelope {
    const payId = text(body, 'pay_id');
    const invoice = payId === null ? undefined : this.byPayId(payId);
    if (!invoice || payId === null) return uzqrError(4001);
    const amount = somToTiyin(field(body, 'amount'), false);
    if (amount === null) return uzqrError(2002);
    if (aboveRemaining === 'refuse' && amount > this.remaining(payId, invoice.amount)) return uzqrError(2002, 'Сумма возврата больше суммы операции');
    const refund: UzqrRefund = { refundId: `REF${this.ids.hex(17).toUpperCase()}`, payId, amount, state: 'pending', createdAt: now.toISOString(), polls: 0 };
    this.refunds.set(refund.refundId, refund);
    return ok({ refund_id: refund.refundId, status: 1 });
  }

  /** `GET /payment/one_qr/refund/status`; `pendingPolls` null: pending until settled on command. */
  refundStatus(refundId: string | null, pendingPolls: number | null): Envelope {
    const refund = refundId === null ? undefined : this.refunds.get(refundId);
    if (!refund) return uzqrError(3001);
    if (refund.state === 'pending' && pendingPolls !== null && refund.polls >= pendingPolls) refund.state = 'refunded';
    refund.polls += 1;
    return ok({ refund_id: refund.refundId, status: { pending: 1, refunded: 2, failed: 3 }[refund.state] });
  }

  /** Control: the customer paid (or the bank declined); finds the invoice by its id or the kiosk's external_id. */
  markPaid(id: string, payer: UzqrPayer, now: Date): UzqrInvoice | null {
    const invoice = this.find(id);
    if (!invoice || invoice.state !== 'in_progress') return invoice && invoice.state === 'paid' ? { ...invoice } : null;
    invoice.payId = `PAY${this.ids.digits(17)}`;
    invoice.payerPhone = payer.payerPhone ?? '+998901234567';
    invoice.cardType = payer.cardType ?? '2';
    invoice.cardNo = payer.cardNo ?? `8600********${this.ids.digits(4)}`;
    this.settle(invoice, 'paid', now);
    return { ...invoice };
  }

  markDeclined(id: string, now: Date): boolean {
    const invoice = this.find(id);
    if (!invoice || invoice.state !== 'in_progress') return false;
    this.settle(invoice, 'declined', now);
    return true;
  }

  /** Control: a pending refund ends as refunded or failed. */
  settleRefund(refundId: string, state: 'refunded' | 'failed'): boolean {
    const refund = this.refunds.get(refundId);
    if (!refund || refund.state !== 'pending') return false;
    refund.state = state;
    return true;
  }

  invoiceList(): UzqrInvoice[] {
    return [...this.invoices.values()].map((i) => ({ ...i, receiptUrls: [...i.receiptUrls] }));
  }

  refundList(): UzqrRefund[] {
    return [...this.refunds.values()].map((r) => ({ ...r }));
  }

  /** Held status calls, so a reset or a test's end does not leave them waiting. */
  get heldPolls(): number {
    return [...this.waiters.values()].reduce((n, set) => n + set.size, 0);
  }

  /** Answers every held status call now (a reset). */
  releaseAll(): void {
    for (const set of this.waiters.values()) [...set].forEach((wake) => wake());
  }

  private find(id: string): UzqrInvoice | undefined {
    return this.invoices.get(id) ?? [...this.invoices.values()].find((i) => i.externalId === id);
  }

  private byPayId(payId: string): UzqrInvoice | undefined {
    return [...this.invoices.values()].find((i) => i.payId === payId);
  }

  private remaining(payId: string, amount: number): number {
    const refunded = [...this.refunds.values()].filter((r) => r.payId === payId && r.state !== 'failed').reduce((n, r) => n + r.amount, 0);
    return amount - refunded;
  }

  private settle(invoice: UzqrInvoice, state: UzqrInvoiceState, now: Date): void {
    invoice.state = state;
    invoice.finalAt = now.toISOString();
    const waiters = this.waiters.get(invoice.invoiceId);
    if (waiters) [...waiters].forEach((wake) => wake());
  }
}
