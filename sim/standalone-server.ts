/**
 * The simulator as its own HTTP server: the gateway at `/`, the control API and page at `/__sim`, with CORS
 * so a kiosk served from another origin (or a file) can call it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { GatewaySimulator } from './simulator.ts';

/** Where the control API is mounted in standalone mode. */
export const controlMount = '/__sim';

function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
  // Chrome's Private Network Access: a kiosk page on a public origin calling 127.0.0.1 preflights with this.
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
}

/** Strips `mount` from a request URL; null when the URL is outside the mount. */
export function stripMount(url: string, mount: string): string | null {
  if (url === mount) return '/';
  if (url.startsWith(`${mount}/`)) return url.slice(mount.length);
  if (url.startsWith(`${mount}?`)) return `/${url.slice(mount.length)}`;
  return null;
}

/** Creates (does not start) an HTTP server around `sim`. */
export function createStandaloneServer(sim: GatewaySimulator): Server {
  return createServer((req, res) => {
    setCorsHeaders(req, res);
    if ((req.method ?? '').toUpperCase() === 'OPTIONS') {
      res.statusCode = 204;
      res.setHeader('Content-Length', '0');
      res.end();
      return;
    }
    const control = stripMount(req.url ?? '/', controlMount);
    const work = control === null ? sim.handle(req, res) : ((req.url = control), sim.handleControl(req, res));
    work.catch((error: unknown) => {
      if (!res.headersSent) res.statusCode = 500;
      res.end(`simulator error: ${String(error)}`);
    });
  });
}
