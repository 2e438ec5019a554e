/**
 * Wallet payments (Click Pass, Payme Go, Uzum FastPay, AnorCheck): charges, their fiscal confirms, and the
 * answer bodies each provider sends, shaped like gateway-api.md's examples.
 */
import type { IdSource } from './random-ids.ts';
import { checkAmount, checkText, fail, ok, validationError, type Envelope, type FieldErrors } from './envelope.ts';

export type WalletProvider = 'click' | 'payme' | 'uzum' | 'anor';
export const walletProviders: readonly WalletProvider[] = ['click', 'payme', 'uzum', 'anor'];

export interface WalletPayment {
  method: WalletProvider;
  /** Click/Payme: 24 hex; Uzum: UUID; Anor: a number, kept here as its text. */
  paymentId: string;
  /** Click/Payme/Anor: UUID; Uzum has none. */
  transactionId: string | null;
  amount: number;
  qrCode: string;
  phone: string;
  createdAt: string;
  /** The receipt URL it was confirmed with; a payment is confirmed once. */
  confirmed: { qrCode: string; at: string } | null;
}

/** The key a confirm call sends: Anor confirms by `transaction_id`, the others by `payment_id`. */
export function confirmKeyName(provider: WalletProvider): 'payment_id' | 'transaction_id' {
  return provider === 'anor' ? 'transaction_id' : 'payment_id';
}

/** A wallet decline as errors.md gives it (HTTP 200, code 106); the provider's own code is unknown to the vendor docs. */
export function walletDecline(_provider: WalletProvider, _code?: string): Envelope {
  // errors.md: 106 PAYMENT_ERROR, in the vendor's error shape (data null). The vendor shows no decline body
  // with provider fields, so the simulator invents none.
  return { data: null, error: { code: 106, message: 'PAYMENT_ERROR', data: null }, is_success: false };
}

/** Remembers wallet payments and answers charges and confirms. */
export class WalletStore {
  private payments: WalletPayment[] = [];
  private anorPaymentId = 657;
  private paymeReceiptId = 122;

  constructor(private readonly ids: IdSource) {}

  /** Validates a charge body; null when it is acceptable. */
  validateCharge(body: unknown): Envelope | null {
    const errors: FieldErrors = {};
    checkAmount(body, errors);
    checkText(body, errors, 'qr_code');
    return Object.keys(errors).length > 0 ? validationError(errors) : null;
  }

  /** Records a payment for a valid charge body and returns the provider's success answer. */
  charge(provider: WalletProvider, amount: number, qrCode: string, now: Date): { payment: WalletPayment; envelope: Envelope } {
    const phone = `998${this.ids.int(33, 99)}${this.ids.digits(7)}`;
    const payment: WalletPayment = {
      method: provider,
      paymentId: '',
      transactionId: null,
      amount,
      qrCode,
      phone,
      createdAt: now.toISOString(),
      confirmed: null,
    };
    let data: Record<string, unknown>;
    switch (provider) {
      case 'click':
      case 'payme':
        payment.paymentId = this.ids.hex(24);
        payment.transactionId = this.ids.uuid();
        data = {
          amount,
          transaction_id: payment.transactionId,
          payment_id: payment.paymentId,
          inn: '123456789',
          qr_code: qrCode,
          kkm_id: '00000001',
          device_id: '00000001',
          status: 'successfully',
          message: 'successfully payment',
          client_phone_number: phone,
        };
        break;
      case 'uzum':
        payment.paymentId = this.ids.uuid();
        data = {
          payment_id: payment.paymentId,
          payment_status: 'SUCCESS',
          error_code: '0',
          error_message: null,
          client_phone_number: phone,
        };
        break;
      case 'anor': {
        this.anorPaymentId += 1;
        payment.paymentId = String(this.anorPaymentId);
        payment.transactionId = this.ids.uuid();
        data = {
          transaction_id: payment.transactionId,
          status: 'successfully',
          message: null,
          error_code: null,
          payment_id: this.anorPaymentId,
          error_note: null,
          payment_status: 2,
          phone_number: phone,
          card_number: `860014******${this.ids.digits(4)}`,
        };
        break;
      }
    }
    this.payments.push(payment);
    return { payment, envelope: ok(data) };
  }

  /**
   * Answers a confirm call. A payment is confirmed once: repeating the same receipt URL answers success
   * again (a retry must be harmless), a different URL is rejected.
   */
  confirm(provider: WalletProvider, body: unknown, now: Date): Envelope {
    const keyName = confirmKeyName(provider);
    const errors: FieldErrors = {};
    const key = checkText(body, errors, keyName);
    const qrCode = checkText(body, errors, 'qr_code');
    if (key === undefined || qrCode === undefined) return validationError(errors);
    const payment = this.payments.find(
      (p) => p.method === provider && (provider === 'anor' ? p.transactionId === key : p.paymentId === key),
    );
    if (!payment) return fail(106, 'PAYMENT_ERROR', { status: 'error', message: 'Payment not found' });
    if (payment.confirmed && payment.confirmed.qrCode !== qrCode) {
      return fail(106, 'PAYMENT_ERROR', { status: 'error', message: 'Payment already confirmed with another receipt' });
    }
    payment.confirmed ??= { qrCode, at: now.toISOString() };
    switch (provider) {
      case 'click':
        return ok({ inn: '123456789', payment_id: payment.paymentId, qr_code: qrCode, status: 'successfully', error: null });
      case 'payme': {
        this.paymeReceiptId += 1;
        const at = Date.parse(payment.createdAt);
        return ok({
          id: this.paymeReceiptId,
          result: { receipt: { _id: payment.paymentId, create_time: at, pay_time: at + 268 } },
          error: null,
        });
      }
      case 'uzum':
        return ok({
          payment_id: payment.paymentId,
          payment_status: 'SUCCESS',
          error_code: '0',
          error_message: null,
          client_phone_number: null,
        });
      case 'anor':
        return ok({ message: null, error_code: null, payment_id: null, transaction_id: payment.transactionId });
    }
  }

  /** Every payment, oldest first (copies). */
  list(): WalletPayment[] {
    return this.payments.map((p) => ({ ...p, confirmed: p.confirmed ? { ...p.confirmed } : null }));
  }
}
