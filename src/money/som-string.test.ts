import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MoneyError, tiyin, type Tiyin } from './money.ts';
import { somStringToTiyin, tiyinToSomString } from './som-string.ts';

const max = tiyin(5_000_000_000);

describe('tiyinToSomString', () => {
  it.each([
    [1, '0.01'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [800_000, '8000.00'],
    [100_001, '1000.01'],
    [1_234_567, '12345.67'],
  ])('%i tiyin → "%s"', (amount, text) => {
    expect(tiyinToSomString(tiyin(amount), max)).toBe(text);
  });

  it('sends maxAmount itself and refuses one tiyin more', () => {
    expect(tiyinToSomString(max, max)).toBe('50000000.00');
    expect(() => tiyinToSomString(tiyin(max + 1), max)).toThrow(/above maxAmount/);
  });

  it.each([0, -1, 0.5, 12.1, Number.NaN, Infinity, 2 ** 53])('refuses %s', (value) => {
    expect(() => tiyinToSomString(value as Tiyin, tiyin(Number.MAX_SAFE_INTEGER))).toThrow(MoneyError);
  });

  it('always has a dot and exactly two decimals, never an exponent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (amount) => {
        expect(tiyinToSomString(tiyin(amount), tiyin(Number.MAX_SAFE_INTEGER))).toMatch(/^(0|[1-9]\d*)\.\d{2}$/);
      }),
    );
  });

  it('round-trips every positive amount up to maxAmount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max }), (amount) => {
        expect(somStringToTiyin(tiyinToSomString(tiyin(amount), max))).toBe(amount);
      }),
    );
  });
});

describe('somStringToTiyin', () => {
  it('reads one or two decimals and whole so\'m', () => {
    expect(somStringToTiyin('100.00')).toBe(10_000);
    expect(somStringToTiyin('100.5')).toBe(10_050);
    expect(somStringToTiyin('1')).toBe(100);
    expect(somStringToTiyin('0.01')).toBe(1);
  });
  it.each(['', '1,00', '1.001', '-1.00', '1e3', ' 1.00', '.50', '1.'])('refuses "%s"', (text) => {
    expect(() => somStringToTiyin(text)).toThrow(MoneyError);
  });
});
