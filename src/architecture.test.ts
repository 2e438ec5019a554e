/**
 * The import rule the project has no linter for: app code (every non-test file under src/, outside
 * src/testing/) never imports test support from src/testing/, so fakes, fixtures and the test clock cannot
 * reach the kiosk bundle. Test files and src/testing/ itself may import it; so may tests/, bench/ and scripts/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeImports, sourceFilesUnder, srcDir } from './testing/import-graph.ts';

const isTest = (file: string) => file.endsWith('.test.ts');
const isTestSupport = (srcPath: string) => srcPath === 'testing' || srcPath.startsWith('testing/');

/** The imports of src/testing/ made by app code, as "file → specifier". */
function testingImports(files: readonly string[], read: (file: string) => string): string[] {
  return files
    .filter((file) => !isTest(file))
    .flatMap((file) => relativeImports(file, read(file)))
    .filter((edge) => !isTestSupport(edge.file) && isTestSupport(edge.target))
    .map((edge) => `${edge.file} → ${edge.specifier}`);
}

describe('architecture', () => {
  it('app code under src/ imports nothing from src/testing/', () => {
    const files = sourceFilesUnder(srcDir);
    expect(files.length).toBeGreaterThan(100);
    expect(testingImports(files, (file) => readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('would notice every way a file can import test support', () => {
    const source = [
      "import { FakeGateway } from '../testing/fake-gateway.ts';",
      "import type { TestClock } from '../testing/clock.ts';",
      "export { fixture } from '../testing/fixtures.ts';",
      "import '../testing/journal.ts';",
      "const lazy = () => import('../testing/catalog.ts');",
      "const all = import.meta.glob('/src/testing/*.ts');",
      "import { tiyin } from '../money/money.ts';",
      "import { createActor } from 'xstate';",
    ].join('\n');
    expect(testingImports([join(srcDir, 'app', 'some-module.ts')], () => source)).toHaveLength(6);
    // Test files and test support itself may import it.
    expect(testingImports([join(srcDir, 'app', 'some-module.test.ts'), join(srcDir, 'testing', 'journal.ts')], () => source)).toEqual([]);
  });
});
