import * as v from 'valibot';
import { configSchema, type KioskConfig } from './config-schema.ts';
import { describeIssue, fetchJsonFile, isJsonObject, type ConfigProblem } from './config-problem.ts';

export type { ConfigIssue, ConfigProblem } from './config-problem.ts';
export type { KioskConfig } from './config-schema.ts';

export type ConfigResult =
  | { ok: true; config: KioskConfig; configUrl: string; catalogUrl: string }
  | { ok: false; problem: ConfigProblem };

/**
 * Validates an already parsed config object. `configUrl` must be absolute: the catalog path is resolved
 * against it (DESIGN.md §5), so `catalog.json` sits beside `config.json` wherever the kiosk is served from.
 */
export function parseConfig(json: unknown, configUrl: string): ConfigResult {
  if (!isJsonObject(json)) {
    return { ok: false, problem: { kind: 'invalid', url: configUrl, issues: [{ path: '', message: 'must be a JSON object { … }' }] } };
  }
  const parsed = v.safeParse(configSchema, json);
  if (!parsed.success) {
    return { ok: false, problem: { kind: 'invalid', url: configUrl, issues: parsed.issues.map(describeIssue) } };
  }
  let catalogUrl: string;
  try {
    catalogUrl = new URL(parsed.output.catalog, configUrl).href;
  } catch {
    return {
      ok: false,
      problem: { kind: 'invalid', url: configUrl, issues: [{ path: 'catalog', message: 'not a valid URL' }] },
    };
  }
  return { ok: true, config: parsed.output, configUrl, catalogUrl };
}

/**
 * Fetches, parses and validates the runtime config. A relative `url` is resolved against the page
 * (`document.baseURI`); outside a browser pass an absolute URL. Never throws: every failure is a
 * `ConfigProblem` for the full-screen error.
 */
export async function loadConfig(url = './config.json', fetchFn: typeof fetch = fetch): Promise<ConfigResult> {
  const file = await fetchJsonFile(url, fetchFn);
  if (!file.ok) return file;
  return parseConfig(file.json, file.url);
}
