import { create } from 'qrcode';

/** The QR's quiet zone, in modules: the standard asks for 4, and phone cameras need it on a busy screen. */
export const quietZone = 4;

/**
 * A UzQR `qr_text` (uzqr.md): an EMVCo merchant-presented payment payload, read by bank apps as a payment, not
 * a link. It must open with the payload format indicator `000201` and be printable ASCII of a sane length;
 * anything else from the gateway is not shown.
 */
export function isEmvPaymentPayload(text: string): boolean {
  return /^000201[\x20-\x7E]{1,506}$/.test(text);
}

/**
 * One SVG path for the dark modules, in a coordinate space of (size + 2 × quiet zone) units.
 * Runs of dark modules in a row become one rectangle, which keeps the path short.
 */
export function qrPath(text: string): { path: string; dimension: number } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      parts.push(`M${start + quietZone} ${row + quietZone}h${col - start}v1h${start - col}z`);
    }
  }
  return { path: parts.join(''), dimension: size + 2 * quietZone };
}
