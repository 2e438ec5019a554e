/**
 * The sale receipts behind `/order/create/` and `/order/last/` (the shift, `/info/`, `/zreport/*` and the other
 * fiscal calls are in fiscal-module.ts): validates receipts the way the vendor
 * documents and registers them with a rising receipt count. Like the vendor's gateway it registers every
 * `order/create` it accepts, a repeated `uuid` too; recognising a retry by `uuid` is an undocumented
 * behaviour behind the `orderCreateIdempotent` setting (off by default).
 */
import type { IdSource } from './random-ids.ts';
import { formatCompactDateTime, parseLocalDateTime } from './clock-format.ts';
import { fail, field, ok, validationError, type Envelope, type FieldErrors } from './envelope.ts';

export const terminalId = 'UZ170703100189';
const appletVersion = '0300';
const maxClockSkewMs = 5 * 60 * 1000;

export interface ReceiptRecord {
  uuid: string | null;
  receiptCount: number;
  dateTime: string;
  fiscalSign: string;
  qrUrl: string;
  createdAt: string;
  /** The request body as received. */
  order: Record<string, unknown>;
}

/** The `data` of a successful `order/create`. */
function receiptData(r: ReceiptRecord): Record<string, unknown> {
  return {
    terminal_id: terminalId,
    receipt_count: r.receiptCount,
    date_time: r.dateTime,
    fiscal_sign: r.fiscalSign,
    applet_version: appletVersion,
    qr_url: r.qrUrl,
  };
}

/** Receipts, the fiscal shift flag and the repeat counter. */
export class ReceiptStore {
  private receipts: ReceiptRecord[] = [];
  private repeats = 0;

  constructor(private readonly ids: IdSource) {}

  /** `POST /order/create/`. */
  create(
    body: unknown,
    now: Date,
    settings: { orderCreateIdempotent: boolean } = { orderCreateIdempotent: false },
  ): { envelope: Envelope; receipt: ReceiptRecord | null; repeat: boolean } {
    const none = { receipt: null, repeat: false };
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return { ...none, envelope: validationError({ non_field_errors: ['Invalid data. Expected a dictionary.'] }) };
    }
    const order = body as Record<string, unknown>;
    const uuid = typeof order['uuid'] === 'string' && order['uuid'] !== '' ? order['uuid'] : null;
    // A retry of a receipt already registered gets that receipt back, whatever the clock says now.
    const earlier = uuid === null || !settings.orderCreateIdempotent ? undefined : this.receipts.find((r) => r.uuid === uuid);
    if (earlier) {
      this.repeats += 1;
      return { envelope: ok(receiptData(earlier)), receipt: earlier, repeat: true };
    }

    const errors: FieldErrors = {};
    const products = order['products'];
    if (products === undefined) errors['products'] = ['This field is required.'];
    else if (!Array.isArray(products) || products.length === 0) errors['products'] = ['This list may not be empty.'];
    for (const name of ['received_cash', 'received_card'] as const) {
      const value = order[name];
      if (value === undefined) errors[name] = ['This field is required.'];
      else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) errors[name] = ['A valid integer is required.'];
    }
    if (order['time'] === undefined) errors['time'] = ['This field is required.'];
    else if (typeof order['time'] !== 'string' || parseLocalDateTime(order['time']) === null) {
      errors['time'] = ['Datetime has wrong format. Use yyyy-MM-dd HH:mm:ss.'];
    }
    const lines = Array.isArray(products) ? products : [];
    lines.forEach((line: unknown, i) => {
      for (const name of ['name', 'price', 'class_code'] as const) {
        if (field(line, name) === undefined) errors[`products[${i}].${name}`] = ['This field is required.'];
      }
      const price = field(line, 'price');
      if (price !== undefined && (typeof price !== 'number' || !Number.isSafeInteger(price))) {
        errors[`products[${i}].price`] = ['A valid integer is required.'];
      }
    });
    if (Object.keys(errors).length > 0) return { ...none, envelope: validationError(errors) };

    if (lines.some((line) => !/^\d{17}$/.test(String(field(line, 'class_code'))))) {
      return { ...none, envelope: fail(401, 'Invalid class_code (IKPU): must be 17 digits') };
    }
    const sum = lines.reduce((total: number, line) => total + (field(line, 'price') as number), 0);
    if (sum !== (order['received_card'] as number) + (order['received_cash'] as number)) {
      return { ...none, envelope: fail(65531, 'Receipt sums do not add up') };
    }
    const time = parseLocalDateTime(order['time'] as string);
    if (time === null || Math.abs(time.getTime() - now.getTime()) > maxClockSkewMs) {
      return { ...none, envelope: fail(104, 'Time differs from the fiscal module clock by more than 5 minutes') };
    }

    const receiptCount = this.receipts.length + 1;
    const dateTime = formatCompactDateTime(now);
    const fiscalSign = this.ids.digits(12);
    const receipt: ReceiptRecord = {
      uuid,
      receiptCount,
      dateTime,
      fiscalSign,
      qrUrl: `https://ofd.soliq.uz/check?t=${terminalId}&r=${receiptCount}&c=${dateTime}&s=${fiscalSign}`,
      createdAt: now.toISOString(),
      order: { ...order },
    };
    this.receipts.push(receipt);
    return { envelope: ok(receiptData(receipt)), receipt, repeat: false };
  }

  /**
   * `GET /order/last/` in order.md's shape: `{"result": {"data": {"order", "fiscalOrder", "result", "isRefund"},
   * "error", "is_success"}}`. The order is the body as received plus what the gateway adds (`number`,
   * `result_url`, `uuid` — echoed only with `orderLastEchoesUuid`, else "" as in the vendor's example).
   * With no receipt yet `data` is null (undocumented; the kiosk reads it as "none").
   */
  last(settings: { orderLastEchoesUuid: boolean } = { orderLastEchoesUuid: false }): { result: Envelope } {
    const r = this.receipts.at(-1);
    if (!r) return { result: ok(null) };
    const order = {
      id: 0,
      number: r.receiptCount,
      ...r.order,
      received_ecash: null,
      result_url: r.qrUrl,
      receipt_type: typeof r.order['receipt_type'] === 'string' ? r.order['receipt_type'] : 'order',
      uuid: settings.orderLastEchoesUuid ? (r.uuid ?? '') : '',
    };
    return {
      result: ok({
        order,
        fiscalOrder: null,
        result: {
          TerminalID: terminalId,
          ReceiptSeq: r.receiptCount,
          DateTime: r.dateTime,
          FiscalSign: r.fiscalSign,
          AppletVersion: appletVersion,
          QRCodeURL: r.qrUrl,
          cash_box_number: '1',
        },
        isRefund: false,
      }),
    };
  }

  /** Every receipt, oldest first (copies). */
  list(): ReceiptRecord[] {
    return this.receipts.map((r) => ({ ...r, order: { ...r.order } }));
  }

  /** How many `order/create` calls repeated an already-registered uuid. */
  get repeatCount(): number {
    return this.repeats;
  }
}
