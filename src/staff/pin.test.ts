import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashPin, isValidPinFormat, parseStoredPin, verifyPin } from './pin.ts';

// Few iterations keep the tests fast; the demo config's real 100 000-iteration value is checked once below.
const FAST = 1000;

describe('hashPin / verifyPin', () => {
  it('round-trips: the right PIN verifies, a wrong one does not', async () => {
    const stored = await hashPin('4821', FAST);
    expect(stored).toMatch(/^pbkdf2\$1000\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    expect(await verifyPin('4821', stored)).toBe(true);
    expect(await verifyPin('4822', stored)).toBe(false);
    expect(await verifyPin('48210', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('salts: the same PIN hashes differently each time, and both verify', async () => {
    const a = await hashPin('1234', FAST);
    const b = await hashPin('1234', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPin('1234', a)).toBe(true);
    expect(await verifyPin('1234', b)).toBe(true);
  });

  it('is PBKDF2-SHA256: matches an independent derivation', async () => {
    const salt = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const stored = await hashPin('1234', FAST, salt);
    const { pbkdf2Sync } = await import('node:crypto');
    const expected = pbkdf2Sync('1234', salt, FAST, 32, 'sha256').toString('base64');
    expect(stored).toBe(`pbkdf2$1000$${Buffer.from(salt).toString('base64')}$${expected}`);
  });

  it('verifies the demo config PIN 1234', async () => {
    const config = JSON.parse(readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8')) as {
      staff: { pin: string };
    };
    expect(parseStoredPin(config.staff.pin)?.iterations).toBe(100_000);
    expect(await verifyPin('1234', config.staff.pin)).toBe(true);
    expect(await verifyPin('4321', config.staff.pin)).toBe(false);
  });

  it('refuses to hash a PIN that is not 4–8 digits', async () => {
    await expect(hashPin('123', FAST)).rejects.toThrow(RangeError);
    await expect(hashPin('123456789', FAST)).rejects.toThrow(RangeError);
    await expect(hashPin('12a4', FAST)).rejects.toThrow(RangeError);
    await expect(hashPin('1234', 0)).rejects.toThrow(RangeError);
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
  it('takes 4 to 8 digits only', () => {
    expect(['1234', '00000000', '0420'].every(isValidPinFormat)).toBe(true);
    expect(['123', '123456789', '12 34', '١٢٣٤', '12a4', ''].some(isValidPinFormat)).toBe(false);
  });
});
