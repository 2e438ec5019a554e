import { describe, expect, it } from 'vitest';
import { codeFitsProduct, GS, gtin14, labelsForReceipt, parseMarkingCode } from './marking-code.ts';
import { markingCode, waterGtin } from '../testing/marking-codes.ts';

describe('parseMarkingCode', () => {
  it('reads GTIN and serial of a GS1 marking code and keeps the identification part without GS or tail', () => {
    const parsed = parseMarkingCode(`0104780069000130215Ab+Q(o:x7Kp1${GS}93dGVz`);
    expect(parsed).toEqual({
      ok: true,
      code: {
        full: `0104780069000130215Ab+Q(o:x7Kp1${GS}93dGVz`,
        gtin: '04780069000130',
        serial: '5Ab+Q(o:x7Kp1',
        identification: '0104780069000130215Ab+Q(o:x7Kp1',
      },
    });
  });

  it('accepts more verification fields after the tail (8005 price) and drops a scanner prefix or leading FNC1', () => {
    const code = `${markingCode(waterGtin, 'AAA111')}${GS}8005012000`;
    expect(parseMarkingCode(code).ok).toBe(true);
    const prefixed = parseMarkingCode(`]d2${markingCode(waterGtin, 'AAA111')}`);
    const leadingGs = parseMarkingCode(`${GS}${markingCode(waterGtin, 'AAA111')}`);
    expect(prefixed.ok && prefixed.code.identification).toBe(`01${waterGtin}21AAA111`);
    expect(leadingGs.ok && leadingGs.code.full).toBe(markingCode(waterGtin, 'AAA111'));
  });

  it('refuses what is not a marking code: an EAN, a URL, a wallet code, a bad GTIN check digit, a bad serial', () => {
    for (const text of [
      '4780069000130',
      'https://example.uz/x',
      '7993:5061401:01KFDH8Z2M3Q4R5S6T7V8W9X0Y:3sySIUxrog+hhtBwUXquxn97N5k=',
      markingCode('04780069000131', 'AAA111'),
      `01${waterGtin}21${GS}93dGVz`,
      `01${waterGtin}21AB CD${GS}93dGVz`,
      `01${waterGtin}21${'A'.repeat(21)}${GS}93dGVz`,
      `01${waterGtin}21AAA111${GS}`,
    ]) {
      expect(parseMarkingCode(text), JSON.stringify(text)).toEqual({ ok: false, problem: 'notMarkingCode' });
    }
  });

  it('without a GS the serial cannot be told from the tail: refused as incomplete, never guessed', () => {
    expect(parseMarkingCode(`01${waterGtin}21AAA11193dGVz`)).toEqual({ ok: false, problem: 'noSeparator' });
    // A scanner that typed the GS as text (not mapped by the wedge reader) is the same case.
    expect(parseMarkingCode(`01${waterGtin}21AAA111<GS>93dGVz`)).toEqual({ ok: false, problem: 'noSeparator' });
  });
});

describe('GTIN matching and labels', () => {
  it('pads EAN-8/UPC/EAN-13 to GTIN-14 and matches a code to its product', () => {
    expect(gtin14('4780069000130')).toBe(waterGtin);
    expect(gtin14('96385074')).toBe('00000096385074');
    expect(gtin14('ABC')).toBeNull();
    expect(gtin14(undefined)).toBeNull();
    const parsed = parseMarkingCode(markingCode(waterGtin, 'AAA111'));
    expect(parsed.ok && codeFitsProduct(parsed.code, '4780069000130')).toBe(true);
    expect(parsed.ok && codeFitsProduct(parsed.code, '4781135000429')).toBe(false);
  });

  it('labels are the identification parts in scan order', () => {
    expect(labelsForReceipt([markingCode(waterGtin, 'A1'), markingCode(waterGtin, 'B2', 'zzzz')])).toEqual([
      `01${waterGtin}21A1`,
      `01${waterGtin}21B2`,
    ]);
    expect(() => labelsForReceipt(['not a code'])).toThrow();
  });
});
