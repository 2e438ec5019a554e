import { describe, expect, it } from 'vitest';
import { candidatePasses, createPassRotation, cropCentre, defaultPass, passRotation, type DecodePass } from './decode-passes.ts';
import type { Decoder } from './decoder.ts';
import { withPassRotation } from './rotating-decoder.ts';
import { passReaderOptions } from './zxing-wasm-decoder.ts';

function recordingDecoder(): Decoder & { passes: (DecodePass | undefined)[]; disposed: boolean } {
  const passes: (DecodePass | undefined)[] = [];
  const decoder = {
    name: 'zxing-wasm' as const,
    passes,
    disposed: false,
    decode: async (_frame: ImageData, _formats: string, pass?: DecodePass) => {
      passes.push(pass);
      return null;
    },
    dispose() {
      decoder.disposed = true;
    },
  };
  return decoder;
}

const frame = { width: 4, height: 2, data: new Uint8ClampedArray(4 * 2 * 4), colorSpace: 'srgb' } as ImageData;

describe('pass rotation', () => {
  it('starts with the engine default and has three distinct measured passes', () => {
    expect(passRotation[0]).toBe(defaultPass);
    expect(passRotation.map((p) => p.id)).toEqual(['default', 'denoise', 'global-histogram']);
    for (const p of passRotation) expect(candidatePasses).toContain(p);
  });

  it('gives each frame the next pass and starts again after the last', () => {
    const rotation = createPassRotation();
    const ids = Array.from({ length: 7 }, () => rotation.next().id);
    expect(ids).toEqual(['default', 'denoise', 'global-histogram', 'default', 'denoise', 'global-histogram', 'default']);
    rotation.reset();
    expect(rotation.next().id).toBe('default');
    expect(() => createPassRotation([])).toThrow();
  });

  it('the wrapped decoder passes one pass per decode call, in rotation order, and disposes the engine', async () => {
    const inner = recordingDecoder();
    const decoder = withPassRotation(inner);
    for (let i = 0; i < 4; i++) await decoder.decode(frame, 'qr');
    expect(inner.passes.map((p) => p?.id)).toEqual(['default', 'denoise', 'global-histogram', 'default']);
    decoder.dispose();
    expect(inner.disposed).toBe(true);
  });

  it('maps a pass to zxing-wasm options with plain text, so control characters and GS stay characters', () => {
    const denoise = passRotation[1] as DecodePass;
    expect(passReaderOptions('marking', denoise)).toMatchObject({
      formats: ['DataMatrix'],
      textMode: 'Plain',
      tryDenoise: true,
      binarizer: 'LocalAverage',
    });
    expect(passReaderOptions('qr', passRotation[2] as DecodePass)).toMatchObject({ binarizer: 'GlobalHistogram', textMode: 'Plain' });
  });

  it('a centre crop keeps the middle square of the frame', () => {
    const data = new Uint8ClampedArray(4 * 2 * 4);
    // Pixel (1,0) and (2,1) marked; a crop of share 1 of the shorter side (2) keeps columns 1–2.
    data[(0 * 4 + 1) * 4] = 11;
    data[(1 * 4 + 2) * 4] = 22;
    const source = { width: 4, height: 2, data, colorSpace: 'srgb' } as ImageData;
    expect(cropCentre(source, 1)).toBe(source);
    const half = cropCentre({ ...source, width: 4, height: 4, data: new Uint8ClampedArray(64) } as ImageData, 0.5);
    expect([half.width, half.height]).toEqual([2, 2]);
  });
});
