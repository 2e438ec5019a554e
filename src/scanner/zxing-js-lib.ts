/**
 * The parts of @zxing/library the zxing-js decoder uses, re-exported by name so the bundler keeps only these
 * (with the treeshake rule in vite.config.ts); this module's namespace is the decoder's `lib`. Browser bundles
 * only: under plain Node the package resolves to CommonJS without named exports, so Node callers pass the
 * CommonJS module instead (it has these classes and more).
 */
export {
  BarcodeFormat,
  BinaryBitmap,
  DataMatrixReader,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  MultiFormatOneDReader,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
