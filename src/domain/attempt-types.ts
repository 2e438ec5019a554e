/**
 * The payment attempt as the kiosk keeps it: the records stored in IndexedDB, how a payment ended, and the draft
 * the checkout hands a method machine (and it the journal). This is the bottom layer: the checkout and method
 * machines, the journal and staff mode all import from here, and it imports nothing from them, so none of them
 * depends on another only for its types.
 */
import type { GatewayError, PaymentMethod, PinpadResult, ReceiptLine, WalletPayment } from '../gateway/types.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Tiyin } from '../money/money.ts';

export type AttemptStatus =
  /** Written before the charge request: the charge may or may not have gone out. */
  | 'recorded'
  | 'paid'
  | 'declined'
  | 'cancelled'
  | 'expired'
  /** The charge may have happened: staff decide (rule 2). */
  | 'unknown'
  /**
   * Scan2pay: the QR was left (Cancel, expiry, a failed final check, a restart) but stays payable at the
   * gateway, which has no cancel call. Watched until `settleBy`; paid → `paid`, still unpaid then → `expired`.
   * UzQR: the same, when its cancel or final check could not confirm the invoice closed (or after a restart).
   */
  | 'unsettled'
  /** The fiscal receipt is registered; a wallet confirm may still be pending. */
  | 'receipted'
  | 'done'
  /** Staff closed it by hand (refund, found unpaid, fixed the receipt elsewhere). */
  | 'resolved';

export type AttemptEvent =
  | 'charge.paid'
  | 'charge.declined'
  | 'charge.cancelled'
  | 'charge.expired'
  | 'charge.unknown'
  /** Scan2pay, UzQR: the QR was left unpaid as far as the kiosk knows; watch it until it cannot be paid. */
  | 'charge.unsettled'
  /** About to send /order/create: if no answer follows, the next try asks /order/last first. */
  | 'receipt.sending'
  | 'receipt.failed'
  | 'receipt.registered'
  | 'confirm.failed'
  | 'confirm.done'
  /** Pinpad and Scan2pay receipts need no confirm (a wallet confirms its payment, UzQR gets the receipt link). */
  | 'confirm.skipped'
  /** Staff checked an unknown attempt and found the money taken. */
  | 'staff.foundPaid'
  | 'staff.resolved'
  /** Staff refunded the card payment (a Humo cancel, an UzCard return): the refund record; the status stays. */
  | 'staff.refunded'
  /** Where the refund's fiscal receipt stands changed (registered, refused, resolved by staff); the status stays. */
  | 'refund.receipt'
  /** A UzQR refund by staff was recorded or moved on (sent, accepted, final, its receipt): the status stays. */
  | 'uzqr.refund'
  /** A history remark (the outbox's receipt notes); never changes the status, never patches anything else. */
  | 'note';

/** How a payment was made: the proof the receipt, the wallet confirm and staff refunds are built from. */
export type PaidWith =
  | { method: 'wallet'; payment: WalletPayment }
  | { method: 'pinpad'; result: PinpadResult }
  | { method: 'scan2pay'; scan2payId: string; orderId: string }
  /**
   * UzQR's status answer: `payId` links the fiscal receipt and refunds; `cardType` ("1" corporate, "2" personal,
   * "3" social) and the masked card go on the receipt (order.md).
   */
  | {
      method: 'uzqr';
      invoiceId: string;
      payId: string;
      payerPhone: string | null;
      cardType: string | null;
      maskedCard: string | null;
    };

export interface AttemptReceipt {
  qrUrl: string;
  receiptCount: string;
  fiscalSign: string;
  terminalId: string;
  dateTime: string;
}

/** The last failed receipt or confirm call, kept so staff (and the outbox) know what went wrong. */
export interface AttemptErrorNote {
  kind: GatewayError['kind'];
  code: string | null;
  at: string;
}

export interface AttemptRefund {
  kind: 'cancel' | 'return';
  at: string;
  slip: string;
  rrn?: string;
  /** Tiyin: always the whole payment (same-shift card refunds only). Absent on refunds made before it was kept. */
  amount?: Tiyin;
  /** How the staff member who made it opened staff mode. */
  by?: 'pin' | 'badge';
  /** The refund's fiscal receipt (`/order/refuse/`, refund-receipts.ts); absent on refunds made before it existed. */
  receipt?: RefundReceiptState;
}

/**
 * One UzQR refund by staff (src/staff/uzqr-refunds.ts): a payment may be refunded in parts, each followed until
 * the vendor says refunded or failed (src/journal/uzqr-refund-watcher.ts). Written before the refund call goes out.
 */
export interface UzqrRefundRecord {
  /** The kiosk's own id for this refund; also its refund receipt's uuid. */
  id: string;
  /** Tiyin. */
  amount: Tiyin;
  at: string;
  /**
   * `sending`: journaled, and the refund call has no answer yet (or it was lost: money may have moved, staff
   * check with UzQR); `pending`: accepted (`refundId` set), followed by the refund status call; `refunded` and
   * `failed` are final. Every state but `failed` counts against what can still be refunded.
   */
  state: 'sending' | 'pending' | 'refunded' | 'failed';
  refundId: string | null;
  by?: 'pin' | 'badge';
  /** Why it failed (gateway code), or the last error while following it. */
  code?: string;
  /** The refund's fiscal receipt, once it is refunded. */
  receipt?: RefundReceiptState;
}

/** Where a refund's fiscal receipt stands. */
export interface RefundReceiptState {
  /**
   * `pending`: the outbox keeps sending it; `refused`: the fiscal module said no for good (staff list);
   * `notNeeded`: the sale had no receipt; `resolvedByStaff`: staff dealt with a refused one (the reason in `message`).
   */
  state: 'pending' | 'registered' | 'refused' | 'notNeeded' | 'resolvedByStaff';
  /** The refund receipt's own uuid. */
  uuid: string;
  qrUrl?: string;
  receiptCount?: string;
  /** Why it was refused (gateway code and message). */
  code?: string;
  message?: string;
  at?: string;
}

export interface AttemptHistoryEntry {
  at: string;
  status: AttemptStatus;
  event: AttemptEvent | 'recorded';
  note?: string;
  errorKind?: GatewayError['kind'];
  errorCode?: string;
}

export type ConfirmState = 'not-needed' | 'pending' | 'done';

export type AttemptServiceMode = 'eatIn' | 'takeAway';

export interface Attempt {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Local `yyyy-MM-dd` of `createdAt`. */
  day: string;
  /** The customer's pickup number for the day, "1".."999". */
  orderNumber: string;
  method: PaymentMethod;
  /** What the charge request asks for, tiyin. */
  amount: Tiyin;
  /** The cart total, tiyin (equal to `amount`; kept apart so a mismatch would show). */
  total: Tiyin;
  lines: ReceiptLine[];
  /** The scanned wallet code, the Scan2pay order id, the UzQR invoice id, or null (pinpads). */
  detail: string | null;
  status: AttemptStatus;
  payment: PaidWith | null;
  receipt: AttemptReceipt | null;
  receiptError: AttemptErrorNote | null;
  confirm: ConfirmState;
  refund: AttemptRefund | null;
  /** UzQR refunds (full or in parts), oldest first; absent when there are none. */
  uzqrRefunds?: UzqrRefundRecord[];
  history: AttemptHistoryEntry[];
  resolution: { at: string; reason: string } | null;
  /**
   * Scan2pay, UzQR: until when an `unsettled` attempt is watched (its creation + the QR's expiry + the safety margin).
   * Absent on attempts written before it existed.
   */
  settleBy?: string | null;
  /** Eat here or take away, when the kiosk asked (config `serviceModes`): the kitchen ticket prints it. */
  serviceMode?: AttemptServiceMode;
}

/**
 * What the checkout fixed when the customer chose a method, handed to the method machine in its input and by it
 * to the journal with the charge: everything the attempt's record needs besides the method's own `detail`.
 * One value from one place, so the record, the charge and the screen cannot disagree.
 */
export interface ChargeDraft<M extends PaymentMethod = PaymentMethod> {
  attemptId: string;
  method: M;
  /** The cart total the customer saw, tiyin: what the charge asks for. */
  total: Tiyin;
  /** The receipt lines fixed with the total. */
  lines: ReceiptLine[];
  /** The customer's pickup number. */
  orderNumber: string;
  serviceMode?: AttemptServiceMode;
}

/**
 * Input of the `recordCharge` actor every method machine invokes before its charge request: the journal writes
 * the attempt durably (DESIGN.md §1.3). `detail` is the scanned code for wallets, the order id for Scan2pay,
 * the invoice id for UzQR, null for pinpads.
 */
export interface RecordChargeInput {
  draft: ChargeDraft;
  detail: string | null;
}

export type PaymentOutcome =
  /** Money moved. The checkout registers the receipt next. */
  | { outcome: 'paid'; paid: PaidWith }
  /**
   * Definitely not charged (a decline, a billing error, a refused request): the customer may choose again.
   * `callStaff` marks a kiosk-side problem (device, configuration, fiscal module, journal) that another
   * try will not fix.
   */
  | { outcome: 'declined'; error: GatewayError; messageKey: MessageKey; callStaff: boolean }
  /**
   * May have been charged: never retried, never shown as declined; staff resolve it (DESIGN.md §1.2).
   * `detail` says why for the journal and the staff screen when there is no gateway error to show.
   */
  | { outcome: 'unknown'; error: GatewayError | null; messageKey: MessageKey; detail?: string }
  /**
   * The customer left before any charge request was sent (or Scan2pay's final check found it unpaid).
   * `finalCheckFailed`: Scan2pay's last status call got no usable answer, so "unpaid" is only as far as the
   * kiosk can tell. For Scan2pay neither is final: the QR stays payable, so the journal makes the attempt
   * `unsettled` and the Scan2pay watcher keeps asking (src/journal/scan2pay-watcher.ts). UzQR's invoice can be
   * cancelled: it is final only when the cancel was acknowledged and the final check found it unpaid; otherwise
   * `finalCheckFailed` is set and it is watched the same way.
   */
  | { outcome: 'cancelled'; finalCheckFailed?: true }
  /** Scan2pay and UzQR: the QR ran out of time and the final status check found it unpaid (see `cancelled`). */
  | { outcome: 'expired'; finalCheckFailed?: true };

/** The outcomes of a charge that did not pay. */
export type NotPaidOutcome = Extract<PaymentOutcome, { outcome: 'declined' | 'unknown' }>;

/**
 * Input of the checkout's `recordOutcome` actor: how the attempt ended, with its draft, so an attempt that was
 * never recorded (the method machine failed before its write) can still be written.
 */
export interface RecordOutcomeInput {
  draft: ChargeDraft;
  outcome: PaymentOutcome;
}
