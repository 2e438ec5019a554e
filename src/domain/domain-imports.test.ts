import { describe, expect, it } from 'vitest';
import { importsAcross } from '../testing/import-graph.ts';

describe('the domain layer', () => {
  it('is the bottom layer: imports nothing from the machines, the journal, the app or the screens', () => {
    expect(importsAcross('domain', ['machines', 'journal', 'app', 'screens'])).toEqual([]);
  });
});
