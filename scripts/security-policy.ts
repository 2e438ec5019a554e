/**
 * The kiosk's Content-Security-Policy, one source for the `npm run serve` header, the meta fallback that the
 * build writes into index.html, and the README's nginx example. Verified by the e2e test `serve-csp.spec.ts`:
 * a whole checkout (camera, decode worker, wasm, Scan2pay QR, staff tabs, export) runs with zero violations.
 *
 * 'wasm-unsafe-eval' is what zxing-wasm needs to compile its module (in the worker and on the main-thread
 * fallback); neither 'unsafe-eval' nor 'unsafe-inline' is needed.
 */
import { httpUrl } from '../src/domain/http-url.ts';

/** The origin of `gateway.url` when it is absolute (http/https), else null (a same-origin path). */
export function gatewayOrigin(gatewayUrl: unknown): string | null {
  return httpUrl(gatewayUrl)?.origin ?? null;
}

/** Absolute http(s) origins other than the kiosk's that the catalog's images come from. */
export function imageOrigins(catalog: unknown): string[] {
  const products = (catalog as { products?: unknown } | null)?.products;
  if (!Array.isArray(products)) return [];
  const origins = new Set<string>();
  for (const product of products) {
    const origin = gatewayOrigin((product as { image?: unknown } | null)?.image);
    if (origin) origins.add(origin);
  }
  return [...origins].sort();
}

export interface PolicySources {
  /** The gateway's origin when `gateway.url` is absolute. */
  gateway?: string | null;
  /** Origins of catalog images hosted elsewhere. */
  images?: readonly string[];
}

/** The policy sent as the `Content-Security-Policy` header. */
export function contentSecurityPolicy(sources: PolicySources = {}): string {
  const connect = ["'self'", ...(sources.gateway ? [sources.gateway] : [])];
  const img = ["'self'", ...(sources.images ?? [])];
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    `connect-src ${connect.join(' ')}`,
    `img-src ${img.join(' ')}`,
    "style-src 'self'",
    "media-src 'self' blob: mediastream:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The `<meta http-equiv="Content-Security-Policy">` fallback for index.html, for a server that sends no header.
 * A meta policy is enforced together with any header, and it is fixed at build time while `gateway.url` and the
 * catalog are edited in dist/ later, so it must not forbid what the header allows: connections and images may go
 * to any http(s) origin here (the header narrows them to the configured gateway and image hosts).
 * frame-ancestors is left out (a meta tag cannot carry it; the browser would only warn).
 */
export function metaContentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self' http: https:",
    "img-src 'self' http: https:",
    "style-src 'self'",
    "media-src 'self' blob: mediastream:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers every answer of `npm run serve` carries besides the CSP. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=()',
};
