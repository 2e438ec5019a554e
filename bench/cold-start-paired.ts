/**
 * Compares the cold start of two served builds, the way issue 17's "not slower" was measured: loads alternate
 * between them (A B, then B A, …) in one browser, so the machine's drift hits both alike, and the difference of
 * the medians is printed. One load spreads ±300 ms on a 2-core machine: run several batches.
 *
 *   npx vite build --outDir /tmp/new && npx vite preview --mode simulator --outDir /tmp/new --port 5320
 *   (the same for the other tree, on another port), then
 *   npx tsx bench/cold-start-paired.ts http://127.0.0.1:5320 http://127.0.0.1:5301 15
 */
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/helpers/chromium.ts';
import { measureColdStart } from './cold-start.ts';
import { median } from './stats.ts';

async function main(): Promise<void> {
  const [a, b, countText] = process.argv.slice(2);
  if (!a || !b) throw new Error('usage: tsx bench/cold-start-paired.ts URL_A URL_B [loads per side, default 15]');
  const loads = Number(countText ?? 15);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs() });
  try {
    // One unmeasured load each: Chromium's own start-up and the servers' first compression are not the kiosk's.
    await measureColdStart(a, browser);
    await measureColdStart(b, browser);
    const timesA: number[] = [];
    const timesB: number[] = [];
    for (let i = 0; i < loads; i++) {
      const order: [string, number[]][] = i % 2 === 0 ? [[a, timesA], [b, timesB]] : [[b, timesB], [a, timesA]];
      for (const [url, times] of order) times.push(await measureColdStart(url, browser));
    }
    const show = (times: number[]) => `median ${Math.round(median(times))} ms [${times.map(Math.round).join(', ')}]`;
    console.log(`A ${a}: ${show(timesA)}`);
    console.log(`B ${b}: ${show(timesB)}`);
    console.log(`A − B: ${Math.round(median(timesA) - median(timesB))} ms`);
  } finally {
    await browser.close();
  }
}

await main();
