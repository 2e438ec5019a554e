/**
 * Generated GS1 marking codes (Data Matrix with FNC1, GS separators and a crypto tail, drawn by bwip-js) under
 * the QR corpus's degradations (scripts/make-qr-corpus.ts variants: small, rotated, perspective, blur, noise,
 * glare, low contrast, moiré, combined), decoded per engine with each pass of the kiosk's rotation. A read
 * counts only when the text is exactly the code with its GS characters; anything else read is a misread.
 *
 *   npx tsx bench/marking-codes.ts
 */
import { fileURLToPath } from 'node:url';
import { qrVariants, renderCase } from '../scripts/make-qr-corpus.ts';
import { passRotation } from '../src/scanner/decode-passes.ts';
import { greyToImageData, type DecoderEngine } from '../src/scanner/decoder.ts';
import { GS } from '../src/checkout/marking-code.ts';
import { measurePasses, summarise, type PhotoFrame, type RealPhotoResult } from './real-photos.ts';

/** Marking codes shaped like real ones (water, juice, dairy: 13-character serials; tobacco packs with 8005). */
export const markingTexts: { id: string; text: string }[] = [
  { id: 'water', text: `0104780069000130215Ab+Q(o:x7Kp1${GS}93dGVz` },
  { id: 'juice', text: `010478113500042921"%&'()*+,-./:;${GS}93AbC9` },
  { id: 'dairy', text: `010478000000001721tTk8Ue3pLq7Zr${GS}93Zz0+` },
  { id: 'tobacco', text: `010478000000002421Qx7=Y<m${GS}8005012000${GS}93k9R/` },
];

/** Every generated marking-code frame: each code in each degradation. */
export function markingFrames(): PhotoFrame[] {
  return markingTexts.flatMap(({ id, text }) =>
    qrVariants.map((variant) => {
      const image = renderCase(text, 'datamatrix', variant, `marking-${id}-${variant.name}`);
      return { folder: 'generated', id: `${id}-${variant.name}`, text, alsoShows: [], frame: greyToImageData(image.width, image.height, image.data) };
    }),
  );
}

/** Measures the generated marking codes with each engine (the rotation's passes only). */
export async function runMarkingBench(engines: DecoderEngine[] = ['zxing-wasm', 'zxing-js']): Promise<RealPhotoResult[]> {
  const frames = markingFrames();
  const results: RealPhotoResult[] = [];
  for (const engine of engines) {
    const outcomes = await measurePasses(engine, frames, 'marking', passRotation);
    results.push(summarise(engine, 'generated GS1 marking codes', ['generated'], frames.length, outcomes));
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { formatRealPhotoBench } = await import('./real-photos.ts');
  const results = await runMarkingBench();
  console.log(formatRealPhotoBench(results, 'Generated GS1 marking codes (Data Matrix), 14 degradations each'));
  for (const r of results) {
    const missed = [...new Set(r.outcomes.flatMap((o) => [...o.misread]))];
    if (missed.length) console.log(`${r.engine} misread: ${missed.join(', ')}`);
  }
}
