/**
 * The kiosk's own chunk (app/kiosk-parts.ts: boot, machines, valibot, idb), loaded while the attract screen is up,
 * holds every module that only it needs, instead of Rolldown's default of one shared chunk per combination of
 * later chunks (payment screens, staff mode, menu) that also use a module. Vite's loader appends one
 * `<link rel="modulepreload">` per chunk the kiosk's chunk imports, and on the cold start each cost the main
 * thread ~7 ms at 4× CPU slowdown: eight of them were most of what the split first screen added to the time to a
 * usable Start (README "Benchmarks"). The later chunks import these modules from the kiosk's chunk, which is
 * always loaded before them.
 */
import type { Plugin } from 'vite';

/** The modules reachable by static imports from `start`, given each module's static imports. */
export function staticGraph(start: readonly string[], importsOf: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...importsOf(id));
  }
  return seen;
}

/** The modules the kiosk's chunk needs that the first screen does not: the ones that go in the kiosk's chunk. */
export function kioskOnlyModules(
  ids: readonly string[],
  importsOf: (id: string) => readonly string[],
  isFirstScreenEntry: (id: string) => boolean,
  isKioskEntry: (id: string) => boolean,
): Set<string> {
  const firstScreen = staticGraph(ids.filter(isFirstScreenEntry), importsOf);
  const kiosk = staticGraph(ids.filter(isKioskEntry), importsOf);
  return new Set([...kiosk].filter((id) => !firstScreen.has(id)));
}

export const kioskChunkName = 'kiosk-parts';

/** The plugin that reads the module graph once it is complete, and the chunk group that captures its modules. */
export function kioskChunk(): { plugin: Plugin; group: { name: string; test: (id: string) => boolean; includeDependenciesRecursively: false } } {
  let members = new Set<string>();
  const plugin: Plugin = {
    name: 'tolov-kiosk-chunk',
    apply: 'build',
    buildEnd() {
      members = kioskOnlyModules(
        [...this.getModuleIds()],
        (id) => this.getModuleInfo(id)?.importedIds ?? [],
        (id) => /[\\/]src[\\/]app[\\/]main\.ts$/.test(id),
        (id) => /[\\/]src[\\/]app[\\/]kiosk-parts\.ts$/.test(id),
      );
    },
  };
  return {
    plugin,
    // Only the listed modules: the first screen's modules they import stay in the first screen's chunk. (Rolldown's
    // small runtime is a chunk of its own that no group captures: the kiosk's chunk loads as 2 files.)
    group: { name: kioskChunkName, test: (id) => members.has(id), includeDependenciesRecursively: false },
  };
}
