/**
 * Synthetic camera frames of payment QR codes and product barcodes, for the decoder corpus, the engine
 * benchmark and the fake camera. Pure TypeScript on greyscale pixel arrays so it runs in Node and the
 * browser alike; nothing here ships in the kiosk bundle (only scripts and tests import it).
 */
import bwipjs from 'bwip-js/node';
import QRCode from 'qrcode';

/** An 8-bit greyscale image, one byte per pixel. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A symbol as a grid of modules (true = dark), including its quiet zone. */
export interface ModuleGrid {
  columns: number;
  rows: number;
  dark(column: number, row: number): boolean;
}

export type SymbolFormat = 'qr' | 'ean13' | 'ean8' | 'code128' | 'datamatrix';

const GS = '\u001d';

/**
 * Data Matrix modules for `text` (bwip-js) with a 2-module quiet zone. A text with GS separators (U+001D)
 * is a GS1 marking code: it is encoded with FNC1 in first position and FNC1 for each GS, as marking codes
 * are printed, so a reader returns the text back with its GS characters.
 */
export function dataMatrixGrid(text: string): ModuleGrid {
  const gs1 = text.includes(GS);
  const encoded = gs1 ? `^FNC1${text.replaceAll('^', '^094').split(GS).join('^FNC1')}` : text;
  const [symbol] = bwipjs.raw({ bcid: 'datamatrix', text: encoded, parsefnc: gs1 });
  if (!symbol) throw new Error('bwip-js made no Data Matrix');
  const { pixs, pixx, pixy } = symbol as unknown as { pixs: number[]; pixx: number; pixy: number };
  const quiet = 2;
  return {
    columns: pixx + 2 * quiet,
    rows: pixy + 2 * quiet,
    dark(c, r) {
      const x = c - quiet;
      const y = r - quiet;
      if (x < 0 || y < 0 || x >= pixx || y >= pixy) return false;
      return pixs[y * pixx + x] === 1;
    },
  };
}

/** QR modules for `text` with a 4-module quiet zone (error correction M, as wallet apps use). */
export function qrGrid(text: string): ModuleGrid {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  return {
    columns: size + 2 * quiet,
    rows: size + 2 * quiet,
    dark(c, r) {
      const x = c - quiet;
      const y = r - quiet;
      if (x < 0 || y < 0 || x >= size || y >= size) return false;
      return qr.modules.get(y, x) === 1;
    },
  };
}

function linearGrid(bars: boolean[], heightRatio: number): ModuleGrid {
  const quiet = 10;
  const columns = bars.length + 2 * quiet;
  return {
    columns,
    rows: Math.round(columns * heightRatio),
    dark: (c) => bars[c - quiet] ?? false,
  };
}

function widthsToBars(widths: readonly number[], startDark = true): boolean[] {
  const bars: boolean[] = [];
  let dark = startDark;
  for (const w of widths) {
    for (let i = 0; i < w; i++) bars.push(dark);
    dark = !dark;
  }
  return bars;
}

/** The GS1 check digit for the digits given (EAN-8 and EAN-13 alike). */
export function eanCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

// Left-hand odd (L) patterns as bar/space widths; G is L reversed, R is L with colours swapped.
const lPatterns = ['3211', '2221', '2122', '1411', '1132', '1231', '1114', '1312', '1213', '3112'];
const firstDigitParity = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

function digitBars(digit: number, kind: 'L' | 'G' | 'R'): boolean[] {
  const widths = [...(lPatterns[digit] ?? '')].map(Number);
  if (kind === 'G') widths.reverse();
  // L and G codes start with a space, R codes with a bar.
  return widthsToBars(widths, kind === 'R');
}

/** EAN-13 bars for 12 or 13 digits (the check digit is computed or verified). */
export function ean13Bars(code: string): boolean[] {
  const digits = code.length === 12 ? code + eanCheckDigit(code) : code;
  if (!/^\d{13}$/u.test(digits) || eanCheckDigit(digits.slice(0, 12)) !== Number(digits[12])) {
    throw new Error(`not a valid EAN-13: ${code}`);
  }
  const parity = firstDigitParity[Number(digits[0])] ?? '';
  const bars = [true, false, true];
  for (let i = 1; i <= 6; i++) bars.push(...digitBars(Number(digits[i]), parity[i - 1] === 'G' ? 'G' : 'L'));
  bars.push(false, true, false, true, false);
  for (let i = 7; i <= 12; i++) bars.push(...digitBars(Number(digits[i]), 'R'));
  bars.push(true, false, true);
  return bars;
}

/** EAN-8 bars for 7 or 8 digits. */
export function ean8Bars(code: string): boolean[] {
  const digits = code.length === 7 ? code + eanCheckDigit(code) : code;
  if (!/^\d{8}$/u.test(digits) || eanCheckDigit(digits.slice(0, 7)) !== Number(digits[7])) {
    throw new Error(`not a valid EAN-8: ${code}`);
  }
  const bars = [true, false, true];
  for (let i = 0; i < 4; i++) bars.push(...digitBars(Number(digits[i]), 'L'));
  bars.push(false, true, false, true, false);
  for (let i = 4; i < 8; i++) bars.push(...digitBars(Number(digits[i]), 'R'));
  bars.push(true, false, true);
  return bars;
}

// Code 128 symbol values 0..106 as bar/space widths (the last is the stop with its terminating bar);
// the same table as @zxing/library's Code128Reader.CODE_PATTERNS.
const code128Patterns = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 ' +
  '122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 ' +
  '322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 ' +
  '112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 ' +
  '331121 312113 312311 332111 314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 ' +
  '112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 ' +
  '124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113 ' +
  '411311 113141 114131 311141 411131 211412 211214 211232 2331112'
).split(' ');

/** Code 128 (code set B) bars for printable ASCII text. */
export function code128Bars(text: string): boolean[] {
  const patterns = code128Patterns;
  const startB = 104;
  const stop = 106;
  const values = [...text].map((ch) => {
    const v = ch.charCodeAt(0) - 32;
    if (v < 0 || v > 95) throw new Error(`Code 128 B cannot encode ${JSON.stringify(ch)}`);
    return v;
  });
  let checksum = startB;
  values.forEach((v, i) => (checksum += v * (i + 1)));
  const symbols = [startB, ...values, checksum % 103, stop];
  const bars: boolean[] = [];
  for (const s of symbols) bars.push(...widthsToBars([...(patterns[s] ?? '')].map(Number)));
  return bars;
}

/** The module grid for a symbol of the given format. */
export function symbolGrid(text: string, format: SymbolFormat): ModuleGrid {
  switch (format) {
    case 'qr':
      return qrGrid(text);
    case 'ean13':
      return linearGrid(ean13Bars(text), 0.55);
    case 'ean8':
      return linearGrid(ean8Bars(text), 0.7);
    case 'code128':
      return linearGrid(code128Bars(text), 0.4);
    case 'datamatrix':
      return dataMatrixGrid(text);
  }
}

/** A point in frame pixels. */
export interface Point {
  x: number;
  y: number;
}

/**
 * The homography taking the unit square's corners (0,0),(1,0),(1,1),(0,1) to the four points given, as a
 * row-major 3×3 matrix. Solved directly (Heckbert's square-to-quad) rather than via a general solver.
 */
function squareToQuad([p0, p1, p2, p3]: readonly [Point, Point, Point, Point]): number[] {
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const sx = p0.x - p1.x + p2.x - p3.x;
  const sy = p0.y - p1.y + p2.y - p3.y;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / den;
  const h = (dx1 * sy - sx * dy1) / den;
  return [
    p1.x - p0.x + g * p1.x, p3.x - p0.x + h * p3.x, p0.x,
    p1.y - p0.y + g * p1.y, p3.y - p0.y + h * p3.y, p0.y,
    g, h, 1,
  ];
}

function invert3(m: number[]): number[] {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, i = 0] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ];
}

/** Where the symbol (quiet zone included) lands in the frame, and how it looks. */
export interface Placement {
  /** Centre of the symbol in the frame. */
  cx: number;
  cy: number;
  /** Width of one module in pixels before perspective. */
  modulePx: number;
  /** Rotation in degrees, clockwise. */
  rotationDeg?: number;
  /** Perspective: the right edge is this fraction taller than the left (tilt about the vertical axis). */
  tiltX?: number;
  /** Perspective: the bottom edge is this fraction wider than the top. */
  tiltY?: number;
  /** Horizontal shear as a fraction of the height. */
  shear?: number;
  /** Grey level of light modules and of dark modules. */
  light?: number;
  dark?: number;
  /** Grey level of what surrounds the symbol (the phone body, the counter). */
  background?: number;
  /** A phone screen border around the quiet zone, in modules; 0 for a printed label. */
  screenBorderModules?: number;
}

/** Renders a symbol into a new frame by inverse mapping each pixel with 3×3 supersampling (anti-aliasing). */
export function renderSymbol(grid: ModuleGrid, frameWidth: number, frameHeight: number, p: Placement): GreyImage {
  const light = p.light ?? 235;
  const darkLevel = p.dark ?? 25;
  const background = p.background ?? 70;
  const border = p.screenBorderModules ?? 0;
  const cols = grid.columns + 2 * border;
  const rows = grid.rows + 2 * border;
  const w = cols * p.modulePx;
  const h = rows * p.modulePx;
  const tiltX = p.tiltX ?? 0;
  const tiltY = p.tiltY ?? 0;
  const shear = (p.shear ?? 0) * h;
  // Corners before rotation, relative to the centre: top-left, top-right, bottom-right, bottom-left.
  const local: [number, number][] = [
    [-w / 2 * (1 - tiltY / 2) + shear / 2, -h / 2 * (1 - tiltX / 2)],
    [w / 2 * (1 - tiltY / 2) + shear / 2, -h / 2 * (1 + tiltX / 2)],
    [w / 2 * (1 + tiltY / 2) - shear / 2, h / 2 * (1 + tiltX / 2)],
    [-w / 2 * (1 + tiltY / 2) - shear / 2, h / 2 * (1 - tiltX / 2)],
  ];
  const angle = ((p.rotationDeg ?? 0) * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const quad = local.map(([x, y]) => ({ x: p.cx + x * cos - y * sin, y: p.cy + x * sin + y * cos })) as [
    Point, Point, Point, Point,
  ];
  const inv = invert3(squareToQuad(quad));
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, hh = 0, i = 0] = inv;
  const data = new Uint8Array(frameWidth * frameHeight);
  const ss = 3;
  for (let y = 0; y < frameHeight; y++) {
    for (let x = 0; x < frameWidth; x++) {
      let sum = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const fx = x + (sx + 0.5) / ss;
          const fy = y + (sy + 0.5) / ss;
          const z = g * fx + hh * fy + i;
          const u = (a * fx + b * fy + c) / z;
          const v = (d * fx + e * fy + f) / z;
          if (u < 0 || v < 0 || u >= 1 || v >= 1) {
            sum += background;
            continue;
          }
          const col = Math.floor(u * cols) - border;
          const row = Math.floor(v * rows) - border;
          sum += grid.dark(col, row) ? darkLevel : light;
        }
      }
      data[y * frameWidth + x] = Math.round(sum / (ss * ss));
    }
  }
  return { width: frameWidth, height: frameHeight, data };
}
