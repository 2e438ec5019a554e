/**
 * Identifier factory for the simulator. Seeded, so a test that passes a seed sees the same ids every run;
 * every id is produced as a string so leading zeros (UzCard RRNs start with "0109") survive.
 */

export interface IdSource {
  /** An RFC 4122 version-4 shaped UUID. */
  uuid(): string;
  /** `length` lowercase hex characters. */
  hex(length: number): string;
  /** `length` decimal digits; the first may be a zero. */
  digits(length: number): string;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
}

/** Creates an id source driven by mulberry32 seeded with `seed`. */
export function createIdSource(seed: number): IdSource {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += int(0, 15).toString(16);
    return out;
  };
  const digits = (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += String(int(0, 9));
    return out;
  };
  const uuid = (): string => {
    const variant = (8 + int(0, 3)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  };
  return { uuid, hex, digits, int };
}
