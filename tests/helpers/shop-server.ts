/**
 * The kiosk as a shop runs it, for the e2e tests: `npm run serve` on a copy of the e2e build (with a config
 * written by the test) and the gateway simulator started on its own (`npm run sim`), allowing only the kiosk's
 * origin. Ports: the e2e port + 100 (the kiosk) and + 200 (the simulator), so parallel runs never meet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const e2ePort = Number(process.env['E2E_PORT'] ?? 4174);
const e2eDist = resolve(root, process.env['E2E_DIST'] ?? 'dist-e2e');

export const shopPort = e2ePort + 100;
export const simPort = e2ePort + 200;
export const shopOrigin = `http://127.0.0.1:${shopPort}`;
export const simOrigin = `http://127.0.0.1:${simPort}`;

export interface ShopServers {
  /** The copy of the build being served; a test may edit it (config.json, sw.js). */
  dist: string;
  stop(): Promise<void>;
}

function start(args: string[]): ChildProcess {
  // Its own process group, so stop() ends npm and the server it runs together (by this group's id only).
  return spawn('npm', args, { cwd: root, detached: true, stdio: 'ignore' });
}

async function waitFor(url: string): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Copies the e2e build, writes its config (the demo config merged with `config`), and starts both servers. */
export async function startShop(name: string, config: Record<string, unknown>): Promise<ShopServers> {
  const dist = resolve(root, 'test-results', String(e2ePort), `shop-${name}`);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  cpSync(e2eDist, dist, { recursive: true });
  const demo = JSON.parse(readFileSync(resolve(root, 'public', 'config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(resolve(dist, 'config.json'), JSON.stringify({ ...demo, ...config }, null, 2));

  const sim = start(['run', 'sim', '--', '--port', String(simPort), '--allow-origin', shopOrigin, '--seed', '7']);
  const shop = start(['run', 'serve', '--', '--port', String(shopPort), '--dist', dist]);
  const children = [sim, shop];
  const stop = async () => {
    for (const child of children) {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    await new Promise((r) => setTimeout(r, 300));
  };
  try {
    await Promise.all([waitFor(`${simOrigin}/__sim/state`), waitFor(`${shopOrigin}/config.json`)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dist, stop };
}

/** POSTs to the standalone simulator's control API (from Node: no Origin, so always allowed). */
export async function simPost(path: string, body: unknown = {}): Promise<unknown> {
  const res = await fetch(`${simOrigin}/__sim${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sim ${path}: HTTP ${res.status}`);
  return res.json();
}

export async function simState(): Promise<Record<string, unknown>> {
  return (await (await fetch(`${simOrigin}/__sim/state`)).json()) as Record<string, unknown>;
}
