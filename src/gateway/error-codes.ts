/**
 * The gateway's and the fiscal module's error codes (`error.code` of an `is_success: false` answer), as the
 * vendor's errors.md lists them, each with what staff should do. Pinpad response codes ("Код ответа" on a slip)
 * are a different numbering (slip-parser.ts): 104 here is a clock/argument problem, on a slip a restricted card.
 *
 * The payment docs' examples call 104 BILLING_ERROR while errors.md calls it INVALID_ARGUMENT / time off by
 * more than ±5 minutes and gives BILLING_ERROR the code 105; we follow errors.md (and keep the payment docs'
 * reading in the meaning), because a wrong clock is the cause staff can fix.
 */
import type { MessageKey } from '../i18n/messages/en.ts';
import type { GatewayError } from './types.ts';

/** Where errors.md lists the code. `seed` codes appear only in the first spec (gateway-api.md). */
export type GatewayCodeSource = 'fiscal-module' | 'fiscalbox' | 'other' | 'seed';

/**
 * What the code says about the request: `fix-and-retry` (staff fix something, the same request then
 * works), `not-ready` (the fiscal module or gateway cannot take receipts until staff act), `declined`
 * (a payment said no), `pending` (Scan2pay: nothing paid yet), `info` (not a failure, e.g. shift already open).
 */
export type GatewayCodeClass = 'fix-and-retry' | 'not-ready' | 'declined' | 'pending' | 'info';

export interface GatewayErrorCode {
  readonly code: string;
  /** The name errors.md gives it (`ERROR_ZREPORT_IS_NOT_OPEN`, `BILLING_ERROR` …). */
  readonly name: string;
  /** errors.md's English description. */
  readonly meaning: string;
  readonly source: GatewayCodeSource;
  readonly class: GatewayCodeClass;
  /** What staff should do, in the staff's language. */
  readonly staffKey: MessageKey;
}

const entry = (
  code: string,
  name: string,
  meaning: string,
  source: GatewayCodeSource,
  klass: GatewayCodeClass,
  staffKey: MessageKey,
): GatewayErrorCode => ({ code, name, meaning, source, class: klass, staffKey });

/** errors.md, in its order; the seed's 7 and 102 at the end. */
export const gatewayErrorCodes: readonly GatewayErrorCode[] = [
  entry('36871', 'ERROR_RECEIPT_INDEX_OUT_OF_BOUNDS', 'Check number is incorrect', 'fiscal-module', 'not-ready', 'staff.code.callSupport'),
  entry('36886', 'ERROR_RECEIPT_MEMORY_FULL', 'The check memory is full', 'fiscal-module', 'not-ready', 'staff.code.receiptMemoryFull'),
  entry('36888', 'ERROR_RECEIPT_TIME_PAST', 'Time must differ by at least 1 second from the last transaction; correct the date and time', 'fiscal-module', 'fix-and-retry', 'staff.code.fixClock'),
  entry('36889', 'ERROR_RECEIPT_STORE_DAYS_LIMIT_EXCEEDED', 'Number of days to store receipts offline exceeded; send via /order/sendreceipt', 'fiscal-module', 'not-ready', 'staff.code.offlineTooLong'),
  entry('36897', 'ERROR_CLOSE_ZREPORT_TIME_PAST', 'Report closing time is old', 'fiscal-module', 'fix-and-retry', 'staff.code.fixClock'),
  entry('36898', 'ERROR_ZREPORT_SPACE_IS_FULL', 'Z-report memory is full; the fiscal module must be replaced', 'fiscal-module', 'not-ready', 'staff.code.replaceFiscalModule'),
  entry('36902', 'ERROR_ZREPORT_INDEX_OUT_OF_BOUNDS', 'Z-report number is incorrect', 'fiscal-module', 'fix-and-retry', 'staff.code.checkZreportNumber'),
  entry('65279', 'Fiscal drive locked', 'The fiscal module is blocked (possibly due to non-payment)', 'fiscal-module', 'not-ready', 'staff.code.fiscalModuleBlocked'),
  entry('36907', 'ERROR_CURRENT_ZREPORT_IS_EMPTY', 'Current Z-report is empty; an empty report cannot be closed', 'fiscal-module', 'info', 'staff.code.zreportEmpty'),
  entry('36909', 'ERROR_ZREPORT_IS_NOT_OPEN', 'Z-report not opened; the shift must be opened', 'fiscal-module', 'not-ready', 'staff.code.openShift'),
  entry('36910', 'ERROR_ZREPORT_OPEN_TIME_FORMAT_INVALID', 'Z-report opening time format is incorrect', 'fiscal-module', 'fix-and-retry', 'staff.code.fixClock'),
  entry('36912', 'ERROR_ZREPORT_IS_ALREADY_OPEN', 'Shift is already open; work can go on', 'fiscal-module', 'info', 'staff.code.shiftAlreadyOpen'),
  entry('36913', 'ERROR_NOT_ENOUGH_CASH_FOR_REFUND', 'Not enough cash for refund', 'fiscal-module', 'declined', 'staff.code.refundTooLarge'),
  entry('36914', 'ERROR_NOT_ENOUGH_CARD_FOR_REFUND', 'Not enough card funds for refund', 'fiscal-module', 'declined', 'staff.code.refundTooLarge'),
  entry('36915', 'ERROR_NOT_ENOUGH_VAT_FOR_REFUND', 'Not enough VAT funds for refund', 'fiscal-module', 'declined', 'staff.code.refundTooLarge'),
  entry('36916', 'ERROR_OPEN_ZREPORT_TIME_PAST', 'Opening time of Z-report is old', 'fiscal-module', 'fix-and-retry', 'staff.code.fixClock'),
  entry('65274', 'not valid refund info', 'Refund receipt: the refunded receipt information has an invalid fiscal sign', 'fiscal-module', 'fix-and-retry', 'staff.code.refundInfo'),
  entry('65276', 'bad refund info passed', 'Refund receipt: the refunded receipt information has wrong values', 'fiscal-module', 'fix-and-retry', 'staff.code.refundInfo'),
  entry('65277', 'no refund info passed', 'Refund receipt: the refunded receipt (qr_code) was not sent', 'fiscal-module', 'fix-and-retry', 'staff.code.refundInfo'),
  entry('65531', 'cannot encode receipt', 'The receipt has wrong parameters: line sums and the receipt total do not add up', 'fiscal-module', 'fix-and-retry', 'staff.code.receiptData'),
  entry('65532', 'illegal argument', 'An invalid parameter was passed in JSON', 'fiscal-module', 'fix-and-retry', 'staff.code.receiptData'),
  entry('65534', 'cannot connect card', 'Failed to connect to the fiscal module; it is not connected', 'fiscal-module', 'not-ready', 'staff.code.fiscalModuleNotConnected'),
  entry('104', 'INVALID_ARGUMENT', 'Time differs more than ±5 minutes from current / invalid argument (the payment docs call it BILLING_ERROR)', 'fiscalbox', 'fix-and-retry', 'staff.code.clockOrArgument'),
  entry('401', 'INVALID_CLASS_CODE', 'No IKPU (MXIK) code or an extra space in a product', 'fiscalbox', 'fix-and-retry', 'staff.code.catalogIkpu'),
  entry('444', 'INVALID_SUBSCRIPTION_MULTI_USER', 'Access from another IP; no Multi User subscription', 'fiscalbox', 'not-ready', 'staff.code.multiUser'),
  entry('333', 'SUBSCRIPTION_UP_TO_DATE', 'CTO subscription expired', 'fiscalbox', 'not-ready', 'staff.code.subscription'),
  entry('402', 'INVALID_PACKAGE_CODE', 'Invalid package code (unit of measurement), or a marking code is missing for a product', 'fiscalbox', 'fix-and-retry', 'staff.code.catalogPackage'),
  entry('101', 'PRINTER_NOT_WORKING', 'Printer not working', 'other', 'not-ready', 'staff.code.printer'),
  entry('303', 'SAVE_ORDER_ERROR', 'Order save error', 'other', 'fix-and-retry', 'staff.code.retryLater'),
  entry('103', 'INTERNAL_ERROR', 'Internal error', 'other', 'fix-and-retry', 'staff.code.retryLater'),
  entry('403', 'SCAN2PAY_TRANSACTION_NOT_FOUND', 'Scan2pay transaction not found (not paid yet)', 'other', 'pending', 'staff.code.scan2payNotPaid'),
  entry('105', 'BILLING_ERROR', 'Billing error (Scan2pay: transaction not found, not paid yet)', 'other', 'pending', 'staff.code.billing'),
  entry('108', 'XUMO_ERROR', 'Humo pinpad error', 'other', 'declined', 'staff.code.pinpad'),
  entry('109', 'UZKARD_ERROR', 'UzCard pinpad error', 'other', 'declined', 'staff.code.pinpad'),
  entry('106', 'PAYMENT_ERROR', 'Payment error', 'other', 'declined', 'staff.code.paymentDeclined'),
  entry('7', 'VALIDATION_ERROR', 'The request did not pass validation (field errors in error.data)', 'seed', 'fix-and-retry', 'staff.code.receiptData'),
  entry('102', 'FISCAL_MODULE_NOT_INITIALIZED', 'The fiscal module is not initialised', 'seed', 'not-ready', 'staff.code.fiscalModuleNotConnected'),
];

const byCode = new Map(gatewayErrorCodes.map((e) => [e.code, e]));

/** The entry for a gateway `error.code` ("36909", " 104 "), or null for a code errors.md does not list. */
export function gatewayErrorCode(code: string | number | null | undefined): GatewayErrorCode | null {
  if (code === null || code === undefined) return null;
  return byCode.get(String(code).trim()) ?? null;
}

/** What staff should do about a code; an unlisted code says so and asks to read the gateway's message. */
export function staffActionKey(code: string | number | null | undefined): MessageKey {
  return gatewayErrorCode(code)?.staffKey ?? 'staff.code.unlisted';
}

/** Scan2pay status `105` (billing error: transaction not found) and `403` both mean "not paid yet". */
export function isScan2payPending(error: GatewayError): boolean {
  return error.kind === 'rejected' && (error.code.trim() === '105' || error.code.trim() === '403');
}
