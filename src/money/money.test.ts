import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMoney, MoneyError, multiplyTiyin, sumTiyin, tiyin, toMethodUnit } from './money.ts';

describe('tiyin', () => {
  it('accepts whole non-negative numbers', () => {
    expect(tiyin(0)).toBe(0);
    expect(tiyin(1_250_000)).toBe(1_250_000);
  });
  it.each([0.5, -1, Number.NaN, Infinity, 2 ** 53])('refuses %s', (v) => {
    expect(() => tiyin(v)).toThrow(MoneyError);
  });
  it('sums and multiplies exactly', () => {
    expect(sumTiyin([tiyin(1), tiyin(2), tiyin(3)])).toBe(6);
    expect(multiplyTiyin(tiyin(1_800_000), 3)).toBe(5_400_000);
    expect(() => multiplyTiyin(tiyin(100), 1.5)).toThrow(MoneyError);
  });
});

describe('toMethodUnit', () => {
  it('sends tiyin as is and so\'m divided by 100', () => {
    expect(toMethodUnit(tiyin(50_000), 'tiyin')).toBe(50_000);
    expect(toMethodUnit(tiyin(50_000), 'sum')).toBe(500);
  });
  it('refuses a so\'m amount that would lose tiyin', () => {
    expect(() => toMethodUnit(tiyin(50_001), 'sum')).toThrow(MoneyError);
  });
  it('round-trips every whole so\'m amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (sum) => {
        expect(toMethodUnit(tiyin(sum * 100), 'sum')).toBe(sum);
      }),
    );
  });
});

describe('formatMoney', () => {
  it('names the currency per locale', () => {
    expect(formatMoney(tiyin(1_200_000), 'en')).toBe('12,000 UZS');
    expect(formatMoney(tiyin(1_200_000), 'ru')).toMatch(/^12\s000 сум$/u);
    expect(formatMoney(tiyin(1_200_000), 'uz')).toMatch(/^12\s000 soʻm$/u);
  });
  it('shows tiyin only when there are some', () => {
    expect(formatMoney(tiyin(1_000_005), 'en')).toBe('10,000.05 UZS');
    expect(formatMoney(tiyin(99), 'en')).toBe('0.99 UZS');
  });
});
