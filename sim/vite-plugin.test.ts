import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connect } from 'vite';
import { gatewaySimulatorPlugin } from './vite-plugin.ts';
import type { GatewaySimulator } from './simulator.ts';

type Middleware = Connect.NextHandleFunction;

/** A connect-like server: runs the plugin's middlewares in order, then answers 404 "vite" as Vite would. */
async function serveThroughPlugin(hook: 'configureServer' | 'configurePreviewServer') {
  const middlewares: Middleware[] = [];
  const sims: GatewaySimulator[] = [];
  const plugin = gatewaySimulatorPlugin({ seed: 1, settings: { pinpadDelayMs: 0 }, onSimulator: (sim) => sims.push(sim) });
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
});
