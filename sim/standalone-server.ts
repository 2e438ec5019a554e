/**
 * The simulator as its own HTTP server: the gateway at `/`, the control API and page at `/__sim`, with CORS
 * for the kiosk origins it is told to allow (`--allow-origin`), and nothing for any other origin.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { GatewaySimulator } from './simulator.ts';

/** Where the control API is mounted in standalone mode. */
export const controlMount = '/__sim';

export interface StandaloneServerOptions {
  /**
   * Origins (`http://127.0.0.1:4173`) whose pages may call the simulator: the kiosk's own origin. Any other
   * origin is refused (403): a public web site must not reach a payment simulator on the local network.
   * Requests without an `Origin` (curl, a server) and from the simulator's own origin (its control page) pass.
   */
  allowOrigins?: readonly string[];
}

/** The simulator's own origin as the request addressed it. */
function ownOrigin(req: IncomingMessage): string | null {
  const host = req.headers.host;
  return host ? `http://${host}` : null;
}

/** Normalises an origin for comparison (`HTTP://Host:80/` → `http://host`); null when it is not one. */
export function normaliseOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

function setCorsHeaders(req: IncomingMessage, res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
  // Chrome's Private Network Access: a kiosk page on a public origin calling 127.0.0.1 preflights with this.
  // Answered only for an allowed origin.
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
export function createStandaloneServer(sim: GatewaySimulator, options: StandaloneServerOptions = {}): Server {
  const allowed = new Set((options.allowOrigins ?? []).map(normaliseOrigin).filter((o): o is string => o !== null));
  return createServer((req, res) => {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
    if (origin !== null) {
      const normalised = normaliseOrigin(origin);
      const own = ownOrigin(req);
      if (normalised !== null && allowed.has(normalised)) {
        setCorsHeaders(req, res, normalised);
      } else if (normalised === null || own === null || normalised !== normaliseOrigin(own)) {
        res.statusCode = 403;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end(`origin ${origin} is not allowed; start the simulator with --allow-origin ${origin}`);
        return;
      }
    }
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
