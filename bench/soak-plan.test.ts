import { describe, expect, it } from 'vitest';
import { planFor } from './soak.ts';
import { toDecodeFigures } from './decode-figures.ts';

describe('planFor', () => {
  it('runs every kind of checkout before the first sample and keeps unknowns to three', () => {
    const kinds = (from: number, to: number, n: number) =>
      new Set(Array.from({ length: to - from + 1 }, (_, k) => planFor(from + k, n).kind));
    expect([...kinds(1, 9, 300)].sort()).toEqual(['pay', 'pinpadDecline', 'receiptError', 'unknown', 'walletDecline']);
    const all = Array.from({ length: 300 }, (_, k) => planFor(k + 1, 300));
    expect(all.filter((p) => p.kind === 'unknown')).toHaveLength(3);
    const methods = new Set(all.flatMap((p) => ('method' in p ? [p.method] : [])));
    expect([...methods].sort()).toEqual(['Anor', 'Click', 'Humo', 'Payme', 'Scan2pay', 'UzCard', 'Uzum']);
  });
});

describe('toDecodeFigures', () => {
  it('holds only the default engine to the 95 % decode rate', () => {
    const figures = toDecodeFigures([
      { engine: 'zxing-wasm', decoded: 19, total: 20, ratePercent: 95, medianMs: 3.21, p95Ms: 9.87, missed: ['a.png'] },
      { engine: 'zxing-js', decoded: 10, total: 20, ratePercent: 50, medianMs: 7, p95Ms: 20, missed: [] },
    ]);
    expect(figures.map((f) => [f.name, f.value, f.budget])).toEqual([
      ['Decode rate, zxing-wasm (default)', 95, { min: 95 }],
      ['Decode time per frame, zxing-wasm, median', 3.21, null],
      ['Decode time per frame, zxing-wasm, p95', 9.87, null],
      ['Decode rate, zxing-js', 50, null],
      ['Decode time per frame, zxing-js, median', 7, null],
      ['Decode time per frame, zxing-js, p95', 20, null],
    ]);
  });
});
