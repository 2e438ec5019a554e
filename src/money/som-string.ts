/**
 * UzQR sends money as a so'm string with a dot and exactly two decimals (uzqr.md: `"amount": "100.00"`).
 * Built from the integer tiyin by string arithmetic: a float (12.1 * 100 = 1209.9999…) must never be able to
 * change what the customer is charged or refunded.
 */
import { isTiyin, MoneyError, type Tiyin } from './money.ts';

/**
 * 1 → "0.01", 800000 → "8000.00", 100001 → "1000.01". Refuses 0, negatives, non-integers and amounts above
 * `maxAmount` (tiyin) the way the gateway's `chargeAmount` does: a wrong unit must not leave the kiosk.
 */
export function tiyinToSomString(amount: Tiyin, maxAmount: Tiyin): string {
  if (!isTiyin(amount) || amount <= 0) {
    throw new MoneyError(`amount ${String(amount)} is not a positive whole number of tiyin`);
  }
  if (amount > maxAmount) throw new MoneyError(`amount ${amount} tiyin is above maxAmount ${maxAmount}`);
  const digits = String(amount).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * The inverse, for what comes back (the simulator reads the kiosk's `amount`; tests round-trip): "8000.00" →
 * 800000. Accepts only digits with an optional dot and one or two decimals; anything else is refused.
 */
export function somStringToTiyin(text: string): Tiyin {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new MoneyError(`"${text}" is not a so'm amount with a dot and at most two decimals`);
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  const value = Number(`${whole}${cents}`);
  if (!Number.isSafeInteger(value)) throw new MoneyError(`"${text}" is too large`);
  return value as Tiyin;
}
