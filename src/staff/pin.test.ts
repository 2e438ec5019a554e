import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BADGE_PREFIX,
  generateBadgeCode,
  hashBadge,
  hashPin,
  isBadgeCode,
  isValidPinFormat,
  parseStoredPin,
  verifyBadge,
  verifyPin,
} from './pin.ts';

// Few iterations keep the tests fast; the demo config's real 600 000-iteration values are checked once below.
const FAST = 1000;

describe('hashPin / verifyPin', () => {
  it('round-trips: the right PIN verifies, a wrong one does not', async () => {
    const stored = await hashPin('482913', FAST);
    expect(stored).toMatch(/^pbkdf2\$1000\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    expect(await verifyPin('482913', stored)).toBe(true);
    expect(await verifyPin('482914', stored)).toBe(false);
    expect(await verifyPin('4829130', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('salts: the same PIN hashes differently each time, and both verify', async () => {
    const a = await hashPin('123456', FAST);
    const b = await hashPin('123456', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPin('123456', a)).toBe(true);
    expect(await verifyPin('123456', b)).toBe(true);
  });

  it('is PBKDF2-SHA256: matches an independent derivation', async () => {
    const salt = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const stored = await hashPin('123456', FAST, salt);
    const { pbkdf2Sync } = await import('node:crypto');
    const expected = pbkdf2Sync('123456', salt, FAST, 32, 'sha256').toString('base64');
    expect(stored).toBe(`pbkdf2$1000$${Buffer.from(salt).toString('base64')}$${expected}`);
  });

  it('verifies the demo config PIN 482916 and the demo badge, at 600 000 iterations (OWASP)', async () => {
    const config = JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')) as {
      staff: { pin: string; badges: string[] };
    };
    expect(parseStoredPin(config.staff.pin)?.iterations).toBe(600_000);
    expect(await verifyPin('482916', config.staff.pin)).toBe(true);
    expect(await verifyPin('482917', config.staff.pin)).toBe(false);
    expect(config.staff.badges.map((b) => parseStoredPin(b)?.iterations)).toEqual([600_000]);
    expect(await verifyBadge('TOLOV-STAFF-HICXSXW3M4BKP4LYI6RUAFHFYP', config.staff.badges)).toBe(true);
    // The badge is not a PIN, and the PIN is not a badge.
    expect(await verifyBadge('482916', config.staff.badges)).toBe(false);
    expect(await verifyPin('TOLOV-STAFF-HICXSXW3M4BKP4LYI6RUAFHFYP', config.staff.pin)).toBe(false);
  }, 30_000);

  it('refuses to hash a PIN that is not 6–12 digits (a 4-digit PIN falls offline in seconds)', async () => {
    await expect(hashPin('1234', FAST)).rejects.toThrow(RangeError);
    await expect(hashPin('12345', FAST)).rejects.toThrow(RangeError);
    await expect(hashPin('1234567890123', FAST)).rejects.toThrow(RangeError);
    await expect(hashPin('12a456', FAST)).rejects.toThrow(RangeError);
    await expect(hashPin('123456', 0)).rejects.toThrow(RangeError);
  });

  it.each([
    ['empty', ''],
    ['plain text', '1234'],
    ['another algorithm', 'bcrypt$1000$AAAAAAAAAAA=$AAAA'],
    ['zero iterations', 'pbkdf2$0$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(43) + '='],
    ['absurd iterations', 'pbkdf2$99999999$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(43) + '='],
    ['bad base64', 'pbkdf2$1000$!!!!$' + 'A'.repeat(43) + '='],
    ['a short hash', 'pbkdf2$1000$AAECAwQFBgcICQoLDA0ODw==$AAAA'],
    ['a short salt', 'pbkdf2$1000$AAE=$' + 'A'.repeat(43) + '='],
    ['missing parts', 'pbkdf2$1000$AAECAwQFBgcICQoLDA0ODw=='],
    ['trailing text', 'pbkdf2$1000$AAECAwQFBgcICQoLDA0ODw==$' + 'A'.repeat(43) + '= x'],
  ])('gives false, never throws, for a malformed stored value: %s', async (_name, stored) => {
    expect(parseStoredPin(stored)).toBeNull();
    await expect(verifyPin('1234', stored)).resolves.toBe(false);
  });

  it('gives false for a stored value that is not a string at all', async () => {
    await expect(verifyPin('1234', undefined as unknown as string)).resolves.toBe(false);
    await expect(verifyPin('1234', 42 as unknown as string)).resolves.toBe(false);
  });
});

describe('isValidPinFormat', () => {
  it('takes 6 to 12 digits only', () => {
    expect(['123456', '000000000000', '042042'].every(isValidPinFormat)).toBe(true);
    expect(['1234', '12345', '1234567890123', '123 456', '١٢٣٤٥٦', '12a456', ''].some(isValidPinFormat)).toBe(false);
  });
});

describe('staff badges', () => {
  it('a badge code carries at least 128 random bits, in QR-alphanumeric characters', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateBadgeCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code.startsWith(BADGE_PREFIX)).toBe(true);
      expect(isBadgeCode(code)).toBe(true);
      // 26 base32 characters of 5 bits each.
      expect((code.length - BADGE_PREFIX.length) * 5).toBeGreaterThanOrEqual(128);
      expect(code).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    }
    // All-zero and all-one randomness still give a well-formed code (the bit packing reaches every character).
    expect(generateBadgeCode((b) => b.fill(0))).toBe(`${BADGE_PREFIX}${'A'.repeat(26)}`);
    expect(generateBadgeCode((b) => b.fill(255))).toBe(`${BADGE_PREFIX}${'7'.repeat(26)}`);
  });

  it('hashes a badge as PBKDF2-SHA256 and checks it against every configured badge', async () => {
    const mine = generateBadgeCode();
    const other = generateBadgeCode();
    const badges = [await hashBadge(other, FAST), await hashBadge(mine, FAST)];
    expect(await verifyBadge(mine, badges)).toBe(true);
    expect(await verifyBadge(generateBadgeCode(), badges)).toBe(false);
    expect(await verifyBadge(mine, [])).toBe(false);
    expect(await verifyBadge('not a badge', badges)).toBe(false);
    await expect(hashBadge('123456', FAST)).rejects.toThrow(RangeError);
  });
});
