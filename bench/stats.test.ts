import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { gzipSync } from 'node:zlib';
import { formatTable, growthPercent, gzipSize, median, percentile, round } from './stats.ts';

describe('percentile and median', () => {
  it('takes the nearest rank, unsorted input, and 0 for nothing', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 95)).toBe(0);
    expect(values[0]).toBe(5); // not sorted in place
  });
  it('averages the middle two for an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('gzipSize', () => {
  it('is the length of a level-9 gzip of the content', () => {
    const text = 'abc'.repeat(1000);
    expect(gzipSize(text)).toBe(gzipSync(text, { level: 9 }).length);
    expect(gzipSize(text)).toBeLessThan(100);
    expect(gunzipSync(gzipSync(text, { level: 9 })).toString()).toBe(text);
  });
});

describe('growthPercent and round', () => {
  it('gives the change in per cent', () => {
    expect(growthPercent(100, 110)).toBe(10);
    expect(growthPercent(200, 150)).toBe(-25);
    expect(growthPercent(0, 0)).toBe(0);
    expect(round(12.345, 1)).toBe(12.3);
    expect(round(12.35, 0)).toBe(12);
  });
});

describe('formatTable', () => {
  it('prints one markdown row per figure with budget and verdict', () => {
    const table = formatTable([
      { name: 'First-screen JS + CSS (gzip)', value: 79.8, unit: 'KB', budget: { max: 80 }, note: 'a | b' },
      { name: 'Cold start', value: 1600, unit: 'ms', budget: { max: 1500 } },
      { name: 'Decode rate', value: 96, unit: '%', budget: { min: 95 } },
      { name: 'All assets', value: 600, unit: 'KB', budget: null },
    ]).split('\n');
    expect(table[0]).toBe('| figure | value | budget | result | note |');
    expect(table[2]).toBe('| First-screen JS + CSS (gzip) | 79.8 KB | ≤ 80 KB | pass | a / b |');
    expect(table[3]).toBe('| Cold start | 1600 ms | ≤ 1500 ms | FAIL |  |');
    expect(table[4]).toBe('| Decode rate | 96 % | ≥ 95 % | pass |  |');
    expect(table[5]).toBe('| All assets | 600 KB | — | info |  |');
  });
});
