import { describe, expect, it } from 'vitest';
import { formatCompactDateTime, formatDateTime, formatSlipDate, formatTiyinAsSom, parseLocalDateTime } from './clock-format.ts';

describe('clock formats', () => {
  const d = new Date(2024, 5, 1, 7, 5, 9);

  it('prints local time in the fiscal module formats', () => {
    expect(formatDateTime(d)).toBe('2024-06-01 07:05:09');
    expect(formatCompactDateTime(d)).toBe('20240601070509');
    expect(formatSlipDate(d)).toBe('01/06/24');
  });

  it('parses yyyy-MM-dd HH:mm:ss as local time and refuses anything else', () => {
    expect(parseLocalDateTime('2024-06-01 07:05:09')?.getTime()).toBe(d.getTime());
    expect(parseLocalDateTime('2024-06-01T07:05:09')).toBeNull();
    expect(parseLocalDateTime('2024-02-30 10:00:00')).toBeNull();
    expect(parseLocalDateTime('')).toBeNull();
  });

  it('formats tiyin as so\'m without floats', () => {
    expect(formatTiyinAsSom(1000)).toBe('10.00');
    expect(formatTiyinAsSom(5)).toBe('0.05');
    expect(formatTiyinAsSom(123456789)).toBe('1234567.89');
  });
});
