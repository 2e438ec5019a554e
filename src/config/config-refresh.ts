/**
 * A menu that updates itself: every `refreshSeconds` the kiosk asks for `config.json` and the catalog again
 * with a conditional request (If-None-Match / If-Modified-Since from the last answer, so an unchanged file costs
 * a 304 and no parsing). A changed file is validated exactly as at start; a bad one is refused and reported (the
 * staff warning) while the last good one keeps serving. What to do with a good change is the caller's: the
 * kiosk applies a catalog on the attract screen only and reloads itself there for a changed config.
 * Loaded in its own chunk after start-up. An unreachable file is no change: the kiosk keeps what it has.
 */
import { parseCatalog } from '../catalog/catalog-schema.ts';
import type { Catalog } from '../catalog/catalog-types.ts';
import type { KioskConfig } from './config-schema.ts';
import { parseConfig } from './load-config.ts';

export interface RefreshProblem {
  /** The file's name as the staff know it ("config.json", "catalog.json"). */
  file: string;
  problem: string;
}

export interface MenuRefreshOptions {
  configUrl: string;
  catalogUrl: string;
  /** What the kiosk runs with now: a change is a difference from these. */
  config: KioskConfig;
  catalog: Catalog;
  intervalMs: number;
  fetch?: typeof fetch;
  /** A valid catalog that differs from the one in use. */
  onCatalog(catalog: Catalog): void;
  /** A valid config that differs from the one in use (the kiosk restarts itself on the attract screen). */
  onConfig(config: KioskConfig): void;
  /** A refused file, or null once both files are good again. */
  onProblem(problem: RefreshProblem | null): void;
}

export interface MenuRefresh {
  /** One round now (tests, and the interval). */
  check(): Promise<void>;
  stop(): void;
}

interface Validators {
  etag: string | null;
  lastModified: string | null;
}

type Fetched = { kind: 'unchanged' } | { kind: 'unreachable' } | { kind: 'text'; text: string };

function fileName(url: string): string {
  return url.split(/[?#]/)[0]?.split('/').pop() || url;
}

export function startMenuRefresh(options: MenuRefreshOptions): MenuRefresh {
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const validators = new Map<string, Validators>();
  let configJson = JSON.stringify(options.config);
  let catalogJson = JSON.stringify(options.catalog);
  const problems = new Map<string, RefreshProblem>();
  let reported: string | null = null;
  let running: Promise<void> | null = null;

  async function get(url: string): Promise<Fetched> {
    const known = validators.get(url);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (known?.etag) headers['If-None-Match'] = known.etag;
    if (known?.lastModified) headers['If-Modified-Since'] = known.lastModified;
    try {
      // no-store: the conditional headers are ours, so the browser's cache never answers in the server's place.
      const response = await fetchFn(url, { cache: 'no-store', headers });
      if (response.status === 304) return { kind: 'unchanged' };
      if (!response.ok) return { kind: 'unreachable' };
      const text = await response.text();
      validators.set(url, { etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified') });
      return { kind: 'text', text };
    } catch {
      return { kind: 'unreachable' };
    }
  }

  function parse(text: string): { ok: true; json: unknown } | { ok: false; problem: string } {
    try {
      return { ok: true, json: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, problem: 'not valid JSON' };
    }
  }

  function refuse(url: string, problem: string): void {
    problems.set(url, { file: fileName(url), problem });
  }

  function report(): void {
    const first = problems.values().next().value ?? null;
    const key = first ? `${first.file}:${first.problem}` : null;
    if (key === reported) return;
    reported = key;
    options.onProblem(first);
  }

  async function round(): Promise<void> {
    const config = await get(options.configUrl);
    if (config.kind === 'text') {
      const json = parse(config.text);
      const parsed = json.ok ? parseConfig(json.json, options.configUrl) : null;
      if (!json.ok) refuse(options.configUrl, json.problem);
      else if (parsed && !parsed.ok) {
        const issue = parsed.problem.issues[0];
        refuse(options.configUrl, issue ? `${issue.path || '(file)'}: ${issue.message}` : 'invalid');
      } else if (parsed && parsed.ok) {
        problems.delete(options.configUrl);
        const text = JSON.stringify(parsed.config);
        if (text !== configJson) {
          configJson = text;
          options.onConfig(parsed.config);
        }
      }
    }

    const catalog = await get(options.catalogUrl);
    if (catalog.kind === 'text') {
      const json = parse(catalog.text);
      const parsed = json.ok ? parseCatalog(json.json, options.catalogUrl) : null;
      if (!json.ok) refuse(options.catalogUrl, json.problem);
      else if (parsed && !parsed.ok) {
        const issue = parsed.issues[0];
        refuse(options.catalogUrl, issue ? `${issue.path || '(file)'}: ${issue.message}` : 'invalid');
      } else if (parsed && parsed.ok) {
        problems.delete(options.catalogUrl);
        const text = JSON.stringify(parsed.catalog);
        if (text !== catalogJson) {
          catalogJson = text;
          options.onCatalog(parsed.catalog);
        }
      }
    }
    report();
  }

  function check(): Promise<void> {
    running ??= round().finally(() => (running = null));
    return running;
  }

  const timer = setInterval(() => void check(), options.intervalMs);
  return {
    check,
    stop: () => clearInterval(timer),
  };
}
