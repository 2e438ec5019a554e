/**
 * Multi-pass decoding: each camera frame gets ONE decoding pass, and consecutive frames rotate through a few
 * option sets. A code held still in front of the camera is seen 15 times a second, so a frame the first
 * option set misses (glare, a print the local binarizer breaks up, a code filling only the middle of the
 * frame) is tried a few frames later with another set, at no extra cost per frame.
 *
 * The rotation was chosen by measurement on the real-photo set (bench/real-photos.ts, README "Scanning"):
 * the first pass is the engine's default (its single-pass rate must not drop), and each later pass is the
 * option set that reads the most photos the earlier passes miss, with zero misreads.
 */

export type PassBinarizer = 'LocalAverage' | 'GlobalHistogram' | 'FixedThreshold';

/** One option set for one decoding pass over a frame. */
export interface DecodePass {
  /** A short name for benches and logs. */
  readonly id: string;
  /** zxing-wasm's binarizer (zxing-js: LocalAverage = HybridBinarizer, the others = GlobalHistogramBinarizer). */
  readonly binarizer: PassBinarizer;
  /** Morphological closing before detection (zxing-wasm, 2D codes only). */
  readonly tryDenoise: boolean;
  /** Also try a downscaled copy of the frame, by this factor (zxing-wasm); 0 = the engine's default (3). */
  readonly downscaleFactor: number;
  /** Also try the frame with light and dark swapped (codes shown on some phone themes). */
  readonly tryInvert: boolean;
  /**
   * Share of the frame's shorter side kept as a centred square (1 = the whole frame). The guide frame on
   * screen sits in the middle, so a code held to it fills more of a centre crop than of the whole frame.
   */
  readonly crop: number;
}

/** The engine's own defaults: what every frame got before multi-pass decoding. */
export const defaultPass: DecodePass = {
  id: 'default',
  binarizer: 'LocalAverage',
  tryDenoise: false,
  downscaleFactor: 0,
  tryInvert: true,
  crop: 1,
};

/** Candidate option sets the bench measures; the rotation below is chosen among them. */
export const candidatePasses: readonly DecodePass[] = [
  defaultPass,
  { ...defaultPass, id: 'global-histogram', binarizer: 'GlobalHistogram' },
  { ...defaultPass, id: 'denoise', tryDenoise: true },
  { ...defaultPass, id: 'global-histogram-denoise', binarizer: 'GlobalHistogram', tryDenoise: true },
  { ...defaultPass, id: 'fixed-threshold', binarizer: 'FixedThreshold' },
  { ...defaultPass, id: 'downscale-2', downscaleFactor: 2 },
  { ...defaultPass, id: 'centre-crop-75', crop: 0.75 },
  { ...defaultPass, id: 'centre-crop-75-denoise', crop: 0.75, tryDenoise: true },
  { ...defaultPass, id: 'centre-crop-75-global-histogram', crop: 0.75, binarizer: 'GlobalHistogram' },
];

function pass(id: string): DecodePass {
  const found = candidatePasses.find((p) => p.id === id);
  if (!found) throw new Error(`no decode pass ${id}`);
  return found;
}

/**
 * The passes consecutive frames get, in order, then again from the start. Chosen by measurement
 * (bench/real-photos.ts): see the README's scanning table for the figures.
 */
export const passRotation: readonly DecodePass[] = [pass('default'), pass('denoise'), pass('global-histogram')];

/**
 * Hands out the rotation's passes one per frame.
 * @param rotation the passes in order (default: {@link passRotation})
 */
export function createPassRotation(rotation: readonly DecodePass[] = passRotation): { next(): DecodePass; reset(): void } {
  if (rotation.length === 0) throw new Error('empty pass rotation');
  let index = 0;
  return {
    next() {
      const current = rotation[index % rotation.length] ?? defaultPass;
      index = (index + 1) % rotation.length;
      return current;
    },
    reset() {
      index = 0;
    },
  };
}

/**
 * The centred square of the frame that the pass keeps (RGBA copy), or the frame itself when it keeps all.
 * @param frame RGBA pixels
 * @param share share of the shorter side kept (0 < share ≤ 1)
 */
export function cropCentre(frame: ImageData, share: number): ImageData {
  if (share >= 1) return frame;
  const side = Math.max(1, Math.round(Math.min(frame.width, frame.height) * share));
  const left = Math.floor((frame.width - side) / 2);
  const top = Math.floor((frame.height - side) / 2);
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    const from = ((top + y) * frame.width + left) * 4;
    data.set(frame.data.subarray(from, from + side * 4), y * side * 4);
  }
  return { width: side, height: side, data, colorSpace: 'srgb' } as ImageData;
}
