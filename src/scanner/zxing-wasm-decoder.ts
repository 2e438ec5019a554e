/// <reference types="vite/client" />
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import { cropCentre, defaultPass, type DecodePass } from './decode-passes.ts';
import type { DecodeFormats, Decoder, DecoderOptions } from './decoder.ts';

// textMode Plain: the text exactly as encoded. The library's default (HRI) would render a GS1 code's FNC1
// separators as "(01)…(21)…" and control characters as "<GS>": a marking code or a wallet code must reach
// the gateway byte for byte.
const readerOptions: Record<DecodeFormats, ReaderOptions> = {
  qr: { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1, textMode: 'Plain' },
  product: { formats: ['EAN13', 'EAN8', 'Code128'], tryHarder: true, maxNumberOfSymbols: 1, textMode: 'Plain' },
  marking: { formats: ['DataMatrix'], tryHarder: true, maxNumberOfSymbols: 1, textMode: 'Plain' },
};

/** The reader options of one pass: the format's options with the pass's binarizer, denoise and so on. */
export function passReaderOptions(formats: DecodeFormats, pass: DecodePass): ReaderOptions {
  return {
    ...readerOptions[formats],
    binarizer: pass.binarizer,
    tryDenoise: pass.tryDenoise,
    tryInvert: pass.tryInvert,
    ...(pass.downscaleFactor > 0 ? { downscaleFactor: pass.downscaleFactor } : {}),
  };
}

let prepared: Promise<unknown> | null = null;

async function prepare(options: DecoderOptions): Promise<void> {
  if (prepared) {
    await prepared;
    return;
  }
  if (options.wasmBinary) {
    prepared = prepareZXingModule({ overrides: { wasmBinary: options.wasmBinary }, fireImmediately: true });
  } else {
    // The binary ships with the app (Vite copies it and gives its URL); the package default is a CDN.
    const { default: wasmUrl } = await import('zxing-wasm/reader/zxing_reader.wasm?url');
    prepared = prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
      fireImmediately: true,
    });
  }
  try {
    await prepared;
  } catch (error) {
    prepared = null; // let a later attempt retry (e.g. the file failed to load once)
    throw error;
  }
}

/** A decoder on zxing-wasm (ZXing-C++ compiled to WebAssembly). The module is shared and instantiated once. */
export async function createZxingWasmDecoder(options: DecoderOptions = {}): Promise<Decoder> {
  await prepare(options);
  let disposed = false;
  return {
    name: 'zxing-wasm',
    async decode(frame, formats, pass = defaultPass) {
      if (disposed) throw new Error('decoder disposed');
      const results = await readBarcodes(cropCentre(frame, pass.crop), passReaderOptions(formats, pass));
      const found = results.find((r) => r.isValid && r.text.length > 0);
      return found ? found.text : null;
    },
    dispose() {
      // The wasm module stays instantiated for the next decoder: instantiating costs ~100 ms and ~1 MB
      // is already committed; the per-call buffers are freed by readBarcodes itself.
      disposed = true;
    },
  };
}
