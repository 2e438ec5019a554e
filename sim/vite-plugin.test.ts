import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connect } from 'vite';
import { gatewaySimulatorPlugin } from './vite-plugin.ts';
import type { GatewaySimulator } from './simulator.ts';

type Middleware = Connect.NextHandleFunction;

/** A connect-like server: runs the plugin's middlewares in order, then answers 404 "vite" as Vite would. */
async function serveThroughPlugin(hook: 'configureServer' | 'configurePreviewServer', mode = 'simulator') {
  const middlewares: Middleware[] = [];
  const sims: GatewaySimulator[] = [];
  const plugin = gatewaySimulatorPlugin({ seed: 1, settings: { pinpadDelayMs: 0 }, onSimulator: (sim) => sims.push(sim) });
  const resolved = plugin.configResolved;
  if (typeof resolved === 'function') await (resolved as (this: unknown, config: unknown) => unknown).call({}, { mode });
  const fakeServer = { middlewares: { use: (fn: Middleware) => middlewares.push(fn) } };
  const run = plugin[hook];
  if (typeof run !== 'function') throw new Error(`plugin has no ${hook}`);
  await (run as (this: unknown, server: unknown) => unknown).call({}, fakeServer);

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const step = (i: number): void => {
      const mw = middlewares[i];
      if (!mw) {
        res.statusCode = 404;
        res.end(`vite:${req.url ?? ''}`);
        return;
      }
      mw(req as Connect.IncomingMessage, res, (error?: unknown) => (error ? res.destroy() : step(i + 1)));
    };
    step(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, sims, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('gatewaySimulatorPlugin', () => {
  it('mounts the gateway at /gateway and the control API at /__sim, leaving other paths to Vite', async () => {
    const { base, sims, server } = await serveThroughPlugin('configureServer');
    servers.push(server);
    expect(sims).toHaveLength(1);
    const paid = await fetch(`${base}/gateway/payment/click`, { method: 'POST', body: JSON.stringify({ amount: 500, qr_code: '1' }) });
    expect(((await paid.json()) as { is_success: boolean }).is_success).toBe(true);
    expect(sims[0]?.requests()[0]?.path).toBe('/payment/click');
    const state = (await (await fetch(`${base}/__sim/state`)).json()) as { walletPayments: unknown[] };
    expect(state.walletPayments).toHaveLength(1);
    expect(await (await fetch(`${base}/__sim`)).text()).toContain('Gateway simulator');
    expect(await (await fetch(`${base}/index.html`)).text()).toBe('vite:/index.html');
    expect(await (await fetch(`${base}/gatewayish`)).text()).toBe('vite:/gatewayish');
  });

  it('mounts in the preview server too, with its own simulator', async () => {
    const dev = await serveThroughPlugin('configureServer');
    const preview = await serveThroughPlugin('configurePreviewServer');
    servers.push(dev.server, preview.server);
    await fetch(`${preview.base}/gateway/payment/xumo`, { method: 'POST', body: JSON.stringify({ amount: 1000 }) });
    expect(preview.sims[0]?.state.pinpadPayments).toHaveLength(1);
    expect(dev.sims[0]?.state.pinpadPayments).toHaveLength(0);
  });

  it('mounts nothing without --mode simulator: a plain vite preview has no /gateway and no /__sim', async () => {
    const saved = process.env['TOLOV_SIMULATOR'];
    delete process.env['TOLOV_SIMULATOR'];
    try {
      const { base, sims, server } = await serveThroughPlugin('configurePreviewServer', 'production');
      servers.push(server);
      expect(sims).toHaveLength(0);
      expect(await (await fetch(`${base}/__sim/state`)).text()).toBe('vite:/__sim/state');
      expect(await (await fetch(`${base}/gateway/info/`)).text()).toBe('vite:/gateway/info/');
    } finally {
      if (saved !== undefined) process.env['TOLOV_SIMULATOR'] = saved;
    }
  });

  it('refuses cross-origin requests to /__sim and /gateway (a text/plain POST from a web site)', async () => {
    const { base, sims, server } = await serveThroughPlugin('configurePreviewServer');
    servers.push(server);
    const evil = await fetch(`${base}/__sim/scan2pay/pay`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: '{"order_id":"1"}',
    });
    expect(evil.status).toBe(403);
    const fetchSite = await fetch(`${base}/gateway/payment/click`, {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify({ amount: 500, qr_code: '1' }),
    });
    expect(fetchSite.status).toBe(403);
    expect(sims[0]?.requests()).toEqual([]);
    // The kiosk's own page (same origin) passes.
    const own = await fetch(`${base}/__sim/state`, { headers: { Origin: base, 'Sec-Fetch-Site': 'same-origin' } });
    expect(own.status).toBe(200);
  });
});
