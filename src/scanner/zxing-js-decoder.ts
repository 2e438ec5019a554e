import type * as Zxing from '@zxing/library';
import type * as ZxingJsLibModule from './zxing-js-lib.ts';
import { cropCentre, defaultPass } from './decode-passes.ts';
import type { DecodeFormats, Decoder } from './decoder.ts';

/** The @zxing/library classes this decoder needs (passed in: see zxing-js-lib.ts for why). */
export type ZxingJsLib = typeof ZxingJsLibModule;

// Thrown for frames without a readable code; anything else is a bug worth surfacing.
const notAReadName = /^(NotFoundException|ChecksumException|FormatException)$/u;

/** Luminance as ITU-R BT.601 from RGBA, computed once per frame. */
function luminance(frame: ImageData): Uint8ClampedArray {
  const { data, width, height } = frame;
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    out[i] = (77 * (data[p] ?? 0) + 150 * (data[p + 1] ?? 0) + 29 * (data[p + 2] ?? 0)) >> 8;
  }
  return out;
}

/**
 * A decoder on @zxing/library (pure JavaScript): HybridBinarizer over an RGBLuminanceSource, TRY_HARDER.
 * @param lib the library's classes (browser: the zxing-js-lib.ts module; Node: the CommonJS module)
 */
export function createZxingJsDecoder(lib: ZxingJsLib): Decoder {
  const { BarcodeFormat, DecodeHintType } = lib;
  const hintsFor = (formats: Zxing.BarcodeFormat[]) =>
    new Map<Zxing.DecodeHintType, unknown>([
      [DecodeHintType.POSSIBLE_FORMATS, formats],
      [DecodeHintType.TRY_HARDER, true],
    ]);
  // The format readers directly, not MultiFormatReader: that one logs every miss with console.warn
  // (15 times a second with a camera open).
  const qrHints = hintsFor([BarcodeFormat.QR_CODE]);
  const productHints = hintsFor([BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.CODE_128]);
  const readers: Record<DecodeFormats, { reader: Zxing.Reader; hints: Map<Zxing.DecodeHintType, unknown> }> = {
    qr: { reader: new lib.QRCodeReader(), hints: qrHints },
    product: { reader: new lib.MultiFormatOneDReader(productHints), hints: productHints },
    marking: { reader: new lib.DataMatrixReader(), hints: hintsFor([BarcodeFormat.DATA_MATRIX]) },
  };
  let disposed = false;
  return {
    name: 'zxing-js',
    async decode(whole, formats, pass = defaultPass) {
      if (disposed) throw new Error('decoder disposed');
      // zxing-js has no denoise or downscale option: a pass uses its binarizer and its crop only.
      const frame = cropCentre(whole, pass.crop);
      const source = new lib.RGBLuminanceSource(luminance(frame), frame.width, frame.height);
      const binarizer = pass.binarizer === 'LocalAverage' ? new lib.HybridBinarizer(source) : new lib.GlobalHistogramBinarizer(source);
      const bitmap = new lib.BinaryBitmap(binarizer);
      const { reader, hints } = readers[formats];
      try {
        const text = reader.decode(bitmap, hints).getText();
        // FNC1 in first position marks a GS1 code; it is not data (ZXing-C++ does not return it either).
        return formats === 'marking' && text.startsWith('\u001d') ? text.slice(1) : text;
      } catch (error) {
        if (error instanceof Error && notAReadName.test(error.name)) return null;
        if (error instanceof Error && notAReadName.test(error.constructor.name)) return null;
        throw error;
      } finally {
        reader.reset();
      }
    },
    dispose() {
      disposed = true;
      readers.qr.reader.reset();
      readers.product.reader.reset();
      readers.marking.reader.reset();
    },
  };
}
