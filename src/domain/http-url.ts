/**
 * The one rule for a web address the kiosk will use (DESIGN.md §1.6): written as an absolute `http://` or
 * `https://` URL that parses with a host. Anything else (`javascript:`, `file:`, `http:foo`, a bare host) could
 * send a phone or the kiosk somewhere unsafe, so it is not shown as a QR, not fetched and not allowed by the CSP.
 */

/** The parsed URL when `text` (resolved against `base`, when given) is an http(s) URL with a host; else null. */
export function httpUrl(text: unknown, base?: string): URL | null {
  if (typeof text !== 'string') return null;
  let url: URL;
  try {
    url = base === undefined ? new URL(text) : new URL(text, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  // Written absolute: `http:example.com` parses, but nobody means it; a relative `text` is resolved first.
  const written = base === undefined ? text : url.href;
  return /^https?:\/\/[^/]/i.test(written) ? url : null;
}

export function isHttpUrl(text: unknown): text is string {
  return httpUrl(text) !== null;
}
