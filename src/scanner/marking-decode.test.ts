import { describe, expect, it } from 'vitest';
import { nodeDecoderOptions } from '../../bench/decode-engines.ts';
import { markingTexts } from '../../bench/marking-codes.ts';
import { passRotation } from './decode-passes.ts';
import { createDecoder, greyToImageData, type DecoderEngine } from './decoder.ts';
import { dataMatrixGrid, renderSymbol } from '../testing/synthetic/code-images.ts';

const options = nodeDecoderOptions();

function frameOf(text: string): ImageData {
  const grid = dataMatrixGrid(text);
  const image = renderSymbol(grid, 640, 480, { cx: 320, cy: 240, modulePx: 200 / grid.columns, light: 255, dark: 0, background: 255 });
  return greyToImageData(image.width, image.height, image.data);
}

describe('Data Matrix marking codes', () => {
  it.each<DecoderEngine>(['zxing-wasm', 'zxing-js'])('%s reads a clean GS1 marking code exactly, GS separators kept as characters', async (engine) => {
    const decoder = await createDecoder(engine, options);
    for (const { text } of markingTexts) {
      expect(text).toContain('\u001d');
      expect(await decoder.decode(frameOf(text), 'marking')).toBe(text);
    }
    // A Data Matrix is not read when QR codes are asked for: the format choice is honoured.
    expect(await decoder.decode(frameOf(markingTexts[0]?.text ?? ''), 'qr')).toBeNull();
    decoder.dispose();
  }, 60_000);

  it('zxing-wasm reads it with every pass of the rotation', async () => {
    const decoder = await createDecoder('zxing-wasm', options);
    const text = markingTexts[0]?.text ?? '';
    for (const pass of passRotation) expect(await decoder.decode(frameOf(text), 'marking', pass)).toBe(text);
    decoder.dispose();
  }, 60_000);
});
