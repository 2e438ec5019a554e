/**
 * Mounts the gateway simulator inside Vite's dev and preview servers: the gateway at `/gateway`, the
 * control API and page at `/__sim`, so the kiosk, the simulator and the Playwright tests share one origin.
 * Only when asked for (`--mode simulator`, as `npm start`, `npm run dev` and the e2e tests run Vite, or
 * TOLOV_SIMULATOR=1): a plain `vite preview` on a shop's kiosk must never approve payments against a fake gateway.
 */
import type { Connect, Plugin } from 'vite';
import { createGatewaySimulator, type GatewaySimulator, type GatewaySimulatorOptions } from './simulator.ts';
import { stripMount } from './standalone-server.ts';

export interface GatewaySimulatorPluginOptions extends GatewaySimulatorOptions {
  /** Default `/gateway`. */
  gatewayMount?: string;
  /** Default `/__sim`. */
  controlMount?: string;
  /** Called with each server's simulator (one per dev or preview server). */
  onSimulator?: (sim: GatewaySimulator) => void;
  /** Mount it? Default: when Vite runs with `--mode simulator` or the environment has TOLOV_SIMULATOR=1. */
  enabled?: boolean;
}

/** The Vite mode that mounts the simulator (`vite preview --mode simulator`). */
export const simulatorMode = 'simulator';

/**
 * A request from a page of another origin (a web site the kiosk's browser also opened, or a LAN page): refused,
 * since a `text/plain` POST needs no preflight and would otherwise reach the control API.
 */
export function isCrossOriginRequest(headers: Record<string, string | string[] | undefined>): boolean {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = headers['origin'];
  if (typeof origin !== 'string') return false;
  const host = headers['host'];
  try {
    return typeof host !== 'string' || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * A connect middleware that hands `/gateway/*` to the simulator and `/__sim/*` to its control API, with
 * the mount stripped from `req.url`; everything else goes on to Vite.
 */
export function simulatorMiddleware(sim: GatewaySimulator, gatewayMount = '/gateway', controlMount = '/__sim'): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = req.url ?? '/';
    const gatewayPath = stripMount(url, gatewayMount);
    const controlPath = gatewayPath === null ? stripMount(url, controlMount) : null;
    if (gatewayPath === null && controlPath === null) {
      next();
      return;
    }
    if (isCrossOriginRequest(req.headers)) {
      res.statusCode = 403;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('cross-origin requests to the simulator are refused');
      return;
    }
    req.url = gatewayPath ?? controlPath ?? '/';
    const work = gatewayPath !== null ? sim.handle(req, res) : sim.handleControl(req, res);
    work.catch((error: unknown) => next(error));
  };
}

/** Mounts the gateway simulator at /gateway and its control page at /__sim (dev and preview servers). */
export function gatewaySimulatorPlugin(options: GatewaySimulatorPluginOptions = {}): Plugin {
  const { gatewayMount = '/gateway', controlMount = '/__sim', onSimulator, enabled, ...simOptions } = options;
  let mode: string | undefined;
  const mount = (middlewares: Connect.Server): void => {
    if (!(enabled ?? (mode === simulatorMode || process.env['TOLOV_SIMULATOR'] === '1'))) return;
    const sim = createGatewaySimulator(simOptions);
    onSimulator?.(sim);
    middlewares.use(simulatorMiddleware(sim, gatewayMount, controlMount));
  };
  return {
    name: 'tolov-gateway-simulator',
    configResolved(config) {
      mode = config.mode;
    },
    configureServer(server) {
      mount(server.middlewares);
    },
    configurePreviewServer(server) {
      mount(server.middlewares);
    },
  };
}
