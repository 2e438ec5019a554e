import { describe, expect, it } from 'vitest';
import { createIdSource } from './random-ids.ts';
import { walletDecline, WalletStore } from './wallets.ts';

const now = new Date(2024, 5, 11, 12, 0, 0);
const receiptUrl = 'https://ofd.soliq.uz/check?t=UZ170703100189&r=1&c=20240611120000&s=123456789012';

describe('WalletStore', () => {
  it('validates charges like the gateway (code 7, field errors as a JSON string)', () => {
    const store = new WalletStore(createIdSource(1));
    const blank = store.validateCharge({ amount: 500, qr_code: '  ' });
    expect(blank?.error).toEqual({ code: 7, message: '{"qr_code":["This field may not be blank."]}', data: null });
    expect(JSON.parse(store.validateCharge({ qr_code: 'x' })?.error?.message ?? '')).toEqual({ amount: ['This field is required.'] });
    for (const amount of [0, -5, 1.5, '500', null]) {
      expect(store.validateCharge({ amount, qr_code: 'x' })?.error?.code).toBe(7);
    }
    expect(store.validateCharge({ amount: 500, qr_code: '7993:5061401:01KF+h=' })).toBeNull();
  });

  it('remembers each payment with its amount and code, with fresh ids per provider', () => {
    const store = new WalletStore(createIdSource(1));
    const click = store.charge('click', 500, '880101698207133392', now);
    const uzum = store.charge('uzum', 700, '7993:5061401:01KF+h=', now);
    const anor = store.charge('anor', 900, '123', now);
    expect(click.payment.paymentId).toMatch(/^[0-9a-f]{24}$/);
    expect(click.envelope.data).toMatchObject({ status: 'successfully', payment_id: click.payment.paymentId });
    expect((click.envelope.data as { client_phone_number: string }).client_phone_number).toMatch(/^998\d{9}$/);
    expect(uzum.envelope.data).toMatchObject({ payment_status: 'SUCCESS', error_code: '0' });
    expect(typeof (anor.envelope.data as { payment_id: unknown }).payment_id).toBe('number');
    expect((anor.envelope.data as { card_number: string }).card_number).toMatch(/^\d{6}\*{6}\d{4}$/);
    expect(store.list().map((p) => [p.method, p.amount, p.qrCode])).toEqual([
      ['click', 500, '880101698207133392'],
      ['uzum', 700, '7993:5061401:01KF+h='],
      ['anor', 900, '123'],
    ]);
  });

  it('confirms a payment once: the same receipt again is success, another receipt is rejected', () => {
    const store = new WalletStore(createIdSource(1));
    const { payment } = store.charge('payme', 500, 'code', now);
    const first = store.confirm('payme', { payment_id: payment.paymentId, qr_code: receiptUrl }, now);
    expect(first.is_success).toBe(true);
    expect(store.confirm('payme', { payment_id: payment.paymentId, qr_code: receiptUrl }, now).is_success).toBe(true);
    const other = store.confirm('payme', { payment_id: payment.paymentId, qr_code: `${receiptUrl}9` }, now);
    expect(other.is_success).toBe(false);
    expect(other.error?.code).toBe(106);
    expect(store.list()[0]?.confirmed?.qrCode).toBe(receiptUrl);
  });

  it('rejects unknown and other-provider ids, and blanks with code 7; Anor confirms by transaction_id', () => {
    const store = new WalletStore(createIdSource(1));
    const click = store.charge('click', 500, 'code', now).payment;
    const anor = store.charge('anor', 500, 'code', now).payment;
    expect(store.confirm('click', { payment_id: 'nope', qr_code: receiptUrl }, now).error?.code).toBe(106);
    expect(store.confirm('payme', { payment_id: click.paymentId, qr_code: receiptUrl }, now).is_success).toBe(false);
    expect(store.confirm('click', { payment_id: '', qr_code: receiptUrl }, now).error?.message).toBe(
      '{"payment_id":["This field may not be blank."]}',
    );
    expect(store.confirm('anor', { payment_id: anor.paymentId, qr_code: receiptUrl }, now).error?.code).toBe(7);
    const ok = store.confirm('anor', { transaction_id: anor.transactionId, qr_code: receiptUrl }, now);
    expect(ok.data).toEqual({ message: null, error_code: null, payment_id: null, transaction_id: anor.transactionId });
  });

  it('declines with errors.md\'s 106 PAYMENT_ERROR in the vendor\'s error shape, no invented provider fields', () => {
    for (const provider of ['click', 'payme', 'uzum', 'anor'] as const) {
      expect(JSON.stringify(walletDecline(provider))).toBe('{"data":null,"error":{"code":106,"message":"PAYMENT_ERROR","data":null},"is_success":false}');
    }
  });
});
