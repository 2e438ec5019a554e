/**
 * How each call's answer is read once the envelope says `is_success` (see envelope.ts). Success needs the
 * provider's own success marker and the ids the next step depends on; an explicit provider failure is
 * `rejected`; everything else is `invalid` (which a charge treats as unknown).
 */
import { methodRow, pinpadProviders } from '../domain/payment-methods.ts';
import { invalid, type CallReader } from './envelope.ts';
import { isHttpUrl } from '../domain/http-url.ts';
import { idText, isRecord, nonEmptyId, stringOrNull, type JsonRecord } from './json-fields.ts';
import { humoCancelDoneCode, parseSlip, responseMeaning } from './slip-parser.ts';
import { salvagePinpadAnswer } from './tolerant-json.ts';
import type {
  GatewayError,
  GatewayInfo,
  LastReceipt,
  PinpadProvider,
  PinpadResult,
  Receipt,
  Result,
  Scan2payCreated,
  Scan2payStatus,
  WalletConfirmation,
  WalletPayment,
  WalletProvider,
} from './types.ts';

/** Gateway code for a payment error (gateway-notes.md): used when a provider fails inside an `is_success: true` answer. */
const paymentErrorCode = '106';
/** Gateway codes of declined pinpad calls (the method table's `declineCode`: 108 Humo (XUMO), 109 UzCard). */
export const pinpadErrorCode = Object.fromEntries(
  pinpadProviders.map((provider) => [provider, methodRow(provider).declineCode]),
) as Record<PinpadProvider, string>;

function providerFailure(
  code: string,
  message: string,
  providerCode: string | null,
  raw: string,
  slip?: string,
): { ok: false; error: GatewayError } {
  const error: GatewayError = { kind: 'rejected', code, message, fieldErrors: null, providerCode, raw };
  if (slip !== undefined) error.slip = slip;
  return { ok: false, error };
}

const explicitWalletFailures = new Set(['error', 'failed', 'fail', 'cancelled', 'canceled']);
const explicitUzumFailures = new Set(['FAILED', 'CANCELED', 'CANCELLED', 'REJECTED', 'DECLINED', 'ERROR']);

function walletProviderCode(provider: WalletProvider, data: unknown): string | null {
  if (!isRecord(data)) return null;
  switch (provider) {
    case 'click':
    case 'payme':
      return nonEmptyId(data['status_code']) ?? nonEmptyId(data['error_code']);
    case 'uzum':
    case 'anor':
      return nonEmptyId(data['error_code']);
    default: {
      const never: never = provider;
      return never;
    }
  }
}

function readClickPayme(provider: 'click' | 'payme', data: JsonRecord, raw: string): Result<WalletPayment> {
  const status = data['status'];
  // payment.md's Payme template says `status: success,error`; its example says "successfully". Both are success.
  if (status === 'successfully' || (provider === 'payme' && status === 'success')) {
    const paymentId = nonEmptyId(data['payment_id']);
    if (paymentId === null) return invalid('payment_id is missing', raw);
    return {
      ok: true,
      value: {
        provider,
        paymentId,
        transactionId: nonEmptyId(data['transaction_id']),
        phone: nonEmptyId(data['client_phone_number']),
        maskedCard: null,
        raw,
      },
    };
  }
  if (typeof status === 'string' && explicitWalletFailures.has(status.toLowerCase())) {
    return providerFailure(paymentErrorCode, stringOrNull(data['message']) ?? '', walletProviderCode(provider, data), raw);
  }
  return invalid(`data.status is not "successfully"`, raw);
}

function readUzum(data: JsonRecord, raw: string): Result<WalletPayment> {
  const status = data['payment_status'];
  const errorCode = idText(data['error_code']);
  if (status === 'SUCCESS' && errorCode === '0') {
    const paymentId = nonEmptyId(data['payment_id']);
    if (paymentId === null) return invalid('payment_id is missing', raw);
    return {
      ok: true,
      value: {
        provider: 'uzum',
        paymentId,
        transactionId: null,
        phone: nonEmptyId(data['client_phone_number']),
        maskedCard: null,
        raw,
      },
    };
  }
  if (typeof status === 'string' && explicitUzumFailures.has(status.toUpperCase())) {
    return providerFailure(paymentErrorCode, stringOrNull(data['error_message']) ?? '', nonEmptyId(data['error_code']), raw);
  }
  return invalid('data.payment_status is not SUCCESS with error_code "0"', raw);
}

function readAnor(data: JsonRecord, raw: string): Result<WalletPayment> {
  const status = data['status'];
  if (status === 'successfully') {
    const transactionId = nonEmptyId(data['transaction_id']);
    const paymentId = nonEmptyId(data['payment_id']);
    if (transactionId === null) return invalid('transaction_id is missing', raw);
    if (paymentId === null) return invalid('payment_id is missing', raw);
    return {
      ok: true,
      value: {
        provider: 'anor',
        paymentId,
        transactionId,
        phone: nonEmptyId(data['phone_number']),
        maskedCard: nonEmptyId(data['card_number']),
        raw,
      },
    };
  }
  if (typeof status === 'string' && explicitWalletFailures.has(status.toLowerCase())) {
    return providerFailure(
      paymentErrorCode,
      stringOrNull(data['error_note']) ?? stringOrNull(data['message']) ?? '',
      nonEmptyId(data['error_code']),
      raw,
    );
  }
  return invalid(`data.status is not "successfully"`, raw);
}

/** Reads `/payment/{click,payme,uzum,anor}`. */
export function walletPayReader(provider: WalletProvider): CallReader<WalletPayment> {
  return {
    normalise(data, raw) {
      if (!isRecord(data)) return invalid('data is not an object', raw);
      switch (provider) {
        case 'click':
        case 'payme':
          return readClickPayme(provider, data, raw);
        case 'uzum':
          return readUzum(data, raw);
        case 'anor':
          return readAnor(data, raw);
        default: {
          const never: never = provider;
          return invalid(`unknown provider ${String(never)}`, raw);
        }
      }
    },
    providerCode: (data) => walletProviderCode(provider, data),
  };
}

/** Reads `/payment/*_confirm`. Success needs only the envelope; a provider error inside `data` is not success. */
export function walletConfirmReader(provider: WalletProvider): CallReader<WalletConfirmation> {
  return {
    normalise(data, raw) {
      if (isRecord(data)) {
        if (data['error'] !== null && data['error'] !== undefined) return invalid('data.error is set', raw);
        const status = data['status'];
        if (typeof status === 'string' && explicitWalletFailures.has(status.toLowerCase())) {
          return invalid(`data.status is "${status}"`, raw);
        }
        // uzum-fast-pay.md: the confirm answers with payment_status "SUCCESS"; anything else is not confirmed.
        const paymentStatus = data['payment_status'];
        if (provider === 'uzum' && paymentStatus !== undefined && paymentStatus !== 'SUCCESS') {
          return invalid(`data.payment_status is ${JSON.stringify(paymentStatus)}, not "SUCCESS"`, raw);
        }
      }
      return { ok: true, value: { provider, raw } };
    },
    providerCode: (data) => walletProviderCode(provider, data),
  };
}

export type PinpadCall = 'pay' | 'cancel' | 'close';

function slipText(data: unknown): string | null {
  return isRecord(data) ? stringOrNull(data['message']) : null;
}

/**
 * Reads a pinpad answer. `is_success` alone is not trusted for a charge: the slip's response code decides
 * between approved, declined (`rejected`) and the cases staff must look at (`invalid`).
 */
export function pinpadReader(provider: PinpadProvider, call: PinpadCall): CallReader<PinpadResult> {
  const normalise = (data: unknown, raw: string): Result<PinpadResult> => {
    if (!isRecord(data)) return invalid('data is not an object', raw);
    const slip = stringOrNull(data['message']);
    if (slip === null) return invalid('data.message (the slip) is missing', raw);
    const rrn = nonEmptyId(data['ppt_id']);
    if (call === 'close') return { ok: true, value: { provider, slip, rrn, raw } };
    if (rrn === null) return invalid('ppt_id is missing', raw);
    const parsed = parseSlip(slip);
    const meaning = responseMeaning(parsed.responseCode);
    switch (meaning) {
      case 'approved':
        return { ok: true, value: { provider, slip, rrn, raw } };
      case 'declined':
        return providerFailure(pinpadErrorCode[provider], '', parsed.responseCode, raw, slip);
      case 'cancel-problem':
        return call === 'cancel'
          ? providerFailure(pinpadErrorCode[provider], '', parsed.responseCode, raw, slip)
          : invalid(`a payment slip with cancel response code ${parsed.responseCode ?? ''}`, raw);
      case 'device-problem':
        return invalid(`pinpad device problem, response code ${parsed.responseCode ?? ''}`, raw);
      case 'unknown':
        // The vendor's Humo cancel example prints 400 beside "ОПЕРАЦИЯ ОТМЕНЕНА": done, for a cancel only.
        if (
          call === 'cancel' &&
          parsed.responseCode === humoCancelDoneCode &&
          parsed.operation === 'cancel' &&
          parsed.verdict === true
        ) {
          return { ok: true, value: { provider, slip, rrn, raw } };
        }
        // A code errors.md does not list (or none) never becomes success, whatever the slip's words say.
        return invalid(`pinpad response code ${parsed.responseCode ?? '(none)'} is not in the vendor's table`, raw);
      default: {
        const never: never = meaning;
        return invalid(`unhandled response meaning ${String(never)}`, raw);
      }
    }
  };
  return {
    normalise,
    providerCode: (data) => {
      const slip = slipText(data);
      return slip === null ? null : parseSlip(slip).responseCode;
    },
    slip: slipText,
    salvage(text) {
      const found = salvagePinpadAnswer(text);
      if (!found) return null;
      // Salvage proves only what the success tail says; the slip and id must still pass every check.
      const result = normalise({ message: found.slip, ppt_id: found.pptId }, text);
      return result.ok ? result : null;
    },
  };
}

/** Reads `/payment/qr_pay`: `data.message` must be an http(s) payment URL. */
export const scan2payCreateReader: CallReader<Scan2payCreated> = {
  normalise(data, raw) {
    if (!isRecord(data)) return invalid('data is not an object', raw);
    const url = data['message'];
    if (!isHttpUrl(url)) return invalid('data.message is not an http(s) URL', raw);
    return { ok: true, value: { paymentUrl: url, raw } };
  },
};

/** Reads `/payment/qr_pay/status`; 105/403 (not paid yet) are mapped by the caller. */
export function scan2payStatusReader(orderId: string): CallReader<Scan2payStatus> {
  return {
    normalise(data, raw) {
      if (!isRecord(data)) return invalid('data is not an object', raw);
      const inner = data['data'];
      if (!isRecord(inner)) return invalid('data.data is not an object', raw);
      const answeredOrder = idText(inner['order_id']);
      if (answeredOrder !== null && answeredOrder !== orderId) {
        return invalid(`the answer is for order ${answeredOrder}, not ${orderId}`, raw);
      }
      if (inner['status'] === 'success') {
        const scan2payId = nonEmptyId(inner['uuid']);
        if (scan2payId === null) return invalid('data.data.uuid is missing', raw);
        return { ok: true, value: { paid: true, scan2payId, orderId, raw } };
      }
      if (typeof inner['status'] !== 'string') return invalid('data.data.status is missing', raw);
      return { ok: true, value: { paid: false, raw } };
    },
  };
}

/** Reads `/order/create/`. */
export const receiptReader: CallReader<Receipt> = {
  normalise(data, raw) {
    if (!isRecord(data)) return invalid('data is not an object', raw);
    const terminalId = nonEmptyId(data['terminal_id']);
    const receiptCount = nonEmptyId(data['receipt_count']);
    const dateTime = nonEmptyId(data['date_time']);
    const fiscalSign = nonEmptyId(data['fiscal_sign']);
    const qrUrl = data['qr_url'];
    if (terminalId === null || receiptCount === null || dateTime === null || fiscalSign === null) {
      return invalid('terminal_id, receipt_count, date_time or fiscal_sign is missing', raw);
    }
    if (!isHttpUrl(qrUrl)) return invalid('qr_url is not an http(s) URL', raw);
    return { ok: true, value: { terminalId, receiptCount, dateTime, fiscalSign, qrUrl, raw } };
  },
};

const noLastReceipt = (raw: string): LastReceipt => ({
  found: false,
  uuid: null,
  qrUrl: null,
  time: null,
  total: null,
  lines: null,
  isRefund: null,
  terminalId: null,
  receiptSeq: null,
  dateTime: null,
  fiscalSign: null,
  raw,
});

/** A non-negative integer's exact digits, or null (money and quantities are compared as text, never floats). */
function digits(value: unknown): string | null {
  const text = idText(value);
  return text !== null && /^\d+$/.test(text.trim()) ? text.trim().replace(/^0+(?=\d)/, '') : null;
}

function sumOf(parts: readonly (string | null)[]): string | null {
  let sum = 0n;
  for (const part of parts) {
    if (part === null) return null;
    sum += BigInt(part);
  }
  return sum.toString();
}

/**
 * Reads `/order/last/` in the vendor's shape (order.md): `result.data.order` (uuid, time, products, amounts,
 * result_url) and `result.data.result` (TerminalID, ReceiptSeq, DateTime, FiscalSign, QRCodeURL), `isRefund`.
 * `data: null` (or no `order`) is read as "no receipt yet". A field it cannot read is null, never guessed:
 * the outbox decides from what is there (receipt-recovery.ts).
 */
export const lastReceiptReader: CallReader<LastReceipt> = {
  wrappedIn: 'result',
  normalise(data, raw) {
    if (data === null || data === undefined) return { ok: true, value: noLastReceipt(raw) };
    if (!isRecord(data)) return invalid('data is not an object', raw);
    const order = data['order'];
    if (order === null) return { ok: true, value: noLastReceipt(raw) };
    // A body without `order` is not the vendor's shape: reading it as "no receipt" could register a second one.
    if (!isRecord(order)) return invalid('data.order is not an object', raw);
    const fiscal = isRecord(data['result']) ? data['result'] : {};
    const qrUrl = [fiscal['QRCodeURL'], order['result_url']].find(isHttpUrl) ?? null;
    const products = order['products'];
    const lines = Array.isArray(products)
      ? products.map((p) => ({
          classCode: isRecord(p) ? nonEmptyId(p['class_code']) : null,
          amount: isRecord(p) ? digits(p['amount']) : null,
          price: isRecord(p) ? digits(p['price']) : null,
        }))
      : null;
    // received_ecash is null in the vendor's example: absent money is 0, unreadable money is unknown.
    const ecash = order['received_ecash'] === null || order['received_ecash'] === undefined ? '0' : digits(order['received_ecash']);
    const time = stringOrNull(order['time']);
    const isRefund = data['isRefund'];
    return {
      ok: true,
      value: {
        found: true,
        uuid: nonEmptyId(order['uuid']),
        qrUrl,
        time: time !== null && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(time) ? time : null,
        total: sumOf([digits(order['received_cash']), digits(order['received_card']), ecash]),
        lines,
        isRefund: typeof isRefund === 'boolean' ? isRefund : null,
        terminalId: nonEmptyId(fiscal['TerminalID']),
        receiptSeq: nonEmptyId(fiscal['ReceiptSeq']),
        dateTime: nonEmptyId(fiscal['DateTime']),
        fiscalSign: nonEmptyId(fiscal['FiscalSign']),
        raw,
      },
    };
  },
};

/** Reads `/info/`. */
export const infoReader: CallReader<GatewayInfo> = {
  normalise(data, raw) {
    if (!isRecord(data)) return invalid('data is not an object', raw);
    return {
      ok: true,
      value: { terminalId: nonEmptyId(data['terminal_id']), currentTime: nonEmptyId(data['current_time']), raw },
    };
  },
};
