/// <reference types="vite/client" />
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { DecodeFormats, Decoder, DecoderOptions } from './decoder.ts';

const readerOptions: Record<DecodeFormats, ReaderOptions> = {
  qr: { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 },
  product: { formats: ['EAN13', 'EAN8', 'Code128'], tryHarder: true, maxNumberOfSymbols: 1 },
};

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
    async decode(frame, formats) {
      if (disposed) throw new Error('decoder disposed');
      const results = await readBarcodes(frame, readerOptions[formats]);
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
