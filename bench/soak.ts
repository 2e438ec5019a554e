/**
 * The soak: hundreds of checkouts in one page against the simulator, mixing every method with declines,
 * receipt errors that recover and a few unknowns that staff resolve in staff mode (DESIGN.md §1 rule 7).
 * Heap and DOM nodes after a forced GC at checkouts 10, 100 and N (the heap also from a heap snapshot without V8's
 * compiled code and feedback, see heap-snapshot.ts); after every checkout, back on the attract
 * screen, the live camera tracks, live timers and fetches in flight (counted by wrappers an init script puts
 * around getUserMedia, setTimeout/setInterval and fetch); at the end, every paid attempt in the journal has
 * exactly one receipt in the simulator and every unknown is still on the staff list or resolved by staff.
 *
 *   SOAK_CHECKOUTS=300 npm run bench     (default 300)
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type APIRequestContext, type Page, request as apiRequest } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/helpers/chromium.ts';
import { routeConfig } from '../tests/helpers/kiosk.ts';
import { simControl } from '../tests/helpers/sim-control.ts';
import type { BenchContext, BenchFigure } from './figure.ts';
import { summarizeHeapSnapshot, type HeapSummary } from './heap-snapshot.ts';
import { growthPercent, round } from './stats.ts';
import { staffPin } from '../tests/helpers/staff.ts';

export const soakGrowthBudgetPercent = 10;
/** Live timers on the attract screen the kiosk always keeps (the outbox sweep; a margin for the browser's own). */
export const liveTimerBudget = 3;

type Method = 'Click' | 'Payme' | 'Uzum' | 'Anor' | 'Humo' | 'UzCard' | 'Scan2pay';
export type Plan =
  | { kind: 'pay'; method: Method }
  | { kind: 'walletDecline'; method: Method }
  | { kind: 'pinpadDecline' }
  | { kind: 'receiptError'; method: Method }
  | { kind: 'unknown' };

const rotation: Method[] = ['Click', 'Payme', 'Uzum', 'Anor', 'Humo', 'UzCard', 'Scan2pay'];
const codes: Record<string, string> = {
  Click: '880101698207133392',
  Payme: '50501010793410469483',
  Uzum: '7993:5061401:01KFDH8Z2M3Q4R5S:3sySIUxrog+hhtBwUXquxn97N5k=',
  Anor: '3100123456789012345678901',
};
const products = ['Cappuccino', 'Americano', 'Green tea'];

/** What checkout i (1-based) of n does: mostly plain payments in rotation, some declines, receipt errors, 3 unknowns. */
export function planFor(i: number, n: number): Plan {
  // Every kind runs once before checkout 10 (the first sample), so later growth is not first-use code loading.
  const unknownAt = [5, Math.round(n / 2), Math.round((5 * n) / 6)].filter((k) => k !== 10 && k <= n);
  if (unknownAt.includes(i)) return { kind: 'unknown' };
  if (i % 20 === 7) return { kind: 'walletDecline', method: rotation[(i >> 1) % 4]! };
  if (i % 20 === 9) return { kind: 'pinpadDecline' };
  if (i % 25 === 8) return { kind: 'receiptError', method: rotation[i % 7]! };
  return { kind: 'pay', method: rotation[i % 7]! };
}

/** Counters the page keeps from its first script on: live timers, live camera tracks, fetches in flight. */
export const instrumentScript = `(() => {
  const live = new Set();
  const st = window.setTimeout, ct = window.clearTimeout, si = window.setInterval, ci = window.clearInterval;
  window.setTimeout = function (fn, ms, ...args) {
    const id = st.call(window, function () { live.delete(id); if (typeof fn === 'function') return fn.apply(this, args); }, ms);
    live.add(id);
    return id;
  };
  window.clearTimeout = function (id) { live.delete(id); return ct.call(window, id); };
  window.setInterval = function (fn, ms, ...args) { const id = si.call(window, fn, ms, ...args); live.add(id); return id; };
  window.clearInterval = function (id) { live.delete(id); return ci.call(window, id); };
  const tracks = new Set();
  const md = navigator.mediaDevices;
  if (md && md.getUserMedia) {
    const gum = md.getUserMedia.bind(md);
    md.getUserMedia = async (c) => { const s = await gum(c); s.getTracks().forEach((t) => tracks.add(t)); return s; };
  }
  let inFlight = 0;
  const f = window.fetch;
  window.fetch = function (...a) { inFlight++; return f.apply(this, a).finally(() => { inFlight--; }); };
  window.__soak = {
    timers: () => live.size,
    liveTracks: () => { let n = 0; for (const t of tracks) { if (t.readyState === 'live') n++; else tracks.delete(t); } return n; },
    tracksOpened: () => tracks.size,
    inFlight: () => inFlight,
  };
})();`;

interface Probe {
  timers: number;
  liveTracks: number;
  inFlight: number;
}

interface Sample {
  checkout: number;
  heapBytes: number;
  /** The heap snapshot taken right after heapBytes was read, summed by category. */
  snapshot: HeapSummary;
  domNodes: number;
  listeners: number;
}

async function probe(page: Page): Promise<Probe> {
  return page.evaluate(
    '({ timers: window.__soak.timers(), liveTracks: window.__soak.liveTracks(), inFlight: window.__soak.inFlight() })',
  ) as Promise<Probe>;
}

export async function runSoak(baseUrl: string, count: number, log: (line: string) => void = () => undefined) {
  const request: APIRequestContext = await apiRequest.newContext({ baseURL: baseUrl });
  const sim = simControl(request);
  await sim.reset();
  await sim.settings({ pinpadDelayMs: 0, scan2payPaidAfterPolls: 0 });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']),
  });
  // No service worker: it would serve its cached config.json after the reload below, past the routed test config.
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'en-US',
    viewport: { width: 1080, height: 1920 },
    serviceWorkers: 'block',
  });
  await context.grantPermissions(['camera'], { origin: baseUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript({ content: instrumentScript });
  await routeConfig(page, {
    defaultLocale: 'en',
    idleSeconds: 3600,
    timeouts: { walletSeconds: 3, receiptSeconds: 5 },
    scan2pay: { pollSeconds: 1 },
  });
  await page.goto('/config.json');
  await page.evaluate(`new Promise((r) => { const q = indexedDB.deleteDatabase('tolov-kiosk'); q.onsuccess = q.onerror = q.onblocked = () => r(); })`);
  await page.goto('/');
  const cdp = await context.newCDPSession(page);
  // The usable Start: the first screen shows it waiting (`aria-disabled`) until the kiosk behind it is ready, and a
  // round that goes on before then (a reload mid-payment) would race the kiosk's own recovery.
  const start = page.getByRole('button', { name: /Start/, disabled: false });
  await start.waitFor();

  const sample = async (checkout: number): Promise<Sample> => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
    const text = await takeHeapSnapshot();
    if (snapshotDir) writeFileSync(join(snapshotDir, `soak-${checkout}.heapsnapshot`), text);
    const snapshot = summarizeHeapSnapshot(text);
    return { checkout, heapBytes: heap.usedSize, snapshot, domNodes: dom.nodes, listeners: dom.jsEventListeners };
  };
  // SOAK_SNAPSHOTS=dir: also save that .heapsnapshot (DevTools format) at every sample.
  const snapshotDir = process.env['SOAK_SNAPSHOTS'];
  if (snapshotDir) mkdirSync(snapshotDir, { recursive: true });
  // Taken after the heap figure is read, so the raw figure is measured as before.
  const takeHeapSnapshot = async (): Promise<string> => {
    const chunks: string[] = [];
    const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    try {
      await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
      cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    }
    return chunks.join('');
  };
  // SOAK_SAMPLE_AT=25,50: more samples (logged, and snapshots with SOAK_SNAPSHOTS) besides 10, 100 and N.
  const extraSamples = (process.env['SOAK_SAMPLE_AT'] ?? '').split(',').map(Number).filter((k) => k > 0);

  const samples: Sample[] = [];
  const max: Probe = { timers: 0, liveTracks: 0, inFlight: 0 };
  const baseline = await probe(page);
  const kinds: Record<string, number> = {};
  const began = Date.now();

  const payWallet = async (method: Method) => {
    await page.getByRole('textbox').fill(codes[method]!);
    await page.getByRole('button', { name: 'Continue' }).click();
  };
  const payWith = async (method: Method) => {
    await page.getByRole('button', { name: method, exact: true }).click();
    if (method in codes) await payWallet(method);
  };
  const finish = async () => {
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Done', exact: true }).click();
  };
  const order = async (i: number) => {
    await start.click();
    await page.getByRole('button', { name: new RegExp(products[i % products.length]!) }).first().click();
    if (i % 3 === 0) await page.getByRole('button', { name: new RegExp(products[(i + 1) % products.length]!) }).first().click();
    await page.getByRole('button', { name: /^Pay/ }).click();
  };

  for (let i = 1; i <= count; i++) {
    const plan = planFor(i, count);
    kinds[plan.kind] = (kinds[plan.kind] ?? 0) + 1;
    await order(i);
    switch (plan.kind) {
      case 'pay':
        await payWith(plan.method);
        await finish();
        break;
      case 'walletDecline': {
        const call = plan.method.toLowerCase();
        await sim.fault(call, 'decline');
        await payWith(plan.method);
        await page.getByRole('button', { name: 'Choose another method' }).click();
        await payWith('Humo');
        await finish();
        break;
      }
      case 'pinpadDecline':
        await sim.fault('xumo', 'decline');
        await payWith('Humo');
        // Back on the method list with the terminal's reason; another method pays.
        await payWith('Click');
        await finish();
        break;
      case 'receiptError':
        await sim.fault('order_create', 'receipt_error', { code: 104 });
        await payWith(plan.method);
        await finish();
        break;
      case 'unknown': {
        await sim.fault('click', 'hang');
        await payWith('Click');
        await page.getByText(/call staff/i).first().waitFor({ timeout: 30_000 });
        await page.evaluate("location.hash = '#staff'");
        const keypad = page.getByRole('group', { name: 'PIN keypad' });
        for (const digit of staffPin) await keypad.getByRole('button', { name: digit, exact: true }).click();
        await page.getByRole('button', { name: 'OK', exact: true }).click();
        await page.getByRole('button', { name: 'Mark resolved' }).first().click();
        await page.getByRole('textbox', { name: /Reason/ }).fill('soak: customer paid another way');
        await page.getByRole('button', { name: 'Confirm: resolved' }).click();
        await page.getByRole('button', { name: 'Confirm: resolved' }).waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Close', exact: true }).first().click();
        break;
      }
    }
    await start.waitFor();
    const now = await probe(page);
    max.timers = Math.max(max.timers, now.timers);
    max.liveTracks = Math.max(max.liveTracks, now.liveTracks);
    max.inFlight = Math.max(max.inFlight, now.inFlight);
    if (i === 10 || i === 100 || i === count || extraSamples.includes(i)) {
      const s = await sample(i);
      samples.push(s);
      log(
        `  soak ${i}/${count}: heap ${round(s.heapBytes / 2 ** 20, 2)} MB (data ${round(s.snapshot.bytes.data / 2 ** 20, 2)}, ` +
          `code ${round(s.snapshot.bytes.code / 2 ** 20, 2)} MB), DOM nodes ${s.domNodes}, listeners ${s.listeners}, ` +
          `timers ${now.timers}, live tracks ${now.liveTracks}, ${round((Date.now() - began) / 1000, 0)} s`,
      );
    } else if (i % 50 === 0) {
      log(`  soak ${i}/${count}: ${round((Date.now() - began) / 1000, 0)} s`);
    }
  }
  const seconds = (Date.now() - began) / 1000;

  // After the memory samples (a reload starts a fresh heap): late Scan2pay money and a second window (DESIGN.md §1
  // rules 9 and 10). Each round shows a Scan2pay QR, then the page restarts (or the customer cancels, or a second
  // window opens) and the customer pays at the simulator afterwards; each must still end in exactly one receipt.
  await sim.settings({ scan2payPaidAfterPolls: null });
  const lateRounds = Math.max(1, Math.min(3, Math.round(count / 100)));
  const late = { restarts: 0, cancels: 0, secondTabs: 0, secondTabGatewayCalls: 0, secondTabShowedNotice: 0 };
  const lastOrderId = async (): Promise<string> => {
    const creates = await sim.requests('qr_pay');
    return String((creates.at(-1)?.body as { order_id?: unknown } | undefined)?.order_id ?? '');
  };
  const showQr = async (i: number): Promise<string> => {
    const before = (await sim.requests('qr_pay')).length;
    await order(i);
    await page.getByRole('button', { name: 'Scan2pay', exact: true }).click();
    await page.getByRole('img', { name: 'Payment QR code' }).waitFor();
    while ((await sim.requests('qr_pay')).length === before) await page.waitForTimeout(100);
    return lastOrderId();
  };
  for (let round = 0; round < lateRounds; round++) {
    // A restart while the QR is shown; paid after the kiosk is back.
    let orderId = await showQr(count + 3 * round + 1);
    await page.reload();
    await start.waitFor().catch(async (error: unknown) => {
      throw new Error(`no Start after the reload; the page says: ${(await page.locator('body').innerText()).slice(0, 300)}`, { cause: error });
    });
    await sim.payScan2pay(orderId);
    late.restarts++;
    // Cancelled (the final check says not paid yet); paid a moment later.
    orderId = await showQr(count + 3 * round + 2);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'How would you like to pay?' }).waitFor();
    await sim.payScan2pay(orderId);
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await start.waitFor();
    late.cancels++;
    // A second window opens while the QR is shown: it runs nothing; the customer pays in the first.
    orderId = await showQr(count + 3 * round + 3);
    const second = await context.newPage();
    second.on('request', (r) => {
      if (r.url().includes('/gateway/')) late.secondTabGatewayCalls++;
    });
    await routeConfig(second, { defaultLocale: 'en' });
    await second.goto('/');
    try {
      await second.getByRole('heading', { name: 'The kiosk is already open in another window' }).waitFor({ timeout: 10_000 });
      late.secondTabShowedNotice++;
    } catch {
      // Counted as not shown.
    }
    await sim.payScan2pay(orderId);
    await finish();
    await second.close();
    late.secondTabs++;
  }
  // The watcher asks with backoff (2, 4, 8, 15 … s): give the late payments time to be found and receipted.
  const settleDeadline = Date.now() + 90_000;
  while (Date.now() < settleDeadline) {
    const open = (await page.evaluate(`new Promise((resolve) => {
      const q = indexedDB.open('tolov-kiosk');
      q.onsuccess = () => { const g = q.result.transaction('attempts').objectStore('attempts').getAll();
        g.onsuccess = () => { resolve(g.result.filter((a) => a.method === 'scan2pay' && !['done', 'declined', 'resolved'].includes(a.status)).length); q.result.close(); }; };
      q.onerror = () => resolve(-1);
    })`)) as number;
    if (open === 0) break;
    await page.waitForTimeout(1_000);
  }

  // The money check: the journal (read in the page) against the simulator's receipts.
  const attempts = (await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('tolov-kiosk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('attempts').objectStore('attempts').getAll();
      get.onsuccess = () => { resolve(get.result.map((a) => ({ id: a.id, status: a.status }))); open.result.close(); };
      get.onerror = () => reject(get.error);
    };
  })`)) as { id: string; status: string }[];
  const state = (await sim.state()) as { receipts: { uuid: string | null }[] };
  const receiptsByUuid = new Map<string, number>();
  for (const r of state.receipts) if (r.uuid) receiptsByUuid.set(r.uuid, (receiptsByUuid.get(r.uuid) ?? 0) + 1);
  const paid = attempts.filter((a) => ['paid', 'receipted', 'done'].includes(a.status));
  const paidWithoutOneReceipt = paid.filter((a) => receiptsByUuid.get(a.id) !== 1).length;
  const attemptIds = new Set(attempts.map((a) => a.id));
  const strayReceipts = state.receipts.filter((r) => !r.uuid || !attemptIds.has(r.uuid)).length;
  const unknownLeft = attempts.filter((a) => a.status === 'unknown').length;
  const resolved = attempts.filter((a) => a.status === 'resolved').length;

  await browser.close();
  await request.dispose();
  const unsettledLeft = attempts.filter((a) => a.status === 'unsettled').length;
  return { count, seconds, samples, max, baseline, kinds, paid: paid.length, paidWithoutOneReceipt, strayReceipts, unknownLeft, resolved, attempts: attempts.length, errors, late, unsettledLeft };
}

export async function run(ctx: BenchContext, log: (line: string) => void = console.log): Promise<BenchFigure[]> {
  const count = Number(process.env['SOAK_CHECKOUTS'] ?? 300);
  const r = await runSoak(ctx.baseUrl, count, log);
  const first = r.samples.find((s) => s.checkout === 10) ?? r.samples[0]!;
  const last = r.samples.at(-1)!;
  const mid = r.samples.find((s) => s.checkout === 100);
  const mb = (b: number) => round(b / 2 ** 20, 2);
  const kb = (b: number) => round(b / 2 ** 10, 0);
  const path = (of: (s: Sample) => number, unit: (b: number) => number) =>
    [first, mid, last].filter((s) => s !== undefined).map((s) => unit(of(s))).join(' → ');
  const mix = Object.entries(r.kinds).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    {
      name: `Soak: JS heap growth, checkout 10 → ${count}`,
      value: round(growthPercent(first.heapBytes, last.heapBytes)),
      unit: '%',
      budget: { max: soakGrowthBudgetPercent },
      note:
        `${mb(first.heapBytes)} → ${mid ? `${mb(mid.heapBytes)} → ` : ''}${mb(last.heapBytes)} MB after GC; ${count} checkouts in ${round(r.seconds / 60, 1)} min (${mix}); ` +
        'mostly V8 compiled code tiering up and the 200-entry gateway trace filling (bounded); see the data-only figure',
    },
    {
      name: `Soak: JS heap growth excluding compiled code, checkout 10 → ${count}`,
      value: round(growthPercent(first.snapshot.bytes.data, last.snapshot.bytes.data)),
      unit: '%',
      budget: { max: soakGrowthBudgetPercent },
      note:
        `${path((s) => s.snapshot.bytes.data, mb)} MB: V8 heap snapshot after GC without compiled code ` +
        `(${path((s) => s.snapshot.bytes.code, kb)} KB excluded: 'code' nodes — machine code, bytecode, feedback vectors/metadata, ` +
        'SharedFunctionInfo, ScopeInfo… — and DependentCode/deopt lists); Blink objects and external strings are outside the JS heap either way',
    },
    {
      name: `Soak: DOM node growth, checkout 10 → ${count}`,
      value: round(growthPercent(first.domNodes, last.domNodes)),
      unit: '%',
      budget: { max: soakGrowthBudgetPercent },
      note: `${first.domNodes} → ${mid ? `${mid.domNodes} → ` : ''}${last.domNodes} nodes (CDP DOM counters, detached included); listeners ${first.listeners} → ${last.listeners}`,
    },
    {
      name: 'Soak: live camera tracks on attract (max)',
      value: r.max.liveTracks,
      unit: 'count',
      budget: { max: 0 },
      note: 'after every checkout; fake camera, opened on each wallet screen',
    },
    {
      name: 'Soak: live timers on attract (max)',
      value: r.max.timers,
      unit: 'count',
      budget: { max: liveTimerBudget },
      note: `setTimeout/setInterval not yet fired or cleared; ${r.baseline.timers} on the first attract screen`,
    },
    {
      name: 'Soak: fetches in flight on attract (max)',
      value: r.max.inFlight,
      unit: 'count',
      budget: { max: 0 },
      note: 'no poll or charge left running by a finished checkout',
    },
    {
      name: 'Soak: paid attempts without exactly one receipt',
      value: r.paidWithoutOneReceipt + r.strayReceipts,
      unit: 'count',
      budget: { max: 0 },
      note:
        `${r.paid} paid attempts of ${r.attempts} in the journal; ${r.strayReceipts} receipts with no attempt; ` +
        `includes ${r.late.restarts} restarts mid-Scan2pay and ${r.late.cancels} cancels, each paid afterwards, and ` +
        `${r.late.secondTabs} payments with a second window open; ${r.unsettledLeft} Scan2pay attempts still watched`,
    },
    {
      name: 'Soak: gateway calls from a second window',
      value: r.late.secondTabGatewayCalls + (r.late.secondTabs - r.late.secondTabShowedNotice),
      unit: 'count',
      budget: { max: 0 },
      note: `${r.late.secondTabs} second windows opened while a Scan2pay QR was shown; ${r.late.secondTabShowedNotice} said the kiosk is already open (a window that did not counts 1)`,
    },
    {
      name: 'Soak: unknowns neither on the staff list nor resolved',
      value: r.kinds['unknown']! - r.unknownLeft - r.resolved < 0 ? 0 : r.kinds['unknown']! - r.unknownLeft - r.resolved,
      unit: 'count',
      budget: { max: 0 },
      note: `${r.kinds['unknown'] ?? 0} unknowns: ${r.resolved} resolved by staff in staff mode, ${r.unknownLeft} still listed${r.errors.length ? `; page errors: ${r.errors.slice(0, 3).join(' / ')}` : ''}`,
    },
  ];
}
