/**
 * One small interface over the two decoding engines, so the camera reader, the worker, the benchmark and
 * the tests do not care which one runs. Engines are loaded with dynamic import: the first screen never
 * ships them.
 */
import type { DecodePass } from './decode-passes.ts';
import type { ZxingJsLib } from './zxing-js-decoder.ts';

export type DecoderEngine = 'zxing-js' | 'zxing-wasm';

/**
 * What to look for: wallet QR codes, retail product barcodes (EAN-13, EAN-8, Code 128), or the GS1 Data
 * Matrix marking codes on marked goods.
 */
export type DecodeFormats = 'qr' | 'product' | 'marking';

export interface Decoder {
  readonly name: DecoderEngine;
  /**
   * The text of the first code found in the frame, exactly as encoded (control characters such as the GS1
   * group separator kept as characters), or null when none is found.
   * @param pass the option set for this one pass (default: the engine's defaults, see decode-passes.ts)
   */
  decode(frame: ImageData, formats: DecodeFormats, pass?: DecodePass): Promise<string | null>;
  /** Frees what the engine holds; the decoder must not be used afterwards. */
  dispose(): void;
}

export interface DecoderOptions {
  /**
   * The zxing-wasm reader binary. Node (bench, tests) passes the file read from node_modules; the browser
   * leaves it out and the module's URL comes from the bundle (Vite `?url`), never a CDN.
   */
  wasmBinary?: ArrayBuffer;
  /**
   * @zxing/library's classes. Node passes `createRequire(import.meta.url)('@zxing/library')` (the package
   * has no named ES exports under Node); the browser leaves it out and gets the tree-shaken ES build.
   */
  zxingJsLib?: ZxingJsLib;
}

/** The engine the kiosk uses unless its config says otherwise. */
export const defaultEngine: DecoderEngine = 'zxing-wasm';

/**
 * Creates a decoder for the engine, loading its code on first use.
 * @param engine which library decodes
 * @param options engine-specific loading options (see {@link DecoderOptions})
 */
export async function createDecoder(engine: DecoderEngine, options: DecoderOptions = {}): Promise<Decoder> {
  switch (engine) {
    case 'zxing-js': {
      const { createZxingJsDecoder } = await import('./zxing-js-decoder.ts');
      const lib = options.zxingJsLib ?? (await import('./zxing-js-lib.ts'));
      return createZxingJsDecoder(lib);
    }
    case 'zxing-wasm': {
      const { createZxingWasmDecoder } = await import('./zxing-wasm-decoder.ts');
      return createZxingWasmDecoder(options);
    }
  }
}

/** Wraps 8-bit grey pixels as RGBA ImageData-shaped data (Node has no ImageData class). */
export function greyToImageData(width: number, height: number, grey: Uint8Array): ImageData {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = grey[i] ?? 0;
    data[i * 4] = v;
    data[i * 4 + 1] = v;
    data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return { width, height, data, colorSpace: 'srgb' } as ImageData;
}
