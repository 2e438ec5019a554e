/**
 * Decodes every corpus frame (tests/fixtures/qr-corpus) with both engines in Node and prints, per engine,
 * how many frames it read with exactly the expected text and how long a frame took.
 *
 *   npx tsx bench/decode-engines.ts
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePngToGrey } from '../scripts/png-codec.ts';
import { createDecoder, greyToImageData, type DecoderEngine, type DecoderOptions } from '../src/scanner/decoder.ts';

const require = createRequire(import.meta.url);
export const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'qr-corpus');

export interface CorpusFrame {
  file: string;
  text: string;
  formats: 'qr' | 'product';
  variant: string;
  frame: ImageData;
}

export interface DecodeBenchResult {
  engine: DecoderEngine;
  decoded: number;
  total: number;
  ratePercent: number;
  medianMs: number;
  p95Ms: number;
  /** Frames not read with exactly the expected text. */
  missed: string[];
}

/** What Node needs to run the engines: the wasm binary from node_modules and the CommonJS zxing-js. */
export function nodeDecoderOptions(): DecoderOptions {
  const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  return {
    wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
    zxingJsLib: require('@zxing/library') as DecoderOptions['zxingJsLib'],
  };
}

/** The corpus frames with their expected text, as RGBA ImageData-shaped frames. */
export function loadCorpus(): CorpusFrame[] {
  const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as {
    frames: { file: string; text: string; formats: 'qr' | 'product'; variant: string }[];
  };
  return manifest.frames.map((entry) => {
    const grey = decodePngToGrey(readFileSync(join(corpusDir, entry.file)));
    return { ...entry, frame: greyToImageData(grey.width, grey.height, grey.data) };
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

/** Decodes the whole corpus with each engine (one warm-up frame first, not timed). */
export async function runDecodeBench(
  engines: DecoderEngine[] = ['zxing-wasm', 'zxing-js'],
): Promise<DecodeBenchResult[]> {
  const corpus = loadCorpus();
  const options = nodeDecoderOptions();
  const results: DecodeBenchResult[] = [];
  for (const engine of engines) {
    const decoder = await createDecoder(engine, options);
    const first = corpus[0];
    if (first) await decoder.decode(first.frame, first.formats);
    const times: number[] = [];
    const missed: string[] = [];
    for (const item of corpus) {
      const start = performance.now();
      const text = await decoder.decode(item.frame, item.formats);
      times.push(performance.now() - start);
      if (text !== item.text) missed.push(item.file);
    }
    decoder.dispose();
    times.sort((a, b) => a - b);
    const decoded = corpus.length - missed.length;
    results.push({
      engine,
      decoded,
      total: corpus.length,
      ratePercent: (100 * decoded) / corpus.length,
      medianMs: percentile(times, 50),
      p95Ms: percentile(times, 95),
      missed,
    });
  }
  return results;
}

/** The results as a Markdown table. */
export function formatDecodeBench(results: DecodeBenchResult[]): string {
  const lines = [
    '| engine | decoded/total | rate % | median ms/frame | p95 ms/frame |',
    '|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.engine} | ${r.decoded}/${r.total} | ${r.ratePercent.toFixed(1)} | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} |`,
    ),
  ];
  for (const r of results) if (r.missed.length > 0) lines.push(`${r.engine} missed: ${r.missed.join(', ')}`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatDecodeBench(await runDecodeBench()));
  // Real camera photos per pass and the rotation's "within 3 frames" (bench/real-photos.ts), then generated
  // GS1 marking codes under the corpus's degradations (bench/marking-codes.ts).
  const { formatRealPhotoBench, runRealPhotoBench } = await import('./real-photos.ts');
  const { runMarkingBench } = await import('./marking-codes.ts');
  console.log('');
  console.log(formatRealPhotoBench(await runRealPhotoBench()));
  console.log('');
  console.log(formatRealPhotoBench(await runMarkingBench(), 'Generated GS1 marking codes (Data Matrix), 14 degradations each'));
}
