import { describe, expect, it } from 'vitest';
import { loadCorpus, nodeDecoderOptions } from '../../bench/decode-engines.ts';
import { createDecoder, defaultEngine, greyToImageData, type DecoderEngine } from './decoder.ts';
import { seededRandom } from '../testing/synthetic/degrade.ts';

const corpus = loadCorpus();
const options = nodeDecoderOptions();

function garbageFrame(): ImageData {
  const random = seededRandom(7);
  const grey = new Uint8Array(640 * 480);
  // Blocky noise: edges everywhere, like a busy background, but no finder patterns or bars.
  for (let y = 0; y < 480; y++) for (let x = 0; x < 640; x++) grey[y * 640 + x] = 0;
  for (let by = 0; by < 480; by += 8) {
    for (let bx = 0; bx < 640; bx += 8) {
      const v = Math.floor(random() * 256);
      for (let y = by; y < by + 8; y++) for (let x = bx; x < bx + 8; x++) grey[y * 640 + x] = v;
    }
  }
  return greyToImageData(640, 480, grey);
}

describe('decoder corpus', () => {
  it('has QR and product frames with expected texts, the Uzum form among them', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(corpus.some((c) => c.formats === 'product')).toBe(true);
    expect(corpus.map((c) => c.text)).toContain('7993:5061401:01KFDH8Z2M3Q4R5S6T7V8W9X0Y:3sySIUxrog+hhtBwUXquxn97N5k=');
  });

  it(`the default engine (${defaultEngine}) reads at least 95 % of the corpus with exactly the expected text`, async () => {
    const decoder = await createDecoder(defaultEngine, options);
    const missed: string[] = [];
    for (const item of corpus) {
      if ((await decoder.decode(item.frame, item.formats)) !== item.text) missed.push(item.file);
    }
    decoder.dispose();
    expect(missed.length / corpus.length, missed.join(', ')).toBeLessThanOrEqual(0.05);
  });

  it.each<DecoderEngine>(['zxing-wasm', 'zxing-js'])('%s reads a clean code exactly and a garbage frame as null', async (engine) => {
    const decoder = await createDecoder(engine, options);
    const clean = corpus.find((c) => c.file === 'qr-uzumform-clean.png');
    const product = corpus.find((c) => c.file === 'product-ean13-a-clean.png');
    expect(clean && (await decoder.decode(clean.frame, 'qr'))).toBe(clean?.text);
    expect(product && (await decoder.decode(product.frame, 'product'))).toBe(product?.text);
    // A QR frame asked for product formats finds nothing: the format choice is honoured.
    expect(clean && (await decoder.decode(clean.frame, 'product'))).toBeNull();
    expect(await decoder.decode(garbageFrame(), 'qr')).toBeNull();
    expect(await decoder.decode(garbageFrame(), 'product')).toBeNull();
    decoder.dispose();
    await expect(decoder.decode(garbageFrame(), 'qr')).rejects.toThrow();
  });
});
