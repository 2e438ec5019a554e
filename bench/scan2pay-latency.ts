/**
 * Scan2pay: how long after the payment lands at the gateway the kiosk shows "paid". Measured from the moment
 * `POST /__sim/scan2pay/pay` returns to the first frame showing the receipt screen ("Payment accepted") or
 * the done screen, whichever comes first. The kiosk only learns of the payment from its next status poll, so
 * the wait is up to one poll interval plus the status call and the screen change: the budget is the poll
 * interval + 300 ms. The landing times are spread evenly over one poll interval, so the median sits near
 * half an interval and the max near a whole one.
 *
 *   npx tsx bench/scan2pay-latency.ts     (builds into dist-bench-4304 and serves it on port 4304)
 *
 * bench/run.ts calls `run(ctx)` with its own build and server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/helpers/chromium.ts';
import { withinBudget, type BenchContext, type BenchFigure } from './figure.ts';
import { sim, simRequests } from './sim-client.ts';

const runs = 10;
/** The default poll interval, as a kiosk ships. */
const pollSeconds = 2;
const budgetMs = pollSeconds * 1000 + 300;

const demoConfig = JSON.parse(readFileSync(new URL('../public/config.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

interface Sample {
  /** Payment landed (control API returned) → paid screen painted. */
  latencyMs: number;
  /** The successful status answer (simulator log time) → paid screen painted: the kiosk's own part. */
  afterStatusMs: number | null;
  /** Landing offset after the QR appeared. */
  offsetMs: number;
}

/** A logged Scan2Pay call; `answer` is the simulator's reply kind (e.g. 'success'). */
type LoggedCall = { body: unknown; at: string; answer: string };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** One payment: a fresh simulator and journal, a cappuccino, Scan2pay, paid `offsetMs` after the QR shows. */
async function measureOne(page: Page, baseUrl: string, offsetMs: number): Promise<Sample> {
  await sim(baseUrl, '/reset', {});
  await page.goto(`${baseUrl}/config.json`);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase('tolov-kiosk');
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      }),
  );
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: /Cappuccino/ }).first().click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: 'Scan2pay', exact: true }).click();
  await page.getByRole('img', { name: 'Payment QR code' }).waitFor();

  // Notes the wall-clock time of the first frame that shows the receipt or done screen. A string, so no
  // transpiler helper (tsx's __name) leaks into the page.
  await page.evaluate(`(() => {
    window.__paidShownAt = null;
    const observer = new MutationObserver(() => {
      const headings = [...document.querySelectorAll('h1')].map((h) => (h.textContent || '').trim());
      if (!headings.includes('Payment accepted') && !headings.includes('Thank you!')) return;
      observer.disconnect();
      requestAnimationFrame(() => { window.__paidShownAt = Date.now(); });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);

  const [create] = await simRequests<LoggedCall>(baseUrl, 'qr_pay');
  const orderId = String((create?.body as { order_id: unknown }).order_id);
  await new Promise((resolve) => setTimeout(resolve, offsetMs));
  await sim(baseUrl, '/scan2pay/pay', { order_id: orderId });
  const landedAt = Date.now();

  // Read by polling: the page's CSP (no 'unsafe-eval') refuses waitForFunction's string predicate, and the time
  // itself is stamped in the page, so how often it is read does not change the figure.
  let shownAt: number | null = null;
  for (const deadline = Date.now() + 30_000; shownAt === null; await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > deadline) throw new Error('the paid screen did not show within 30 s');
    shownAt = (await page.evaluate('window.__paidShownAt')) as number | null;
  }
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();

  const paidStatus = (await simRequests<LoggedCall>(baseUrl, 'qr_pay_status')).find((r) => r.answer === 'success');
  return {
    latencyMs: shownAt - landedAt,
    afterStatusMs: paidStatus ? shownAt - Date.parse(paidStatus.at) : null,
    offsetMs,
  };
}

export async function run(ctx: BenchContext): Promise<BenchFigure[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs() });
  try {
    // The offline shell's service worker would answer config.json from its cache, past the route below.
    const page = await browser.newPage({
      viewport: { width: 1080, height: 1920 },
      locale: 'en-US',
      serviceWorkers: 'block',
    });
    const config = { ...demoConfig, defaultLocale: 'en', scan2pay: { pollSeconds, expirySeconds: 120 } };
    await page.route('**/config.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }),
    );
    // One warm-up payment (first load, caches), not counted.
    await measureOne(page, ctx.baseUrl, 500);
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      // Landing times spread evenly over one poll interval.
      samples.push(await measureOne(page, ctx.baseUrl, Math.round(((i + 0.5) * pollSeconds * 1000) / runs)));
    }
    const latencies = samples.map((s) => s.latencyMs);
    const kioskPart = samples.map((s) => s.afterStatusMs).filter((v): v is number => v !== null);
    const note = `n=${runs}, poll ${pollSeconds} s, landing spread evenly over one poll interval`;
    return [
      {
        name: 'Scan2pay paid at gateway → kiosk shows paid (median)',
        value: Math.round(median(latencies)),
        unit: 'ms',
        budget: { max: budgetMs },
        note: `${note}; budget = poll interval + 300 ms`,
      },
      {
        name: 'Scan2pay paid at gateway → kiosk shows paid (max)',
        value: Math.round(Math.max(...latencies)),
        unit: 'ms',
        budget: null,
        note: `${note}; a payment just after a poll waits a whole interval`,
      },
      {
        name: 'Scan2pay "paid" status answer → paid screen (median)',
        value: Math.round(median(kioskPart)),
        unit: 'ms',
        budget: null,
        note: `the kiosk's own part (journal write + screen), n=${kioskPart.length}; simulator log time`,
      },
    ];
  } finally {
    await browser.close();
  }
}

/** Builds the kiosk into `distDir` and serves it (with the simulator) on `port` until `stop()`. */
async function serveBuild(port: number, distDir: string): Promise<{ baseUrl: string; stop: () => void }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await new Promise<void>((resolve, reject) => {
    const build = spawn('npx', ['vite', 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    build.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    build.on('error', reject);
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}\n${errors}`))));
  });
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--mode', 'simulator', '--outDir', distDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, stdio: ['ignore', 'ignore', 'ignore'], detached: true },
  );
  const stop = () => {
    if (server.pid !== undefined && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${baseUrl}/config.json`)).ok) return { baseUrl, stop };
    } catch {
      // not up yet
    }
    if (tries > 200 || server.exitCode !== null) {
      stop();
      throw new Error(`vite preview did not come up on ${baseUrl}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const distDir = 'dist-bench-4304';
  const { baseUrl, stop } = await serveBuild(4304, distDir);
  try {
    for (const figure of await run({ baseUrl, distDir })) {
      const verdict = withinBudget(figure);
      const budget = figure.budget?.max !== undefined ? ` (budget ≤ ${figure.budget.max} ${figure.unit})` : '';
      console.log(
        `${verdict === false ? 'OVER ' : verdict ? 'ok   ' : '     '}${figure.name}: ${figure.value} ${figure.unit}${budget} — ${figure.note ?? ''}`,
      );
    }
  } finally {
    stop();
  }
}
