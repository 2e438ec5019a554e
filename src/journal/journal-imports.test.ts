import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsAcross, relativeImports, srcDir } from '../testing/import-graph.ts';

describe('the journal layer', () => {
  it('imports nothing from src/machines (its record types come from src/domain)', () => {
    expect(importsAcross('journal', ['machines'])).toEqual([]);
  });

  it('would notice an import from the machines, whatever its form', () => {
    const file = join(srcDir, 'journal', 'some-module.ts');
    // Spelled through a variable so this file itself holds no such import.
    const machines = '../machines';
    const source = [
      `import type { PaidWith } from '${machines}/payment-outcome.ts';`,
      `export { isScan2payPending } from '${machines}/method-errors.ts';`,
      `const lazy = () => import('${machines}/checkout.machine.ts');`,
      "import { openJournal } from './journal.ts';",
    ].join('\n');
    expect(relativeImports(file, source).map((edge) => edge.target)).toEqual([
      'machines/payment-outcome.ts',
      'machines/method-errors.ts',
      'journal/journal.ts',
      'machines/checkout.machine.ts',
    ]);
  });
});
