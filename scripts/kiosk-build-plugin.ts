/**
 * Build steps for a shop-ready dist/:
 * - index.html gets the CSP as a `<meta>` fallback (for a server that sends no header; `npm run serve` sends the
 *   stricter header). Only in the build: Vite's dev server injects inline styles that the policy forbids.
 * - sw.js gets this build's id in its cache name, so a new build's worker starts a fresh cache and deletes the
 *   old one on activate instead of piling up every deploy's assets.
 * - sw.js gets the list of every file under assets/ (the lazily loaded chunks, the decoder's worker and wasm
 *   included), which it caches when it installs: after one load the kiosk reloads offline whole, not only the
 *   parts a page it controlled happened to fetch.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { metaContentSecurityPolicy } from './security-policy.ts';

/** The placeholder in public/sw.js that the build replaces. */
export const BUILD_ID_PLACEHOLDER = '__TOLOV_BUILD_ID__';
/** The placeholder in public/sw.js (an empty list, valid unbuilt) that the build replaces with the asset list. */
export const PRECACHE_PLACEHOLDER = '/*__TOLOV_PRECACHE__*/[]';

/** sw.js with this build's id and its asset list stamped in. */
export function stampWorker(source: string, buildId: string, assets: readonly string[]): string {
  const list = JSON.stringify([...assets].sort());
  return source.replaceAll(BUILD_ID_PLACEHOLDER, buildId).replaceAll(PRECACHE_PLACEHOLDER, list);
}

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
      const outDir = resolve(config.root, config.build.outDir);
      const sw = join(outDir, 'sw.js');
      if (!existsSync(sw)) return;
      const source = readFileSync(sw, 'utf8');
      if (!source.includes(BUILD_ID_PLACEHOLDER)) return;
      // From disk, not from this bundle: the decoder worker is bundled separately and its chunks are not in it.
      const { assetsDir } = config.build;
      const assets = existsSync(join(outDir, assetsDir)) ? readdirSync(join(outDir, assetsDir)).map((name) => `${assetsDir}/${name}`) : [];
      writeFileSync(sw, stampWorker(source, buildIdOf([...fileNames, ...assets], source), assets));
    },
  };
}
