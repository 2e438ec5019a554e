/**
 * Screenshots of the main screens for the README, in portrait (1080×1920) and landscape (1280×800), into
 * docs/screenshots/. Builds the kiosk into its own dir, serves it with the simulator on its own port (so it never
 * meets a test run or `npm start`), drives Debian's Chromium with its built-in fake camera, and shrinks
 * each PNG to a 256-colour palette with ffmpeg (flat UI colours survive; files stay well under 150 KB).
 *
 *     npx tsx scripts/screenshots.ts [--port 4219]
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/helpers/chromium.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4219;
const dist = 'dist-screenshots';
const outDir = join(root, 'docs', 'screenshots');
const base = `http://127.0.0.1:${port}`;

const viewports = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1280, height: 800 },
] as const;

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/config.json`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the preview server did not start on ${base}`);
}

async function shrink(file: string): Promise<void> {
  const tmp = `${file}.tmp.png`;
  await run('ffmpeg', [
    '-v', 'error', '-y', '-i', file,
    '-vf', 'split[a][b];[a]palettegen=max_colors=256:stats_mode=full[p];[b][p]paletteuse=dither=none',
    tmp,
  ]);
  renameSync(tmp, file);
}

async function sim(path: string, body: unknown = {}): Promise<void> {
  await fetch(`${base}/__sim${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function openFresh(page: Page): Promise<void> {
  await sim('/reset');
  await sim('/settings', { pinpadDelayMs: 0 });
  await page.goto('/config.json');
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const request = indexedDB.deleteDatabase('tolov-kiosk');
        request.onsuccess = request.onerror = request.onblocked = () => done();
      }),
  );
  await page.goto('/');
  await page.getByRole('button', { name: /Start/ }).waitFor();
}

async function shoot(page: Page, name: string, viewport: string): Promise<void> {
  // Let fonts, images and the entry transitions settle.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  const file = join(outDir, `${name}-${viewport}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  await shrink(file);
  console.log(`${file.slice(root.length + 1)}  ${Math.round(statSync(file).size / 1024)} KB`);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await run('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root });
  const server = spawn('npx', ['vite', 'preview', '--mode', 'simulator', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  try {
    await waitForServer();
    // Chromium's own test pattern: a live camera picture with no code in it, so the wallet screen stays put.
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']),
    });
    try {
      for (const viewport of viewports) {
        const context = await browser.newContext({
          baseURL: base,
          viewport: { width: viewport.width, height: viewport.height },
          locale: 'en-US',
          serviceWorkers: 'block',
          reducedMotion: 'reduce',
        });
        await context.grantPermissions(['camera']);
        const page = await context.newPage();
        const demo = (await (await fetch(`${base}/config.json`)).json()) as Record<string, unknown>;
        await page.route('**/config.json', (route) =>
          route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...demo, defaultLocale: 'en' }) }),
        );

        await openFresh(page);
        await shoot(page, 'attract', viewport.name);

        await page.getByRole('button', { name: /Start/ }).click();
        for (const product of ['Cappuccino', 'Tandoor samsa', 'Cheesecake', 'Cappuccino']) {
          await page.getByRole('button', { name: new RegExp(product) }).first().click();
        }
        await shoot(page, 'menu-cart', viewport.name);

        await page.getByRole('button', { name: /^Pay/ }).click();
        await page.getByRole('button', { name: 'Click', exact: true }).waitFor();
        await shoot(page, 'choose-method', viewport.name);

        await page.getByRole('button', { name: 'Click', exact: true }).click();
        await page.getByRole('textbox').waitFor();
        await page.getByText(/Hold the QR code/).waitFor();
        await shoot(page, 'wallet-scan', viewport.name);
        await page.getByRole('button', { name: 'Cancel' }).click();

        await page.getByRole('button', { name: 'Scan2pay', exact: true }).click();
        await page.getByRole('img', { name: 'Payment QR code' }).waitFor();
        await shoot(page, 'scan2pay', viewport.name);
        await page.getByRole('button', { name: 'Cancel' }).click();

        await page.getByRole('button', { name: 'Humo', exact: true }).click();
        await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
        await shoot(page, 'done', viewport.name);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

await main();
