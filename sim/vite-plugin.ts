/**
 * Mounts the gateway simulator inside Vite's dev and preview servers: the gateway at `/gateway`, the
 * control API and page at `/__sim`, so the kiosk, the simulator and the Playwright tests share one origin.
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
    req.url = gatewayPath ?? controlPath ?? '/';
    const work = gatewayPath !== null ? sim.handle(req, res) : sim.handleControl(req, res);
    work.catch((error: unknown) => next(error));
  };
}

/** Mounts the gateway simulator at /gateway and its control page at /__sim (dev and preview servers). */
export function gatewaySimulatorPlugin(options: GatewaySimulatorPluginOptions = {}): Plugin {
  const { gatewayMount = '/gateway', controlMount = '/__sim', onSimulator, ...simOptions } = options;
  const mount = (middlewares: Connect.Server): void => {
    const sim = createGatewaySimulator(simOptions);
    onSimulator?.(sim);
    middlewares.use(simulatorMiddleware(sim, gatewayMount, controlMount));
  };
  return {
    name: 'tolov-gateway-simulator',
    configureServer(server) {
      mount(server.middlewares);
    },
    configurePreviewServer(server) {
      mount(server.middlewares);
    },
  };
}
