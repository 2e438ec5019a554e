import { describe, expect, it } from 'vitest';
import { staffEn } from '../i18n/messages/staff-en.ts';
import { staffRu } from '../i18n/messages/staff-ru.ts';
import { staffUz } from '../i18n/messages/staff-uz.ts';
import { translate } from './staff-i18n.ts';
import { kitchenTicketStatusKey, statusKey, uzqrRefundStateKey, uzqrRefusalKey } from './status-keys.ts';

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe.each([
  ['attempt status', statusKey],
  ['UzQR refund state', uzqrRefundStateKey],
  ['UzQR refusal', uzqrRefusalKey],
  ['kitchen ticket status', kitchenTicketStatusKey],
] as const)('%s', (_name, keys: Record<string, string>) => {
  it("names a staff text that staff mode's tables have in uz, ru and en, with the same placeholders", () => {
    for (const [status, key] of Object.entries(keys)) {
      expect(key, status).toMatch(/^staff\./);
      const english = (staffEn as Record<string, string>)[key];
      expect(english, `${status} → ${key}`).toBeTruthy();
      for (const table of [staffRu, staffUz] as Record<string, string>[]) {
        expect(table[key], `${status} → ${key}`).toBeTruthy();
        expect(placeholders(table[key] ?? ''), key).toEqual(placeholders(english!));
      }
    }
  });
});

describe("UzQR refunds' texts, as the language review left them", () => {
  const amount = { amount: '3 000 soʻm', code: 'E42' };
  it('say each refund state in uz, ru and en', () => {
    expect(translate('en', uzqrRefundStateKey.sending, amount)).toBe('3 000 soʻm: no answer from UzQR');
    expect(translate('en', uzqrRefundStateKey.pending, amount)).toBe('3 000 soʻm: in progress');
    expect(translate('en', uzqrRefundStateKey.refunded, amount)).toBe('3 000 soʻm: refunded');
    expect(translate('en', uzqrRefundStateKey.failed, amount)).toBe('3 000 soʻm: failed (E42)');
    expect(translate('ru', uzqrRefundStateKey.sending, amount)).toBe('3 000 soʻm: нет ответа от UzQR');
    expect(translate('ru', uzqrRefundStateKey.pending, amount)).toBe('3 000 soʻm: в обработке');
    expect(translate('ru', uzqrRefundStateKey.refunded, amount)).toBe('3 000 soʻm: возвращено');
    expect(translate('ru', uzqrRefundStateKey.failed, amount)).toBe('3 000 soʻm: не прошёл (E42)');
    expect(translate('uz', uzqrRefundStateKey.sending, amount)).toBe('3 000 soʻm: UzQR dan javob yoʻq');
    expect(translate('uz', uzqrRefundStateKey.pending, amount)).toBe('3 000 soʻm: jarayonda');
    expect(translate('uz', uzqrRefundStateKey.refunded, amount)).toBe('3 000 soʻm: qaytarildi');
    expect(translate('uz', uzqrRefundStateKey.failed, amount)).toBe('3 000 soʻm: amalga oshmadi (E42)');
  });

  it('fill every value of a refusal', () => {
    const vars = { amount: '5 000', remaining: '2 000', code: 'E7', message: 'no journal' };
    expect(translate('en', uzqrRefusalKey.aboveRemaining, vars)).toBe('Cannot refund 5 000: only 2 000 of this payment is left to refund.');
    expect(translate('ru', uzqrRefusalKey.aboveRemaining, vars)).toBe('Нельзя вернуть 5 000: по этой оплате можно вернуть только 2 000.');
    expect(translate('uz', uzqrRefusalKey.aboveRemaining, vars)).toBe('5 000 qaytarib boʻlmaydi: bu toʻlovdan faqat 2 000 qaytarish mumkin.');
    expect(translate('uz', uzqrRefusalKey.rejected, vars)).toBe('UzQR qaytarishni rad etdi (kod E7). Hech narsa qaytarilmadi.');
    expect(translate('ru', uzqrRefusalKey.refused, vars)).toBe('Киоск не отправил этот возврат: no journal');
  });
});

it("names the optional tabs (sold out, kitchen tickets, UzQR refunds) in uz, ru and en", () => {
  const names = (key: 'staff.tab.soldOut' | 'staff.tab.kitchen' | 'staff.tab.uzqr') =>
    (['uz', 'ru', 'en'] as const).map((locale) => translate(locale, key));
  expect(names('staff.tab.soldOut')).toEqual(['Tugaganlar', 'Нет в наличии', 'Sold out']);
  expect(names('staff.tab.kitchen')).toEqual(['Oshxona cheklari', 'Кухонные талоны', 'Kitchen tickets']);
  expect(names('staff.tab.uzqr')).toEqual(['UzQR qaytarishlari', 'Возвраты UzQR', 'UzQR refunds']);
  expect(translate('ru', kitchenTicketStatusKey.failed)).toBe('Не напечатан');
  expect(translate('uz', kitchenTicketStatusKey.pending)).toBe('Chop etilishini kutmoqda');
});
