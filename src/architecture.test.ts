/**
 * The import rule the project has no linter for: app code (every non-test file under src/, outside
 * src/testing/) never imports test support from src/testing/ — fakes, fixtures and the test clock must not
 * reach the kiosk bundle. Test files and src/testing/ itself may import it; so may tests/, bench/ and scripts/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('.', import.meta.url));
const testingDir = join(srcDir, 'testing');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|svelte)$/.test(entry.name) ? [path] : [];
  });
}

const isTest = (path: string) => /\.test\.ts$/.test(path);
const inTesting = (path: string) => path === testingDir || path.startsWith(testingDir + '/');

/** Every module specifier in a file: static and dynamic imports, re-exports, `import.meta.glob` and `new URL`. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]/g,
    /\bimport\.meta\.glob\s*\(\s*\[?\s*['"`]([^'"`]+)['"`]/g,
    /\bnew\s+URL\s*\(\s*['"`]([^'"`]+)['"`]/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) if (match[1]) found.push(match[1]);
  return found;
}

/** Where a specifier points on disk, or null for a package. */
function target(file: string, specifier: string): string | null {
  const path = specifier.split('?')[0] ?? '';
  if (path.startsWith('.')) return resolve(dirname(file), path);
  if (path.startsWith('/src/')) return resolve(srcDir, '..', path.slice(1));
  return null;
}

/** The imports of src/testing/ made by app code, as "file → specifier". */
function testingImports(files: readonly string[], read: (file: string) => string): string[] {
  return files
    .filter((file) => !isTest(file) && !inTesting(file))
    .flatMap((file) =>
      specifiers(read(file))
        .filter((specifier) => {
          const to = target(file, specifier);
          return to !== null && inTesting(to);
        })
        .map((specifier) => `${relative(srcDir, file)} → ${specifier}`),
    );
}

describe('architecture', () => {
  it('app code under src/ imports nothing from src/testing/', () => {
    const files = sourceFiles(srcDir);
    expect(files.length).toBeGreaterThan(100);
    expect(testingImports(files, (file) => readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('sees every way a file can import test support', () => {
    const app = join(srcDir, 'app', 'example.ts');
    const lines = [
      "import { FakeGateway } from '../testing/fake-gateway.ts';",
      "import type { TestClock } from '../testing/clock.ts';",
      "export { fixture } from '../testing/fixtures.ts';",
      "import '../testing/journal.ts';",
      "const lazy = () => import('../testing/catalog.ts');",
      "const all = import.meta.glob('/src/testing/*.ts');",
      "import { tiyin } from '../money/money.ts';",
      "import { createActor } from 'xstate';",
    ];
    expect(testingImports([app], () => lines.join('\n'))).toHaveLength(6);
    // Test files and test support itself may import it.
    expect(testingImports([join(srcDir, 'app', 'example.test.ts'), join(testingDir, 'journal.ts')], () => lines.join('\n'))).toEqual([]);
  });
});
