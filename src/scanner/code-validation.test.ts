import { describe, expect, it } from 'vitest';
import { maxCodeLength, validatePaymentCode } from './code-validation.ts';

describe('validatePaymentCode', () => {
  it.each([
    '880101698207133392',
    '50501010793410469483',
    '7993:5061401:01KFDH:3sySIUxrog+hhtBwUXquxn97N5k=',
    '1'.repeat(maxCodeLength),
  ])('accepts %s', (code) => {
    expect(validatePaymentCode(code)).toEqual({ ok: true });
  });
  it.each([
    ['', 'empty'],
    ['8801 0169', 'whitespace'],
    ['880101\n', 'whitespace'],
    ['abc\u0007', 'unprintable'],
    ['оплата', 'unprintable'],
    ['1'.repeat(maxCodeLength + 1), 'too-long'],
  ])('refuses %j as %s', (code, problem) => {
    expect(validatePaymentCode(code)).toEqual({ ok: false, problem });
  });
});
