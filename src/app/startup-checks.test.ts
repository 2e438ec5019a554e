import { describe, expect, it } from 'vitest';
import { checkStartup, startupDetail } from './startup-checks.ts';

const crypto = { subtle: {}, randomUUID: () => 'id' };

describe('checkStartup', () => {
  it('passes a secure context with IndexedDB and Web Crypto', () => {
    expect(checkStartup({ isSecureContext: true, indexedDB: {}, crypto })).toBeNull();
  });

  it('names a non-secure context first (plain http on a LAN address has no crypto.subtle either)', () => {
    expect(checkStartup({ isSecureContext: false, indexedDB: {}, crypto: {} })).toBe('insecureContext');
    expect(checkStartup({ indexedDB: {}, crypto })).toBe('insecureContext');
    expect(startupDetail('insecureContext', { origin: 'http://192.168.1.20:8000' })).toContain('http://192.168.1.20:8000');
  });

  it('names missing IndexedDB, then missing Web Crypto', () => {
    expect(checkStartup({ isSecureContext: true, indexedDB: undefined, crypto })).toBe('noIndexedDb');
    expect(checkStartup({ isSecureContext: true, indexedDB: null, crypto })).toBe('noIndexedDb');
    expect(checkStartup({ isSecureContext: true, indexedDB: {}, crypto: { subtle: {} } })).toBe('noWebCrypto');
    expect(checkStartup({ isSecureContext: true, indexedDB: {}, crypto: { randomUUID: () => 'x' } })).toBe('noWebCrypto');
  });
});
