/**
 * Build steps for a shop-ready dist/:
 * - index.html gets the CSP as a `<meta>` fallback (for a server that sends no header; `npm run serve` sends the
 *   stricter header). Only in the build: Vite's dev server injects inline styles that the policy forbids.
 * - sw.js gets this build's id in its cache name, so a new build's worker starts a fresh cache and deletes the
 *   old one on activate instead of piling up every deploy's assets.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { metaContentSecurityPolicy } from './security-policy.ts';

/** The placeholder in public/sw.js that the build replaces. */
export const BUILD_ID_PLACEHOLDER = '__TOLOV_BUILD_ID__';

/** A short id that changes whenever any emitted file name (all hashed) or the worker's own source changes. */
export function buildIdOf(fileNames: readonly string[], workerSource: string): string {
  const hash = createHash('sha256');
  for (const name of [...fileNames].sort()) hash.update(`${name}\n`);
  hash.update(workerSource);
  return hash.digest('hex').slice(0, 12);
}

export function kioskBuildPlugin(): Plugin {
  let config: ResolvedConfig | undefined;
  let fileNames: string[] = [];
  return {
    name: 'tolov-kiosk-build',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml() {
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() },
          injectTo: 'head-prepend',
        },
      ];
    },
    generateBundle(_options, bundle) {
      fileNames = Object.keys(bundle);
    },
    writeBundle() {
      if (!config || config.build.ssr) return;
      const sw = join(resolve(config.root, config.build.outDir), 'sw.js');
      if (!existsSync(sw)) return;
      const source = readFileSync(sw, 'utf8');
      if (!source.includes(BUILD_ID_PLACEHOLDER)) return;
      writeFileSync(sw, source.replaceAll(BUILD_ID_PLACEHOLDER, buildIdOf(fileNames, source)));
    },
  };
}
