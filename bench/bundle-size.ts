/**
 * What a kiosk downloads before its first screen: the entry script, the stylesheets and every module the
 * entry imports statically (Vite lists them as `<link rel="modulepreload">` in index.html, and the entry
 * chunk's own static imports are followed too), each gzipped at level 9. The scanner engines must not be
 * among them: they load when a camera first needs them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { BenchContext, BenchFigure } from './figure.ts';
import { gzipSize, round } from './stats.ts';

export const firstLoadBudgetKB = 60;
const KB = 1024;

/** The asset paths (relative to the dist dir, e.g. `assets/index-abc.js`) index.html loads up front. */
export function firstLoadFromHtml(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  const tagRe = /<(script|link)\b([^>]*)>/gi;
  for (const match of html.matchAll(tagRe)) {
    const tag = match[1]!.toLowerCase();
    const attrs = match[2] ?? '';
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(attrs)?.[1];
    if (tag === 'script' && attr('type') === 'module' && attr('src')) scripts.push(clean(attr('src')!));
    if (tag === 'link') {
      const rel = attr('rel');
      const href = attr('href');
      if (!href) continue;
      if (rel === 'modulepreload') scripts.push(clean(href));
      if (rel === 'stylesheet') styles.push(clean(href));
    }
  }
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)] };
}

function clean(url: string): string {
  return url.replace(/^\.?\//, '').replace(/[?#].*$/, '');
}

/** Static `import … from "./x.js"` / `import "./x.js"` / `export … from` specifiers of a built chunk (not `import()`). */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const m of code.matchAll(re)) found.push(m[1]!);
  return found;
}

/** The entry scripts plus everything they import statically, transitively (paths relative to dist). */
export function followStaticImports(start: string[], read: (path: string) => string | null): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const code = read(path);
    if (code === null) continue;
    seen.add(path);
    for (const spec of staticImports(code)) {
      if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
      const next = spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(path), spec));
      queue.push(next);
    }
  }
  return [...seen];
}

/** A scanner engine chunk, by its name: the zxing decoders, their libraries, the wasm, the decode worker. */
export function isScannerEngine(path: string): boolean {
  return /zxing|decode\.worker|worker-decoder|\.wasm$/i.test(path);
}

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...allFiles(full));
    else out.push(full);
  }
  return out;
}

export interface FirstLoad {
  files: { path: string; gzipBytes: number }[];
  totalBytes: number;
  engineFiles: string[];
}

/**
 * The script files the kiosk's own chunk (`assets/kiosk-parts-*.js`, loaded while the attract screen is up) adds
 * to what the first screen already loaded: each is one `<link rel="modulepreload">` Vite's loader appends, which
 * costs the cold start main-thread time (scripts/kiosk-chunk.ts).
 */
export function kioskChunkFiles(assetPaths: readonly string[], firstLoadScripts: readonly string[], read: (path: string) => string | null): string[] {
  const kiosk = assetPaths.filter((path) => /(^|\/)kiosk-parts-[^/]*\.js$/.test(path));
  const loaded = new Set(firstLoadScripts);
  return followStaticImports(kiosk, read).filter((path) => !loaded.has(path));
}

export function measureFirstLoad(distDir: string): FirstLoad {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const { scripts, styles } = firstLoadFromHtml(html);
  const read = (path: string) => {
    try {
      return readFileSync(join(distDir, path), 'utf8');
    } catch {
      return null;
    }
  };
  const js = followStaticImports(scripts, read);
  const files = [...js, ...styles].map((path) => ({ path, gzipBytes: gzipSize(readFileSync(join(distDir, path))) }));
  return {
    files,
    totalBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    engineFiles: files.map((f) => f.path).filter(isScannerEngine),
  };
}

export async function run(ctx: BenchContext): Promise<BenchFigure[]> {
  const first = measureFirstLoad(ctx.distDir);
  const assets = allFiles(join(ctx.distDir, 'assets'));
  const shipped = assets.reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0);
  const biggest = [...first.files].sort((a, b) => b.gzipBytes - a.gzipBytes)[0];
  const kioskFiles = kioskChunkFiles(
    assets.map((file) => relative(ctx.distDir, file).split(sep).join('/')),
    first.files.map((f) => f.path),
    (path) => {
      try {
        return readFileSync(join(ctx.distDir, path), 'utf8');
      } catch {
        return null;
      }
    },
  );
  return [
    {
      name: 'First-screen JS + CSS (gzip)',
      value: round(first.totalBytes / KB),
      unit: 'KB',
      budget: { max: firstLoadBudgetKB },
      note: `${first.files.length} files; largest ${biggest ? `${biggest.path} ${round(biggest.gzipBytes / KB)} KB` : '-'}`,
    },
    {
      name: "Script files of the kiosk's chunk (after the first screen)",
      value: kioskFiles.length,
      unit: 'count',
      budget: { max: 2 },
      note: kioskFiles.join(', ') || 'none found',
    },
    {
      name: 'Scanner engine in first load',
      value: first.engineFiles.length > 0 ? 1 : 0,
      unit: 'count',
      budget: { max: 0 },
      note: first.engineFiles.length > 0 ? first.engineFiles.join(', ') : 'zxing engines load on first camera use',
    },
    {
      name: 'All shipped assets (gzip)',
      value: round(shipped / KB),
      unit: 'KB',
      budget: null,
      note: `${assets.length} files in ${relative(process.cwd(), join(ctx.distDir, 'assets')) || 'assets'}, wasm included`,
    },
  ];
}
