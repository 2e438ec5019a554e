/**
 * Camera-like degradations on greyscale frames, driven by a seeded RNG so the corpus is reproducible.
 * Each function returns a new image and leaves its input alone.
 */
import type { GreyImage } from './code-images.ts';

/** mulberry32: tiny, fast, good enough for noise; the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function map(image: GreyImage, fn: (v: number, x: number, y: number) => number): GreyImage {
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = y * image.width + x;
      data[i] = Math.max(0, Math.min(255, Math.round(fn(image.data[i] ?? 0, x, y))));
    }
  }
  return { width: image.width, height: image.height, data };
}

/** Box blur of the given radius, applied twice (close to a Gaussian: defocus or motion-free shake). */
export function blur(image: GreyImage, radius: number): GreyImage {
  let current = image;
  for (let pass = 0; pass < 2; pass++) {
    for (const horizontal of [true, false]) {
      const { width, height, data } = current;
      const out = new Uint8Array(data.length);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          let sum = 0;
          let n = 0;
          for (let k = -radius; k <= radius; k++) {
            const xx = horizontal ? x + k : x;
            const yy = horizontal ? y : y + k;
            if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
            sum += data[yy * width + xx] ?? 0;
            n++;
          }
          out[y * width + x] = Math.round(sum / n);
        }
      }
      current = { width, height, data: out };
    }
  }
  return current;
}

/** Additive Gaussian sensor noise with the given standard deviation in grey levels. */
export function noise(image: GreyImage, sigma: number, random: () => number): GreyImage {
  return map(image, (v) => {
    // Box–Muller.
    const u = Math.max(random(), 1e-12);
    const n = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return v + n * sigma;
  });
}

/** A bright reflection: a Gaussian blob added at (cx, cy) with the given radius and strength. */
export function glare(image: GreyImage, cx: number, cy: number, radius: number, strength: number): GreyImage {
  return map(image, (v, x, y) => {
    const d2 = (x - cx) ** 2 + (y - cy) ** 2;
    return v + strength * Math.exp(-d2 / (2 * radius * radius));
  });
}

/** Squeezes the grey range towards `mid` by `factor` (0..1): a dim phone screen or a washed-out label. */
export function lowContrast(image: GreyImage, factor: number, mid = 128): GreyImage {
  return map(image, (v) => mid + (v - mid) * factor);
}

/**
 * Phone-screen moiré: the camera samples the screen's pixel grid, giving a fine periodic pattern
 * (two slightly different frequencies beating) multiplied into the image.
 */
export function moire(image: GreyImage, period: number, amplitude: number, angleDeg: number): GreyImage {
  const a = (angleDeg * Math.PI) / 180;
  const k1 = (2 * Math.PI) / period;
  const k2 = (2 * Math.PI) / (period * 1.07);
  return map(image, (v, x, y) => {
    const s = x * Math.cos(a) + y * Math.sin(a);
    const t = -x * Math.sin(a) + y * Math.cos(a);
    const pattern = 0.5 * (Math.sin(k1 * s) + Math.sin(k2 * t));
    return v * (1 + amplitude * pattern);
  });
}

/** A smooth left-to-right lighting gradient (a kiosk lamp on one side). */
export function unevenLight(image: GreyImage, from: number, to: number): GreyImage {
  return map(image, (v, x) => v * (from + ((to - from) * x) / image.width));
}
