/**
 * Staff PIN and staff badge hashing: PBKDF2-SHA256 through WebCrypto (the browser and Node 20 both have
 * `crypto.subtle`). Stored form, as in config.json's `staff.pin` and `staff.badges`:
 * `pbkdf2$<iterations>$<salt, base64>$<hash, base64>`.
 *
 * config.json is public (anyone who reaches the kiosk's origin can download it), so a PIN hash can be attacked
 * offline: 600 000 iterations (OWASP's current figure for PBKDF2-HMAC-SHA256) and at least 6 digits make that
 * slow, and refunds above `staff.pinRefundLimit` need the badge, whose 130 random bits no offline search finds.
 */

import { BADGE_PREFIX } from './badge-code.ts';

/** OWASP Password Storage Cheat Sheet, PBKDF2-HMAC-SHA256. */
export const DEFAULT_PIN_ITERATIONS = 600_000;
/** config.json refuses a stored value with fewer iterations (e.g. an old 100 000-iteration, 4-digit PIN). */
export const MIN_CONFIG_ITERATIONS = DEFAULT_PIN_ITERATIONS;
export const MIN_PIN_DIGITS = 6;
export const MAX_PIN_DIGITS = 12;
/** A stored value asking for more work than this is refused: a typo must not freeze the kiosk on verify. */
export const MAX_PIN_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export interface StoredPin {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

/** A staff PIN is 6 to 12 digits. */
export function isValidPinFormat(pin: string): boolean {
  return /^\d{6,12}$/.test(pin);
}

/** Every staff badge code starts with this, so the PIN gate knows a badge from any other scanned code. */
export { BADGE_PREFIX };
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** 26 base32 characters: 130 random bits. Upper case and digits keep the QR in its compact alphanumeric mode. */
const BADGE_CHARS = 26;
const BADGE = new RegExp(`^${BADGE_PREFIX}[A-Z2-7]{${BADGE_CHARS}}$`);

/** A new random badge code (≥ 128 bits from the platform's CSPRNG). */
export function generateBadgeCode(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => globalThis.crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(17));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < BADGE_CHARS) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return BADGE_PREFIX + out;
}

/** True for a code shaped like a staff badge (whether it is one of this kiosk's is `verifyBadge`'s question). */
export function isBadgeCode(code: string): boolean {
  return BADGE.test(code.trim());
}

const STORED = /^pbkdf2\$([1-9]\d{0,7})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/**
 * Reads a stored PIN value; null when it is not exactly `pbkdf2$<iterations>$<salt b64>$<hash b64>` with a
 * salt of at least 8 bytes and a 32-byte hash.
 */
export function parseStoredPin(stored: unknown): StoredPin | null {
  if (typeof stored !== 'string') return null;
  const match = STORED.exec(stored);
  if (!match) return null;
  const iterations = Number(match[1]);
  const salt = fromBase64(match[2] ?? '');
  const hash = fromBase64(match[3] ?? '');
  if (iterations > MAX_PIN_ITERATIONS || !salt || !hash) return null;
  if (salt.length < 8 || hash.length !== HASH_BYTES) return null;
  return { iterations, salt, hash };
}

/**
 * Hashes a PIN into the stored form. Throws a RangeError for a PIN that is not 6–12 digits or a bad
 * iteration count (this runs in the staff-pin script, where a loud failure is wanted).
 */
export async function hashPin(
  pin: string,
  iterations: number = DEFAULT_PIN_ITERATIONS,
  salt: Uint8Array<ArrayBuffer> = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES)),
): Promise<string> {
  if (!isValidPinFormat(pin)) throw new RangeError(`the PIN must be ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits`);
  return hashSecret(pin, iterations, salt);
}

/** Hashes a badge code (from generateBadgeCode) into the stored form for `staff.badges`. */
export async function hashBadge(
  code: string,
  iterations: number = DEFAULT_PIN_ITERATIONS,
  salt: Uint8Array<ArrayBuffer> = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES)),
): Promise<string> {
  if (!isBadgeCode(code)) throw new RangeError(`a badge code is ${BADGE_PREFIX} and ${BADGE_CHARS} base32 characters`);
  return hashSecret(code.trim(), iterations, salt);
}

/**
 * True when `code` is one of the badges; all are checked at once (WebCrypto runs them in parallel), so a kiosk
 * with several badges answers about as fast as with one.
 */
export async function verifyBadge(code: string, stored: readonly string[]): Promise<boolean> {
  if (typeof code !== 'string' || !isBadgeCode(code)) return false;
  const results = await Promise.all(stored.map((s) => verifyPin(code.trim(), s)));
  return results.includes(true);
}

async function hashSecret(secret: string, iterations: number, salt: Uint8Array<ArrayBuffer>): Promise<string> {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_PIN_ITERATIONS) {
    throw new RangeError(`iterations must be a whole number from 1 to ${MAX_PIN_ITERATIONS}`);
  }
  if (salt.length < 8) throw new RangeError('the salt must be at least 8 bytes');
  const hash = await derive(secret, salt, iterations, HASH_BYTES);
  return `pbkdf2$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/**
 * True only when `pin` (or a badge code) matches the stored value. A malformed stored value or any crypto failure gives
 * false, never an exception; the derived bytes are compared in constant time.
 */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parseStoredPin(stored);
  if (!parsed || typeof pin !== 'string') return false;
  try {
    const derived = await derive(pin, parsed.salt, parsed.iterations, parsed.hash.length);
    return constantTimeEqual(derived, parsed.hash);
  } catch {
    return false;
  }
}

async function derive(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  length: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, length * 8);
  return new Uint8Array(bits);
}

/** Looks at every byte whatever the first difference, so timing does not tell how much of a guess was right. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
