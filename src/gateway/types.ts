/**
 * The gateway client's contract: what each call returns, as values. Implementations live beside this file;
 * machines and screens depend only on these types (and receive a `Gateway` through XState's `.provide()`).
 */
import type { PinpadProvider, UnitConfigurableMethod, WalletProvider } from '../domain/payment-methods.ts';
import type { AmountUnit, Tiyin } from '../money/money.ts';

// The method types are derived from the one table of payment methods; re-exported for the gateway's callers.
export type { PaymentMethod, PinpadProvider, WalletProvider } from '../domain/payment-methods.ts';

/**
 * Why a call did not give a usable answer. `unknown` means the request may have been carried out
 * (timeout, lost connection, HTTP 5xx, unreadable body): for a charge it is never "declined" (DESIGN.md §1.2).
 */
export type GatewayError =
  | {
      kind: 'rejected';
      /** `error.code` as the gateway sent it (7, 104, 105, …), kept as a string so nothing is lost. */
      code: string;
      message: string;
      /** Code 7's `message` is a JSON string of field errors; decoded here, or null. */
      fieldErrors: Record<string, string[]> | null;
      /** A provider decline can carry its own code (Uzum `error_code`, a pinpad response code). */
      providerCode: string | null;
      raw: string;
      /** A declined pinpad call's slip (`data.message`), kept as text for the staff screen and the journal. */
      slip?: string;
    }
  | {
      kind: 'unknown';
      reason: 'timeout' | 'network' | 'server' | 'unreadable' | 'aborted';
      status: number | null;
      raw: string;
    }
  | { kind: 'http'; status: number; raw: string }
  /** Read, but not the shape the call promises. On a charge, callers treat it like `unknown`. */
  | { kind: 'invalid'; problem: string; raw: string }
  /** Never sent: the client refused the request itself (amount over `maxAmount`, not whole in the method's unit). */
  | { kind: 'refused'; problem: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: GatewayError };

/** The four wallets' payment answers, normalised. Every id is a string, exactly as sent. */
export interface WalletPayment {
  provider: WalletProvider;
  paymentId: string;
  transactionId: string | null;
  phone: string | null;
  maskedCard: string | null;
  raw: string;
}

export interface WalletConfirmation {
  provider: WalletProvider;
  raw: string;
}

/** A pinpad's answer: the slip as text and the RRN (`ppt_id`). */
export interface PinpadResult {
  provider: PinpadProvider;
  slip: string;
  rrn: string | null;
  raw: string;
}

export interface Scan2payCreated {
  /** `data.message`: the payment URL, already checked to be http(s). */
  paymentUrl: string;
  raw: string;
}

export type Scan2payStatus =
  | { paid: true; scan2payId: string; orderId: string; raw: string }
  | { paid: false; raw: string };

export interface ReceiptLine {
  name: string;
  barcode?: string;
  /** Quantity × 1000, as the fiscal module counts. */
  amount: number;
  unitName: string;
  /** Unit price, tiyin. */
  productPrice: Tiyin;
  /** Line total, tiyin. */
  price: Tiyin;
  /** VAT included in `price`, tiyin. */
  vat: Tiyin;
  vatPercent: number | null;
  classCode: string;
  packageCode: string;
  ownerType: 0 | 1 | 2;
  /**
   * Marking codes of a marked product, one per unit (identification part only: see marking-code.ts);
   * absent for unmarked products.
   */
  labels?: string[];
}

export type ReceiptPayment =
  | { method: WalletProvider; phone: string | null; paymentId: string }
  | { method: PinpadProvider; rrn: string }
  | { method: 'scan2pay'; scan2payId: string }
  /** UzQR: the card type from its status answer ("1" corporate, "2" personal, "3" social) and the masked card. */
  | { method: 'uzqr'; payId: string; cardType: string | null; maskedCard: string | null };

export interface ReceiptRequest {
  /** The kiosk's attempt id, so a retry can be recognised (`/order/last`). */
  uuid: string;
  /** Local time, `yyyy-MM-dd HH:mm:ss`. */
  time: string;
  cashier: string;
  total: Tiyin;
  lines: ReceiptLine[];
  payment: ReceiptPayment;
  /** The customer's pickup number ("1".."999"): sent as `number` and printed large in a banner. */
  number?: string;
}

export interface Receipt {
  terminalId: string;
  receiptCount: string;
  dateTime: string;
  fiscalSign: string;
  qrUrl: string;
  raw: string;
}

/** One product of the last receipt, as the gateway stored it (numbers as their exact text). */
export interface LastReceiptLine {
  classCode: string | null;
  /** Quantity × 1000. */
  amount: string | null;
  /** Line total, tiyin. */
  price: string | null;
}

/**
 * `GET /order/last/` (order.md, "Check last successful order"): the newest receipt the fiscal module
 * registered, whoever sent it. `found: false` when it answered with no order at all.
 */
export interface LastReceipt {
  found: boolean;
  /** `order.uuid` when the gateway echoes it; the vendor does not promise to (its example has ""). */
  uuid: string | null;
  /** `result.QRCodeURL`, else `order.result_url`. */
  qrUrl: string | null;
  /** `order.time` as sent in /order/create (`yyyy-MM-dd HH:mm:ss`). */
  time: string | null;
  /** `received_cash + received_card + received_ecash`, tiyin, as digits; null when a part is unreadable. */
  total: string | null;
  lines: LastReceiptLine[] | null;
  isRefund: boolean | null;
  terminalId: string | null;
  receiptSeq: string | null;
  dateTime: string | null;
  fiscalSign: string | null;
  raw: string;
}

export interface GatewayInfo {
  terminalId: string | null;
  currentTime: string | null;
  raw: string;
}

/** One call as the trace ring buffer keeps it (shown on the staff screen). */
export interface TraceEntry {
  id: number;
  at: string;
  method: 'GET' | 'POST';
  path: string;
  requestBody: string | null;
  status: number | null;
  responseText: string | null;
  ms: number;
  outcome: 'ok' | GatewayError['kind'];
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the default timeout for this call, in ms. */
  timeoutMs?: number;
}

export interface GatewayOptions {
  /** Absolute (`http://127.0.0.1:8080`) or same-origin (`/gateway`). */
  baseUrl: string;
  amountUnits: Record<UnitConfigurableMethod, AmountUnit>;
  timeouts: { walletMs: number; pinpadMs: number; receiptMs: number; defaultMs: number };
  /** Tiyin. A charge above it is refused before it is sent (a guard against a wrong unit). */
  maxAmount: Tiyin;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  traceSize?: number;
  /** A trace ring shared with other clients on the same gateway (the fiscal calls); default: its own. */
  trace?: import('./http-core.ts').TraceBuffer;
}

/** One typed function per gateway call. */
export interface Gateway {
  walletPay(provider: WalletProvider, amount: Tiyin, qrCode: string, options?: CallOptions): Promise<Result<WalletPayment>>;
  /** Anor confirms by `transactionId`, the others by `paymentId`. */
  walletConfirm(
    provider: WalletProvider,
    payment: { paymentId: string; transactionId: string | null },
    qrUrl: string,
    options?: CallOptions,
  ): Promise<Result<WalletConfirmation>>;
  humoPay(amount: Tiyin, options?: CallOptions): Promise<Result<PinpadResult>>;
  /** Same shift only; `requestId` is the slip's check number or the RRN (config `humoCancelBy`). */
  humoCancel(requestId: string, amount: Tiyin, options?: CallOptions): Promise<Result<PinpadResult>>;
  humoClose(options?: CallOptions): Promise<Result<PinpadResult>>;
  uzcardPay(amount: Tiyin, options?: CallOptions): Promise<Result<PinpadResult>>;
  uzcardReturn(rrn: string, amount: Tiyin, options?: CallOptions): Promise<Result<PinpadResult>>;
  uzcardClose(options?: CallOptions): Promise<Result<PinpadResult>>;
  scan2payCreate(amount: Tiyin, orderId: string, print: boolean, options?: CallOptions): Promise<Result<Scan2payCreated>>;
  /** `105`/`403` (not paid yet) come back as `{ ok: true, value: { paid: false } }`. */
  scan2payStatus(orderId: string, options?: CallOptions): Promise<Result<Scan2payStatus>>;
  orderCreate(receipt: ReceiptRequest, options?: CallOptions): Promise<Result<Receipt>>;
  orderLast(options?: CallOptions): Promise<Result<LastReceipt>>;
  info(options?: CallOptions): Promise<Result<GatewayInfo>>;
  /** The newest calls, oldest first. */
  trace(): readonly TraceEntry[];
}
