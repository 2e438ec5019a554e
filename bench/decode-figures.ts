/** runDecodeBench (bench/decode-engines.ts) as bench figures: decode rate per engine, ms/frame median and p95. */
import type { DecoderEngine } from '../src/scanner/decoder.ts';
import type { DecodeBenchResult } from './decode-engines.ts';
import type { BenchFigure } from './figure.ts';
import { round } from './stats.ts';

/** The kiosk's default engine (config `scanner.engine`): the only one held to the decode-rate budget. */
export const defaultEngine: DecoderEngine = 'zxing-wasm';
export const decodeRateBudgetPercent = 95;

export function toDecodeFigures(results: DecodeBenchResult[]): BenchFigure[] {
  return results.flatMap((r) => {
    const isDefault = r.engine === defaultEngine;
    return [
      {
        name: `Decode rate, ${r.engine}${isDefault ? ' (default)' : ''}`,
        value: round(r.ratePercent),
        unit: '%' as const,
        budget: isDefault ? { min: decodeRateBudgetPercent } : null,
        note: `${r.decoded}/${r.total} corpus frames read exactly${r.missed.length ? `; missed ${r.missed.slice(0, 3).join(', ')}${r.missed.length > 3 ? ', …' : ''}` : ''}`,
      },
      {
        name: `Decode time per frame, ${r.engine}, median`,
        value: round(r.medianMs, 2),
        unit: 'ms' as const,
        budget: null,
        note: 'Node, one core',
      },
      {
        name: `Decode time per frame, ${r.engine}, p95`,
        value: round(r.p95Ms, 2),
        unit: 'ms' as const,
        budget: null,
      },
    ];
  });
}

export async function decodeFigures(): Promise<BenchFigure[]> {
  const { runDecodeBench } = await import('./decode-engines.ts');
  const { runRealPhotoBench, realPhotoFigures } = await import('./real-photos.ts');
  const { runMarkingBench } = await import('./marking-codes.ts');
  return [
    ...toDecodeFigures(await runDecodeBench()),
    ...realPhotoFigures(await runRealPhotoBench()),
    ...realPhotoFigures(await runMarkingBench()),
  ];
}
