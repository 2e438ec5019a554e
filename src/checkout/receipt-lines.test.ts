import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog-types.ts';
import { tiyin } from '../money/money.ts';
import { buildReceiptLines, includedVat } from './receipt-lines.ts';

const catalog: Catalog = {
  categories: [{ id: 'drinks', name: 'Drinks' }],
  products: [
    {
      id: 'tea',
      name: { uz: 'Choy', ru: 'Чай', en: 'Tea' },
      price: tiyin(333_333),
      category: 'drinks',
      barcode: '4780000000017',
      fiscal: { classCode: '02202001001000000', packageCode: '1500234', unitName: 'dona', vatPercent: 12, ownerType: 1 },
    },
    {
      id: 'bag',
      name: 'Paket',
      price: tiyin(10_000),
      category: 'drinks',
      fiscal: { classCode: '22290001001000000', packageCode: '1', unitName: 'dona', vatPercent: null, ownerType: 0 },
    },
  ],
};

describe('includedVat', () => {
  it('takes the VAT out of a VAT-inclusive price, rounded half up', () => {
    expect(includedVat(tiyin(1_120_000), 12)).toBe(120_000);
    // 999 999 × 12 / 112 = 107 142.75 → 107 143
    expect(includedVat(tiyin(999_999), 12)).toBe(107_143);
    // 14 × 12 / 112 = 1.5 → 2 (half up)
    expect(includedVat(tiyin(14), 12)).toBe(2);
    expect(includedVat(tiyin(1_150_000), 15)).toBe(150_000);
    // 12.5 %: 1 125 000 × 12.5 / 112.5 = 125 000
    expect(includedVat(tiyin(1_125_000), 12.5)).toBe(125_000);
    expect(includedVat(tiyin(123_456), null)).toBe(0);
    expect(includedVat(tiyin(123_456), 0)).toBe(0);
  });

  it('is exact for prices up to 5e9 tiyin (checked against BigInt arithmetic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000_000 }), fc.constantFrom(12, 15, 20, 7), (price, p) => {
        const num = BigInt(price) * BigInt(p);
        const den = BigInt(100 + p);
        const expected = Number((num * 2n + den) / (den * 2n));
        const vat = includedVat(tiyin(price), p);
        expect(vat).toBe(expected);
        expect(Number.isSafeInteger(vat)).toBe(true);
      }),
    );
    // Where a float would drift: 4 999 999 993 × 12 / 112 = 535 714 284.964… → 535 714 285
    expect(includedVat(tiyin(4_999_999_993), 12)).toBe(535_714_285);
  });
});

describe('buildReceiptLines', () => {
  it('builds fiscal lines: quantity ×1000, unit price, line total and VAT in tiyin', () => {
    const lines = buildReceiptLines(
      [
        { productId: 'tea', quantity: 3 },
        { productId: 'bag', quantity: 1 },
      ],
      catalog,
    );
    expect(lines).toEqual([
      {
        name: 'Choy',
        barcode: '4780000000017',
        amount: 3000,
        unitName: 'dona',
        productPrice: 333_333,
        price: 999_999,
        vat: 107_143,
        vatPercent: 12,
        classCode: '02202001001000000',
        packageCode: '1500234',
        ownerType: 1,
      },
      {
        name: 'Paket',
        amount: 1000,
        unitName: 'dona',
        productPrice: 10_000,
        price: 10_000,
        vat: 0,
        vatPercent: null,
        classCode: '22290001001000000',
        packageCode: '1',
        ownerType: 0,
      },
    ]);
    expect(buildReceiptLines([{ productId: 'tea', quantity: 1 }], catalog, 'ru')[0]?.name).toBe('Чай');
  });
});
