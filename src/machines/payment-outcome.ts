/**
 * What a payment method machine ends with. The checkout machine branches on `outcome` with an exhaustive
 * switch; method machines know nothing of carts or receipts.
 */
import type { GatewayError, PinpadResult, WalletPayment } from '../gateway/types.ts';

export type PaidWith =
  | { method: 'wallet'; payment: WalletPayment }
  | { method: 'pinpad'; result: PinpadResult }
  | { method: 'scan2pay'; scan2payId: string; orderId: string };

export type PaymentOutcome =
  /** Money moved. The checkout registers the receipt next. */
  | { outcome: 'paid'; paid: PaidWith }
  /** Definitely not charged (a decline, a billing error, a refused request): the customer may choose again. */
  | { outcome: 'declined'; error: GatewayError; messageKey: string }
  /** May have been charged: never retried, never shown as declined; staff resolve it (DESIGN.md §1.2). */
  | { outcome: 'unknown'; error: GatewayError | null; messageKey: string }
  /** The customer left before any charge request was sent (or Scan2pay's final check found it unpaid). */
  | { outcome: 'cancelled' }
  /** Scan2pay only: the QR ran out of time and the final status check found it unpaid. */
  | { outcome: 'expired' };
