/**
 * Real camera photos (../shared/corpus/real-photos: ZXing's black-box photos, greyed and scaled) decoded per
 * engine and per decoding pass (src/scanner/decode-passes.ts), each photo in all four rotations. Reports per
 * folder the single-pass rate of every option set, the "within 3 frames" rate of the kiosk's pass rotation
 * (the union of its first three passes: a code held still gets one pass per frame), misreads (a code read
 * with another text than the one encoded) and the time per frame, and the greedy choice the rotation is
 * checked against: first the engine's default, then each time the pass that adds the most photos.
 *
 *   npx tsx bench/real-photos.ts            (also part of bench/decode-engines.ts)
 *   REAL_PHOTOS=/path/to/real-photos npx tsx bench/real-photos.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePngToGrey } from '../scripts/png-codec.ts';
import { candidatePasses, passRotation, type DecodePass } from '../src/scanner/decode-passes.ts';
import { createDecoder, greyToImageData, type DecodeFormats, type DecoderEngine } from '../src/scanner/decoder.ts';
import type { GreyImage } from '../src/testing/synthetic/code-images.ts';
import { defaultEngine } from './decode-figures.ts';
import { nodeDecoderOptions } from './decode-engines.ts';
import type { BenchFigure } from './figure.ts';
import { round } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the photos are: beside the repository (CI and worktrees have ../shared), or $REAL_PHOTOS. */
export function realPhotosDir(): string | null {
  const candidates = [
    process.env['REAL_PHOTOS'],
    join(here, '..', '..', 'shared', 'corpus', 'real-photos'),
    join(here, '..', '..', '..', 'shared', 'corpus', 'real-photos'),
    '/work/shared/corpus/real-photos',
  ].filter((c): c is string => typeof c === 'string');
  return candidates.find((c) => existsSync(join(c, 'README.md'))) ?? null;
}

export interface PhotoFrame {
  folder: string;
  /** `name@rotation` */
  id: string;
  text: string;
  /** Texts of other codes the photo also shows: reading one is not a misread (nor a read of `text`). */
  alsoShows: string[];
  frame: ImageData;
}

/**
 * Photos that show more than one code. qrcode-2/16 is a "double QR" (a small QR printed inside a large one);
 * its .txt names the outer code, and a decoder that returns the inner one has read a real code correctly.
 */
export const otherCodesInPhoto: Record<string, string[]> = {
  'qrcode-2/16': ['[内側QRコード]\r\n\r\n*ダブルQR*\r\nhttp://d-qr.net/ex/'],
};

/** The image turned by 90° clockwise `quarterTurns` times. */
export function rotateGrey(image: GreyImage, quarterTurns: number): GreyImage {
  let current = image;
  for (let turn = 0; turn < quarterTurns % 4; turn++) {
    const { width, height, data } = current;
    const out = new Uint8Array(data.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) out[x * height + (height - 1 - y)] = data[y * width + x] ?? 0;
    }
    current = { width: height, height: width, data: out };
  }
  return current;
}

/** Every photo of the folder that has its expected text, in four rotations. */
export function loadPhotoFolder(root: string, folder: string): PhotoFrame[] {
  const dir = join(root, folder);
  const frames: PhotoFrame[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.png')).sort()) {
    const name = file.slice(0, -4);
    const textFile = join(dir, `${name}.txt`);
    if (!existsSync(textFile)) continue;
    const text = readFileSync(textFile, 'utf8');
    const grey = decodePngToGrey(readFileSync(join(dir, file)));
    for (let turn = 0; turn < 4; turn++) {
      const r = rotateGrey(grey, turn);
      frames.push({
        folder,
        id: `${folder}/${name}@${turn * 90}`,
        text,
        alsoShows: otherCodesInPhoto[`${folder}/${name}`] ?? [],
        frame: greyToImageData(r.width, r.height, r.data),
      });
    }
  }
  return frames;
}

/** What one pass did on one set of frames. */
export interface PassOutcome {
  pass: DecodePass;
  /** Frame ids read with exactly the expected text. */
  read: Set<string>;
  /** Frame ids read with another text. */
  misread: Set<string>;
  medianMs: number;
}

export interface RealPhotoResult {
  engine: DecoderEngine;
  group: string;
  folders: string[];
  total: number;
  outcomes: PassOutcome[];
  /** The kiosk's rotation's first three passes together. */
  within3: { read: number; misread: number; ratePercent: number };
  /** Greedy: default first, then the pass adding most reads (zero misreads), three passes. */
  greedy: string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function union(sets: Set<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const v of s) out.add(v);
  return out;
}

/** Greedy rotation choice over measured outcomes: start with `first`, add the pass that reads most new frames. */
export function chooseRotation(outcomes: PassOutcome[], length: number, first = 'default'): string[] {
  const chosen = outcomes.filter((o) => o.pass.id === first);
  while (chosen.length < length) {
    const have = union(chosen.map((c) => c.read));
    let best: PassOutcome | null = null;
    let bestGain = -1;
    for (const o of outcomes) {
      if (chosen.includes(o) || o.misread.size > 0) continue;
      const gain = [...o.read].filter((id) => !have.has(id)).length;
      if (gain > bestGain) {
        best = o;
        bestGain = gain;
      }
    }
    if (!best) break;
    chosen.push(best);
  }
  return chosen.map((c) => c.pass.id);
}

/** Decodes the frames with every candidate pass of the engine. */
export async function measurePasses(
  engine: DecoderEngine,
  frames: PhotoFrame[],
  formats: DecodeFormats,
  passes: readonly DecodePass[] = candidatePasses,
): Promise<PassOutcome[]> {
  const decoder = await createDecoder(engine, nodeDecoderOptions());
  const outcomes: PassOutcome[] = [];
  try {
    const first = frames[0];
    if (first) await decoder.decode(first.frame, formats);
    for (const pass of passes) {
      const read = new Set<string>();
      const misread = new Set<string>();
      const times: number[] = [];
      for (const f of frames) {
        const start = performance.now();
        const text = await decoder.decode(f.frame, formats, pass);
        times.push(performance.now() - start);
        if (text === f.text) read.add(f.id);
        else if (text !== null && !f.alsoShows.includes(text)) misread.add(f.id);
      }
      outcomes.push({ pass, read, misread, medianMs: median(times) });
    }
  } finally {
    decoder.dispose();
  }
  return outcomes;
}

/** Summarises measured outcomes for one group of frames. */
export function summarise(
  engine: DecoderEngine,
  group: string,
  folders: string[],
  total: number,
  outcomes: PassOutcome[],
): RealPhotoResult {
  const rotation = passRotation.slice(0, 3).map((p) => outcomes.find((o) => o.pass.id === p.id));
  const present = rotation.filter((o): o is PassOutcome => o !== undefined);
  const read = union(present.map((o) => o.read));
  const misread = union(present.map((o) => o.misread));
  return {
    engine,
    group,
    folders,
    total,
    outcomes,
    within3: { read: read.size, misread: misread.size, ratePercent: total ? (100 * read.size) / total : 0 },
    greedy: chooseRotation(outcomes, 3),
  };
}

export const photoGroups: { group: string; folders: string[]; formats: DecodeFormats }[] = [
  { group: 'qrcode-1..3', folders: ['qrcode-1', 'qrcode-2', 'qrcode-3'], formats: 'qr' },
  { group: 'datamatrix-1..2', folders: ['datamatrix-1', 'datamatrix-2'], formats: 'marking' },
];

/** Measures every group with every engine (per folder and for the group). */
export async function runRealPhotoBench(
  engines: DecoderEngine[] = ['zxing-wasm', 'zxing-js'],
  root = realPhotosDir(),
): Promise<RealPhotoResult[]> {
  if (!root) return [];
  const results: RealPhotoResult[] = [];
  for (const { group, folders, formats } of photoGroups) {
    const byFolder = folders.map((folder) => ({ folder, frames: loadPhotoFolder(root, folder) }));
    const all = byFolder.flatMap((f) => f.frames);
    for (const engine of engines) {
      const outcomes = await measurePasses(engine, all, formats);
      results.push(summarise(engine, group, folders, all.length, outcomes));
      for (const { folder, frames } of byFolder) {
        const ids = new Set(frames.map((f) => f.id));
        const only = (s: Set<string>) => new Set([...s].filter((id) => ids.has(id)));
        const folderOutcomes = outcomes.map((o) => ({ ...o, read: only(o.read), misread: only(o.misread) }));
        results.push(summarise(engine, folder, [folder], frames.length, folderOutcomes));
      }
    }
  }
  return results;
}

const pct = (n: number, total: number) => (total ? ((100 * n) / total).toFixed(1) : '–');

/** The results as Markdown: one row per engine and group, one column per pass, then the rotation's union. */
export function formatRealPhotoBench(results: RealPhotoResult[], title = 'Real photos, 4 rotations each'): string {
  if (results.length === 0) return 'real photos: not found (set REAL_PHOTOS)';
  const passIds = results[0]?.outcomes.map((o) => o.pass.id) ?? [];
  const rotationIds = passRotation.map((p) => p.id).join(' → ');
  const lines = [
    `${title}: % read exactly per pass (misreads in brackets); kiosk rotation ${rotationIds}`,
    `| engine | photos | frames | ${passIds.join(' | ')} | within 3 frames | misreads (3 frames) |`,
    `|---|---|---|${passIds.map(() => '---|').join('')}---|---|`,
    ...results.map(
      (r) =>
        `| ${r.engine} | ${r.group} | ${r.total} | ${r.outcomes
          .map((o) => `${pct(o.read.size, r.total)}${o.misread.size ? ` (${o.misread.size})` : ''}`)
          .join(' | ')} | ${r.within3.ratePercent.toFixed(1)} (${r.within3.read}/${r.total}) | ${r.within3.misread} |`,
    ),
    '',
    '| engine | median ms/frame per pass (Node, one core) |',
    '|---|---|',
    ...results
      .filter((r) => r.folders.length > 1 || r.group !== r.folders[0])
      .map((r) => `| ${r.engine} ${r.group} | ${r.outcomes.map((o) => `${o.pass.id} ${o.medianMs.toFixed(1)}`).join(', ')} |`),
    '',
    ...results.filter((r) => r.folders.length > 1 && r.outcomes.length > passRotation.length).map((r) => `greedy choice, ${r.engine} ${r.group}: ${r.greedy.join(' → ')}`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const engines = (process.env['ENGINES']?.split(',') ?? ['zxing-wasm', 'zxing-js']) as DecoderEngine[];
  console.log(formatRealPhotoBench(await runRealPhotoBench(engines)));
}

/** The figures `npm run bench` prints: per engine and photo group, the rotation's single passes and their union. */
export function realPhotoFigures(results: RealPhotoResult[]): BenchFigure[] {
  const rotation = new Set(passRotation.map((p) => p.id));
  return results
    .filter((r) => r.folders.length > 1 || r.group !== r.folders[0])
    .flatMap((r) => {
      const held = r.engine === defaultEngine && r.group === 'qrcode-1..3';
      const first = r.outcomes.find((o) => o.pass.id === passRotation[0]?.id);
      const rotationMs = r.outcomes.filter((o) => rotation.has(o.pass.id)).map((o) => o.medianMs);
      return [
        {
          name: `${r.group}, ${r.engine}${r.engine === defaultEngine ? ' (default)' : ''}: one pass (${first?.pass.id ?? '?'})`,
          value: round(first ? (100 * first.read.size) / r.total : 0),
          unit: '%' as const,
          budget: held ? { min: 94.8 } : null,
          note: `${first?.read.size ?? 0}/${r.total} frames, 4 rotations`,
        },
        {
          name: `${r.group}, ${r.engine}: within 3 frames (rotation)`,
          value: round(r.within3.ratePercent),
          unit: '%' as const,
          budget: held ? { min: 96 } : null,
          note: `${r.within3.read}/${r.total}; ${passRotation.map((p) => p.id).join(' → ')}`,
        },
        {
          name: `${r.group}, ${r.engine}: misreads within 3 frames`,
          value: r.within3.misread,
          unit: 'count' as const,
          budget: { max: 0 },
        },
        {
          name: `${r.group}, ${r.engine}: time per frame, slowest pass of the rotation (median)`,
          value: round(Math.max(0, ...rotationMs), 2),
          unit: 'ms' as const,
          budget: null,
          note: 'Node, one core',
        },
      ];
    });
}
