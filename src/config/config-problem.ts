/**
 * What went wrong loading a JSON file the kiosk needs at start (config.json, catalog.json).
 * The same shape for both files so one full-screen message can show either (ConfigErrorScreen).
 */
import * as v from 'valibot';

export interface ConfigIssue {
  /** Dot path of the field, e.g. "timeouts.walletSeconds" or "products.3.category"; "" for the whole file. */
  path: string;
  message: string;
}

export interface ConfigProblem {
  kind: 'unreachable' | 'not-json' | 'invalid';
  /** Set when the browser, not a file, is the problem (src/app/startup-checks.ts): the message names it. */
  cause?: 'insecureContext' | 'noIndexedDb' | 'noWebCrypto';
  /** The file's absolute URL (or the URL as given when it could not be resolved). */
  url: string;
  issues: ConfigIssue[];
}

/**
 * Turns a valibot issue into a path and a message a person fixing the file understands.
 * Valibot's wording for strict objects ("Expected never") is replaced, since typos are the usual cause.
 */
export function describeIssue(issue: v.BaseIssue<unknown>): ConfigIssue {
  const path = v.getDotPath(issue) ?? '';
  const last = issue.path?.at(-1);
  if (issue.type === 'strict_object' && last?.origin === 'key') {
    if (issue.expected === 'never') return { path, message: 'unknown key (misspelt?); it is not allowed here' };
    if (issue.received === 'undefined') return { path, message: 'required, but missing' };
  }
  return { path, message: issue.message };
}

/** A JSON object `{…}`; valibot's object schemas would also take an array, whose mistakes read oddly. */
export function isJsonObject(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

/** Resolves a possibly relative URL against the page (in a browser); an absolute URL is kept. */
export function resolveAgainstPage(url: string): string | null {
  const base = pageBase();
  try {
    return base === undefined ? new URL(url).href : new URL(url, base).href;
  } catch {
    return null;
  }
}

function pageBase(): string | undefined {
  const g = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  if (g.location === undefined) return undefined;
  return g.document?.baseURI ?? g.location.href;
}

/**
 * Fetches a JSON file and parses it; never throws. The body is read as text first so an HTML page
 * (a dev server's fallback, a captive portal) is reported as such instead of as a parse error deep inside.
 */
export async function fetchJsonFile(
  url: string,
  fetchFn: typeof fetch,
): Promise<{ ok: true; json: unknown; url: string } | { ok: false; problem: ConfigProblem }> {
  const absolute = resolveAgainstPage(url);
  if (absolute === null) {
    return fail('unreachable', url, 'not a valid URL (relative URLs need a page to resolve against)');
  }
  let text: string;
  try {
    // Kiosks run for days: an edited file must be seen on the next start, not served from the HTTP cache.
    const response = await fetchFn(absolute, { cache: 'no-store' });
    if (!response.ok) return fail('unreachable', absolute, `HTTP ${response.status} ${response.statusText}`.trim());
    text = await response.text();
  } catch (error) {
    return fail('unreachable', absolute, error instanceof Error ? error.message : String(error));
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown, url: absolute };
  } catch (error) {
    const looksLikeHtml = /^\s*</.test(text);
    const detail = looksLikeHtml
      ? 'the server sent an HTML page, not JSON (is the file missing?)'
      : `broken JSON: ${error instanceof Error ? error.message : String(error)}`;
    return fail('not-json', absolute, detail);
  }
}

function fail(kind: ConfigProblem['kind'], url: string, message: string): { ok: false; problem: ConfigProblem } {
  return { ok: false, problem: { kind, url, issues: [{ path: '', message }] } };
}
