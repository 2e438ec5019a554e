/**
 * Money inside the app is always an integer number of tiyin (1 so'm = 100 tiyin).
 * The brand stops a plain number (a price in so'm, a float) from being passed where tiyin is meant.
 */
export type Tiyin = number & { readonly __unit: 'tiyin' };

/** The unit a gateway method expects its `amount` in. */
export type AmountUnit = 'tiyin' | 'sum';

export type Locale = 'uz' | 'ru' | 'en';

export class MoneyError extends Error {
  override name = 'MoneyError';
}

/** Accepts only a non-negative safe integer: anything else is refused, never rounded. */
export function tiyin(value: number): Tiyin {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MoneyError(`not a whole, non-negative number of tiyin: ${String(value)}`);
  }
  return value as Tiyin;
}

export function isTiyin(value: unknown): value is Tiyin {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function addTiyin(a: Tiyin, b: Tiyin): Tiyin {
  return tiyin(a + b);
}

export function multiplyTiyin(amount: Tiyin, quantity: number): Tiyin {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new MoneyError(`bad quantity: ${String(quantity)}`);
  return tiyin(amount * quantity);
}

export function sumTiyin(amounts: Iterable<Tiyin>): Tiyin {
  let total = 0;
  for (const a of amounts) total += a;
  return tiyin(total);
}

/**
 * Converts to the unit a method's `amount` is sent in. The only place money leaves tiyin.
 * A so'm amount must be whole: 12 345 tiyin cannot be sent as so'm without losing 45 tiyin, so it is refused.
 */
export function toMethodUnit(amount: Tiyin, unit: AmountUnit): number {
  const checked = tiyin(amount);
  switch (unit) {
    case 'tiyin':
      return checked;
    case 'sum':
      if (checked % 100 !== 0) throw new MoneyError(`${checked} tiyin is not a whole number of so'm`);
      return checked / 100;
    default: {
      const never: never = unit;
      throw new MoneyError(`unknown amount unit: ${String(never)}`);
    }
  }
}

const currencyWord: Record<Locale, string> = { uz: 'soʻm', ru: 'сум', en: 'UZS' };
const intlLocale: Record<Locale, string> = { uz: 'uz-Latn-UZ', ru: 'ru-RU', en: 'en-US' };
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${fractionDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale[locale], {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
      useGrouping: true,
    });
    formatters.set(key, f);
  }
  return f;
}

/** "12 000 soʻm" / "12 000 сум" / "12,000 UZS"; tiyin shown only when there are some. */
export function formatMoney(amount: Tiyin, locale: Locale): string {
  const whole = amount % 100 === 0;
  // Integer division keeps floats out; the fraction is formatted from the integer parts.
  const sum = Math.trunc(amount / 100);
  const rest = amount % 100;
  // A decimal string, not a float: Intl formats it exactly.
  const text = whole
    ? numberFormat(locale, 0).format(sum)
    : numberFormat(locale, 2).format(`${sum}.${String(rest).padStart(2, '0')}` as `${number}`);
  return `${text} ${currencyWord[locale]}`;
}
