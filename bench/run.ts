/**
 * `npm run bench`: builds the kiosk once, serves it with the simulator on its own port, runs every bench
 * module, prints one table and writes bench/results.json. A figure over budget prints FAIL but the exit code
 * stays 0; only a bench that crashed makes it non-zero.
 *
 *   npm run bench                       all benches, 300-checkout soak
 *   SOAK_CHECKOUTS=50 npm run bench     a shorter soak
 *   BENCH_ONLY=bundle,cold npm run bench
 *   BENCH_PORT=4300 BENCH_DIST=dist-bench
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withinBudget, type BenchContext, type BenchFigure } from './figure.ts';
import { buildAndServe } from './serve.ts';
import { formatTable } from './stats.ts';
import { decodeFigures } from './decode-figures.ts';

interface Bench {
  id: string;
  title: string;
  /** A colleague's module that may not exist yet. */
  file?: string;
  load(): Promise<(ctx: BenchContext) => Promise<BenchFigure[]>>;
}

const here = import.meta.dirname;

/** Imports bench/<file> if it exists; its `run(ctx)` is the bench. */
function optional(file: string): () => Promise<(ctx: BenchContext) => Promise<BenchFigure[]>> {
  return async () => {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: (ctx: BenchContext) => Promise<BenchFigure[]> };
    if (typeof mod.run !== 'function') throw new Error(`${file} exports no run(ctx)`);
    return mod.run;
  };
}

const benches: Bench[] = [
  { id: 'bundle', title: 'bundle size', load: async () => (await import('./bundle-size.ts')).run },
  { id: 'cold', title: 'cold start', load: async () => (await import('./cold-start.ts')).run },
  { id: 'decode', title: 'decode engines', load: async () => () => decodeFigures() },
  { id: 'scan', title: 'scan latency', file: 'scan-latency.ts', load: optional('scan-latency.ts') },
  { id: 'scan2pay', title: 'Scan2pay latency', file: 'scan2pay-latency.ts', load: optional('scan2pay-latency.ts') },
  { id: 'soak', title: 'soak', load: async () => (ctx) => import('./soak.ts').then((m) => m.run(ctx)) },
];

async function main(): Promise<number> {
  const only = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim());
  const port = Number(process.env['BENCH_PORT'] ?? 4300);
  const started = Date.now();
  console.log(`Building into ${process.env['BENCH_DIST'] ?? 'dist-bench'} and serving on port ${port}…`);
  const served = await buildAndServe({ port, outDir: process.env['BENCH_DIST'] ?? 'dist-bench' });
  const ctx: BenchContext = { baseUrl: served.baseUrl, distDir: served.distDir };
  const figures: BenchFigure[] = [];
  const notes: string[] = [];
  const crashed: string[] = [];
  const timings: Record<string, number> = {};
  try {
    for (const bench of benches) {
      if (only && !only.includes(bench.id)) continue;
      if (bench.file && !existsSync(join(here, bench.file))) {
        notes.push(`${bench.title}: skipped, bench/${bench.file} is not there yet`);
        continue;
      }
      const t0 = Date.now();
      console.log(`▶ ${bench.title}`);
      try {
        const run = await bench.load();
        const result = await run(ctx);
        figures.push(...result);
      } catch (error) {
        crashed.push(bench.title);
        notes.push(`${bench.title}: CRASHED — ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        console.error(`✖ ${bench.title} crashed:`, error);
      }
      timings[bench.id] = Math.round((Date.now() - t0) / 1000);
      console.log(`  ${bench.title}: ${timings[bench.id]} s`);
    }
  } finally {
    await served.stop();
  }

  console.log('');
  console.log(formatTable(figures));
  for (const note of notes) console.log(`\n${note}`);
  const failed = figures.filter((f) => withinBudget(f) === false);
  console.log(
    `\n${figures.length} figures, ${failed.length} over budget${failed.length ? ` (FAIL: ${failed.map((f) => f.name).join('; ')})` : ''}, ` +
      `${crashed.length} crashed; ${Math.round((Date.now() - started) / 1000)} s`,
  );
  writeFileSync(
    join(here, 'results.json'),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        figures: figures.map((f) => ({ ...f, pass: withinBudget(f) })),
        notes,
        crashed,
        secondsPerBench: timings,
      },
      null,
      2,
    ) + '\n',
  );
  return crashed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
