/**
 * Reads a QR code shown by the kiosk the way a customer's phone would: a screenshot of the element, decoded in
 * Node with the kiosk's own zxing-wasm decoder.
 */
import type { Locator } from '@playwright/test';
import { nodeDecoderOptions } from '../../bench/decode-engines.ts';
import { decodePngToGrey } from '../../scripts/png-codec.ts';
import { createDecoder, greyToImageData } from '../../src/scanner/decoder.ts';

/** The text of the QR code in `qr` (an element showing only the code), or null when none can be read. */
export async function decodeQrOnScreen(qr: Locator): Promise<string | null> {
  const png = await qr.screenshot();
  const grey = decodePngToGrey(png);
  const decoder = await createDecoder('zxing-wasm', nodeDecoderOptions());
  try {
    return await decoder.decode(greyToImageData(grey.width, grey.height, grey.data), 'qr');
  } finally {
    decoder.dispose();
  }
}
