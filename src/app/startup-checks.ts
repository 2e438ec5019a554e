/**
 * What the browser must give the kiosk before anything else runs: a secure context (without it there is no
 * `crypto.randomUUID`, no `crypto.subtle` for staff access, no camera and no service worker, and the kiosk
 * would take an order and only fail at payment), IndexedDB (the payment journal) and Web Crypto.
 * Each missing piece is named on the full-screen message, in all three languages.
 */

export type StartupCause = 'insecureContext' | 'noIndexedDb' | 'noWebCrypto';

export interface StartupEnvironment {
  isSecureContext?: boolean;
  indexedDB?: unknown;
  crypto?: { subtle?: unknown; randomUUID?: unknown };
}

/** The first thing missing, or null when the kiosk can start. */
export function checkStartup(env: StartupEnvironment = globalThis as StartupEnvironment): StartupCause | null {
  if (env.isSecureContext !== true) return 'insecureContext';
  if (env.indexedDB === undefined || env.indexedDB === null) return 'noIndexedDb';
  if (!env.crypto || !env.crypto.subtle || typeof env.crypto.randomUUID !== 'function') return 'noWebCrypto';
  return null;
}

/** A one-line technical description for the person fixing it (the sentence itself is translated). */
export function startupDetail(cause: StartupCause, location: { origin?: string } = globalThis.location ?? {}): string {
  switch (cause) {
    case 'insecureContext':
      return `window.isSecureContext is false for ${location.origin ?? 'this page'}`;
    case 'noIndexedDb':
      return 'window.indexedDB is not available';
    case 'noWebCrypto':
      return 'crypto.subtle or crypto.randomUUID is not available';
    default: {
      const never: never = cause;
      return String(never);
    }
  }
}
