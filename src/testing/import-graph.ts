/**
 * Reads which modules a folder's files import, for the layering tests (journal/ imports nothing from machines/,
 * domain/ nothing above it). Test support only: it reads the source files from disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `src/`, absolute. */
export const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every module specifier in a TypeScript or Svelte source: `import … from`, `export … from`, side-effect
 * imports, `import type`, dynamic `import('…')`, and the files Vite bundles by `import.meta.glob('…')` and
 * `new URL('…', import.meta.url)`.
 */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\.meta\.glob\s*\(\s*\[?\s*['"]([^'"]+)['"]/g,
    /\bnew\s+URL\s*\(\s*['"]([^'"]+)['"]/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) if (match[1]) found.push(match[1]);
  return found;
}

/** The .ts and .svelte files under `dir` (absolute), tests included. */
export function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFilesUnder(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

export interface ImportEdge {
  /** The importing file, relative to `src/`. */
  file: string;
  specifier: string;
  /** The imported module, relative to `src/` (relative specifiers only; packages are left out). */
  target: string;
}

/**
 * The imports of `source` (a file at `file`, absolute) within the project, resolved against `src/`: relative
 * specifiers and Vite's root-absolute `/src/…` ones (a `?raw`-style query is dropped).
 */
export function relativeImports(file: string, source: string): ImportEdge[] {
  return importSpecifiers(source)
    .filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/src/'))
    .map((specifier) => {
      const path = specifier.split('?')[0] ?? '';
      const target = path.startsWith('/src/') ? path.slice('/src/'.length) : relative(srcDir, resolve(dirname(file), path));
      return { file: relative(srcDir, file), specifier, target: target.split('\\').join('/') };
    });
}

/** The imports from files under `src/<from>` into any of the `src/<layer>/` folders given. */
export function importsAcross(from: string, layers: readonly string[]): ImportEdge[] {
  return sourceFilesUnder(join(srcDir, from))
    .flatMap((file) => relativeImports(file, readFileSync(file, 'utf8')))
    .filter((edge) => layers.some((layer) => edge.target.startsWith(`${layer}/`)));
}
