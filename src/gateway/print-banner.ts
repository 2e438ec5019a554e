/**
 * `POST /print/banner` (spec/vendor/banners.md): prints non-fiscal text, barcodes and QR codes on the receipt
 * printer. Its own file so the kitchen ticket does not wait on the gateway interface's other changes; the
 * answer is the usual envelope with `data: null`. A printer fault comes back as a business error (e.g. 101).
 */
import { interpretResponse, type CallReader } from './envelope.ts';
import { sendRequest, TraceBuffer, type HttpCore } from './http-core.ts';
import type { Result } from './types.ts';

/** One banner, field for field as banners.md documents it. */
export interface Banner {
  type: 'text' | 'barcode' | 'qr_code' | 'qr_code_frame';
  /** Text, barcode digits or QR text. */
  data: string;
  /** Cut the paper after this banner. */
  cut?: boolean;
  style?: {
    font_width?: number;
    font_height?: number;
    align?: 'left' | 'right' | 'center';
    is_bold?: boolean;
    barcode_type?: number;
    qr_size?: number;
  };
}

// Success is `data: null`; anything else in `data` is still a success the printer reported.
const bannerReader: CallReader<null> = {
  normalise: () => ({ ok: true, value: null }),
};

export interface PrintBannerOptions {
  /** The gateway (config `gateway.url`). */
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  trace?: TraceBuffer;
}

/** Sends the banners; never throws. `{ ok: true }` only on `is_success: true`. */
export async function printBanner(banners: readonly Banner[], options: PrintBannerOptions): Promise<Result<null>> {
  const core: HttpCore = {
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    trace: options.trace ?? new TraceBuffer(20),
  };
  const request: Parameters<typeof sendRequest>[1] = {
    method: 'POST',
    path: '/print/banner',
    body: { banners },
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  if (options.signal) request.signal = options.signal;
  return interpretResponse(await sendRequest(core, request), bannerReader);
}
