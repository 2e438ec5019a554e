/**
 * The parts of @zxing/library the zxing-js decoder uses, imported by name so the bundler keeps only these
 * (with the treeshake rule in vite.config.ts). Browser bundles only: under plain Node the package resolves
 * to CommonJS without named exports, so Node callers pass the CommonJS module instead.
 */
import {
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
import type { ZxingJsLib } from './zxing-js-decoder.ts';

export const zxingJsLib: ZxingJsLib = {
  BarcodeFormat,
  BinaryBitmap,
  DataMatrixReader,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  MultiFormatOneDReader,
  QRCodeReader,
  RGBLuminanceSource,
};
