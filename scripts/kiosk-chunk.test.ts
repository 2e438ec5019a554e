import { describe, expect, it } from 'vitest';
import { kioskOnlyModules, staticGraph } from './kiosk-chunk.ts';

// main → App → i18n; main imports kiosk-parts only dynamically (not in the graph); kiosk-parts → boot → journal,
// boot → i18n (shared with the first screen); staff → journal (a later chunk sharing the kiosk's module).
const imports: Record<string, string[]> = {
  '/p/src/app/main.ts': ['/p/src/app/App.svelte'],
  '/p/src/app/App.svelte': ['/p/src/i18n/i18n.ts'],
  '/p/src/i18n/i18n.ts': [],
  '/p/src/app/kiosk-parts.ts': ['/p/src/app/boot.ts'],
  '/p/src/app/boot.ts': ['/p/src/journal/journal.ts', '/p/src/i18n/i18n.ts', '/p/src/app/boot.ts'],
  '/p/src/journal/journal.ts': ['/p/node_modules/idb/index.js'],
  '/p/node_modules/idb/index.js': [],
  '/p/src/staff/StaffMode.svelte': ['/p/src/journal/journal.ts', '/p/src/staff/tabs.ts'],
  '/p/src/staff/tabs.ts': [],
};
const ids = Object.keys(imports);
const importsOf = (id: string) => imports[id] ?? [];

describe('staticGraph', () => {
  it('follows static imports transitively, once each (cycles included)', () => {
    expect([...staticGraph(['/p/src/app/kiosk-parts.ts'], importsOf)].sort()).toEqual([
      '/p/node_modules/idb/index.js',
      '/p/src/app/boot.ts',
      '/p/src/app/kiosk-parts.ts',
      '/p/src/i18n/i18n.ts',
      '/p/src/journal/journal.ts',
    ]);
  });
});

describe('kioskOnlyModules', () => {
  it("takes the kiosk chunk's graph without the first screen's modules, and nothing only a later chunk needs", () => {
    const members = kioskOnlyModules(
      ids,
      importsOf,
      (id) => id.endsWith('/src/app/main.ts'),
      (id) => id.endsWith('/src/app/kiosk-parts.ts'),
    );
    expect([...members].sort()).toEqual([
      '/p/node_modules/idb/index.js',
      '/p/src/app/boot.ts',
      '/p/src/app/kiosk-parts.ts',
      '/p/src/journal/journal.ts',
    ]);
  });
});
