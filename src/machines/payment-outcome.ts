/**
 * What a payment method machine ends with. The checkout machine branches on `outcome` with an exhaustive
 * switch; method machines know nothing of carts or receipts.
 */
import type { GatewayError, PaymentMethod, PinpadResult, WalletPayment } from '../gateway/types.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Tiyin } from '../money/money.ts';

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
 * Input of the `recordCharge` actor every method machine invokes before its charge request: the checkout
 * writes the attempt to the durable journal (DESIGN.md §1.3). `detail` is the scanned code for wallets,
 * the order id for Scan2pay, the invoice id for UzQR, null for pinpads.
 */
export interface RecordChargeInput {
  attemptId: string;
  method: PaymentMethod;
  amount: Tiyin;
  detail: string | null;
}
