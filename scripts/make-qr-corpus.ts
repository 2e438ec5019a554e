/**
 * Generates the decoder corpus: tests/fixtures/qr-corpus/*.png (640×480 greyscale camera-like frames) and
 * manifest.json with the exact text each frame must decode to. Deterministic: same code, same bytes.
 *
 *   npx tsx scripts/make-qr-corpus.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeGreyPng } from './png-codec.ts';
import { eanCheckDigit, renderSymbol, symbolGrid, type GreyImage, type Placement, type SymbolFormat } from '../src/testing/synthetic/code-images.ts';
import { blur, glare, lowContrast, moire, noise, seededRandom, unevenLight } from '../src/testing/synthetic/degrade.ts';

export const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'qr-corpus');

export interface CorpusEntry {
  file: string;
  /** The exact text the frame encodes. */
  text: string;
  /** Which decoder path reads it. */
  formats: 'qr' | 'product';
  symbology: SymbolFormat;
  /** What was done to the frame, for reading the bench output. */
  variant: string;
}

const frameWidth = 640;
const frameHeight = 480;

/** Payment codes as wallets show them (gateway-notes.md, "Code formats seen"). */
const paymentCodes: { id: string; text: string }[] = [
  { id: 'click18', text: '880101698207133392' },
  { id: 'payme19', text: '8600490112345678901' },
  { id: 'payme20', text: '50501010793410469483' },
  { id: 'uzum44', text: '79935061401202601151234567890123456789012345' },
  { id: 'uzumform', text: '7993:5061401:01KFDH8Z2M3Q4R5S6T7V8W9X0Y:3sySIUxrog+hhtBwUXquxn97N5k=' },
];

function withCheckDigit(digits: string): string {
  return digits + eanCheckDigit(digits);
}

const productCodes: { id: string; text: string; symbology: SymbolFormat }[] = [
  { id: 'ean13-a', text: withCheckDigit('478000012345'), symbology: 'ean13' },
  { id: 'ean13-b', text: withCheckDigit('460700177145'), symbology: 'ean13' },
  { id: 'ean8', text: withCheckDigit('4780001'), symbology: 'ean8' },
  { id: 'code128-a', text: 'TK-000123', symbology: 'code128' },
  { id: 'code128-b', text: 'SKU42/uz', symbology: 'code128' },
];

export type Variant = {
  name: string;
  /** Symbol width (quiet zone included) in pixels before perspective. */
  sizePx: number;
  placement?: Partial<Placement>;
  degrade?: (image: GreyImage, random: () => number) => GreyImage;
};

export const qrVariants: Variant[] = [
  { name: 'clean', sizePx: 220 },
  { name: 'small-2px', sizePx: 0 /* set per code: ~2.5 px per module */ },
  { name: 'large', sizePx: 430 },
  { name: 'rot5', sizePx: 220, placement: { rotationDeg: 5 } },
  { name: 'rot25', sizePx: 230, placement: { rotationDeg: 25 } },
  { name: 'rot40', sizePx: 240, placement: { rotationDeg: -40 } },
  { name: 'perspective', sizePx: 240, placement: { tiltX: 0.3, rotationDeg: 10 } },
  { name: 'shear', sizePx: 230, placement: { shear: 0.2, tiltY: 0.2 } },
  { name: 'blur', sizePx: 260, degrade: (img) => blur(img, 1) },
  { name: 'noise', sizePx: 230, degrade: (img, r) => noise(img, 20, r) },
  {
    name: 'glare',
    sizePx: 260,
    degrade: (img) => glare(img, frameWidth / 2 + 40, frameHeight / 2 - 30, 45, 140),
  },
  { name: 'low-contrast', sizePx: 240, degrade: (img, r) => noise(lowContrast(img, 0.22), 3, r) },
  {
    name: 'moire-screen',
    sizePx: 250,
    placement: { screenBorderModules: 2, light: 215, dark: 45, background: 30, rotationDeg: 4 },
    degrade: (img) => moire(img, 3.3, 0.35, 12),
  },
  {
    name: 'combined',
    sizePx: 240,
    placement: { rotationDeg: 15, tiltX: 0.15 },
    degrade: (img, r) => noise(blur(unevenLight(img, 0.6, 1.1), 1), 8, r),
  },
];

const productVariants: Variant[] = [
  { name: 'clean', sizePx: 330 },
  { name: 'rot8-noise', sizePx: 360, placement: { rotationDeg: 8 }, degrade: (img, r) => noise(img, 12, r) },
  { name: 'blur-low-contrast', sizePx: 380, degrade: (img) => lowContrast(blur(img, 1), 0.4) },
];

function hashSeed(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

export function renderCase(text: string, symbology: SymbolFormat, variant: Variant, seed: string): GreyImage {
  const random = seededRandom(hashSeed(seed));
  const grid = symbolGrid(text, symbology);
  const modulePx = variant.sizePx > 0 ? variant.sizePx / grid.columns : 2.5;
  // Not always centred: customers hold the phone wherever; keep the symbol inside the frame.
  const w = grid.columns * modulePx;
  const h = grid.rows * modulePx;
  const slackX = Math.max(0, (frameWidth - w * 1.2) / 2);
  const slackY = Math.max(0, (frameHeight - h * 1.2) / 2);
  const cx = frameWidth / 2 + (random() * 2 - 1) * slackX * 0.6;
  const cy = frameHeight / 2 + (random() * 2 - 1) * slackY * 0.6;
  const image = renderSymbol(grid, frameWidth, frameHeight, { cx, cy, modulePx, ...variant.placement });
  return variant.degrade ? variant.degrade(image, random) : image;
}

/** Every frame of the corpus in a stable order; pixels are rendered on demand (a frame takes ~60 ms). */
export function* corpusFrames(): Generator<{ entry: CorpusEntry; render(): GreyImage }> {
  for (const code of paymentCodes) {
    for (const variant of qrVariants) {
      const file = `qr-${code.id}-${variant.name}.png`;
      yield {
        entry: { file, text: code.text, formats: 'qr', symbology: 'qr', variant: variant.name },
        render: () => renderCase(code.text, 'qr', variant, file),
      };
    }
  }
  for (const code of productCodes) {
    for (const variant of productVariants) {
      const file = `product-${code.id}-${variant.name}.png`;
      yield {
        entry: { file, text: code.text, formats: 'product', symbology: code.symbology, variant: variant.name },
        render: () => renderCase(code.text, code.symbology, variant, file),
      };
    }
  }
}

function main(): void {
  mkdirSync(corpusDir, { recursive: true });
  for (const old of readdirSync(corpusDir)) if (old.endsWith('.png')) rmSync(join(corpusDir, old));
  const entries: CorpusEntry[] = [];
  let bytes = 0;
  for (const { entry, render } of corpusFrames()) {
    const png = encodeGreyPng(render());
    writeFileSync(join(corpusDir, entry.file), png);
    bytes += png.length;
    entries.push(entry);
  }
  const manifest = { width: frameWidth, height: frameHeight, generator: 'scripts/make-qr-corpus.ts', frames: entries };
  writeFileSync(join(corpusDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`${entries.length} frames, ${(bytes / 1024 / 1024).toFixed(2)} MB in ${corpusDir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
