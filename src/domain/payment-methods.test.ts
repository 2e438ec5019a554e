import { describe, expect, it } from 'vitest';
import { allMessages } from '../testing/messages.ts';
import {
  brandOf,
  isPaymentMethod,
  isPinpad,
  isWallet,
  machineOf,
  methodRow,
  paymentMethods,
  paymentMethodTable,
  pinpadProviders,
  unitConfigurableMethods,
  walletProviders,
} from './payment-methods.ts';

const languages = allMessages;

describe('the payment method table', () => {
  it('derives the method lists and the wallet/pinpad tests from its rows', () => {
    expect(paymentMethods).toEqual(['click', 'payme', 'uzum', 'anor', 'humo', 'uzcard', 'scan2pay', 'uzqr']);
    expect(walletProviders).toEqual(['click', 'payme', 'uzum', 'anor']);
    expect(pinpadProviders).toEqual(['humo', 'uzcard']);
    // UzQR's amount is always a so'm string (uzqr.md), so `amountUnits` has no key for it.
    expect(unitConfigurableMethods).toEqual(['click', 'payme', 'uzum', 'anor', 'scan2pay']);
    expect(paymentMethods.filter(isWallet)).toEqual(walletProviders);
    expect(paymentMethods.filter(isPinpad)).toEqual(pinpadProviders);
    for (const notAMethod of ['', 'cash', 'constructor', '__proto__', null, undefined, 64]) {
      expect(isPaymentMethod(notAMethod)).toBe(false);
      expect(isWallet(notAMethod)).toBe(false);
      expect(isPinpad(notAMethod)).toBe(false);
    }
  });

  it('has unique ids, unique brands and unique gateway names', () => {
    for (const field of ['id', 'brand', 'gatewayName'] as const) {
      const values = paymentMethodTable.map((row) => row[field]);
      expect(new Set(values).size, field).toBe(values.length);
    }
  });

  it('keeps the vendor facts: EPS codes (gateway-notes.md), confirm keys, pinpad paths and decline codes', () => {
    expect(walletProviders.map((w) => [w, methodRow(w).epsCode, methodRow(w).confirmKey])).toEqual([
      ['click', 64, 'payment_id'],
      ['payme', 141, 'payment_id'],
      ['uzum', 161, 'payment_id'],
      ['anor', 187, 'transaction_id'],
    ]);
    expect(pinpadProviders.map((p) => [p, methodRow(p).gatewayName, methodRow(p).declineCode, methodRow(p).refund])).toEqual([
      ['humo', 'xumo', '108', { verb: 'cancel', key: 'configured' }],
      ['uzcard', 'uzcard', '109', { verb: 'return', key: 'rrn' }],
    ]);
    expect(methodRow('scan2pay').gatewayName).toBe('qr_pay');
    expect(methodRow('uzqr').gatewayName).toBe('one_qr');
  });

  it('gives every method a brand, and the brand lookup never falls back to another method', () => {
    for (const row of paymentMethodTable) {
      expect(row.brand.trim(), row.id).not.toBe('');
      expect(brandOf(row.id)).toBe(row.brand);
    }
    // A method a journal from another build may hold: its own id, never a neighbour's brand.
    expect(brandOf('sbp' as never)).toBe('sbp');
  });

  it('has every message a method needs in uz, ru and en', () => {
    for (const row of paymentMethodTable) {
      const keys = Object.values(row.messages);
      expect(keys.length, row.id).toBeGreaterThan(0);
      for (const key of keys) {
        for (const [locale, messages] of Object.entries(languages)) {
          const text = (messages as Record<string, string | undefined>)[key];
          expect(text?.trim(), `${row.id}: ${key} in ${locale}`).toBeTruthy();
        }
      }
    }
  });

  it('names every wallet and card brand in the attract screen line, in every language', () => {
    for (const row of paymentMethodTable) {
      if (row.kind === 'shownQr') continue; // "any bank app"
      for (const [locale, messages] of Object.entries(languages)) {
        expect(messages['attract.payWith'], `${row.id} in ${locale}`).toContain(row.brand);
      }
    }
  });

  it('names a payment machine for every method, by kind', () => {
    for (const row of paymentMethodTable) {
      expect(machineOf(row.id)).toBe(row.machine);
      if (row.kind === 'wallet' || row.kind === 'pinpad') expect(row.machine).toBe(row.kind);
    }
  });

  it('asks staff for at least one reference of every method before it can be marked found paid', () => {
    for (const row of paymentMethodTable) expect(row.staffFound.required.length, row.id).toBeGreaterThan(0);
  });
});
