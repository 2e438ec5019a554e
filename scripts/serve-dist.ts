/**
 * A static server for the built kiosk (`dist/`) as a shop runs it: no gateway simulator, the CSP and other
 * security headers on every answer, `no-cache` for the files that change without changing their name
 * (index.html, config.json, the catalog, sw.js, images) and a year of immutable caching for the hashed
 * `assets/`. `npm run serve -- --port 8000` (scripts/serve.ts) runs it.
 */
import { createReadStream, promises as fs, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { contentSecurityPolicy, gatewayOrigin, imageOrigins, securityHeaders } from './security-policy.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServeOptions {
  /** The built kiosk, e.g. `dist`. */
  root: string;
}

/** What the policy depends on, read from the served config.json (and its catalog), refreshed when they change. */
interface PolicyCache {
  key: string;
  csp: string;
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await fs.stat(path);
  } catch {
    return null;
  }
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Creates (does not start) the server. */
export function createDistServer(options: ServeOptions): Server {
  const root = resolve(options.root);
  let policy: PolicyCache | null = null;

  async function currentPolicy(): Promise<PolicyCache> {
    const configPath = join(root, 'config.json');
    const configStat = await statOrNull(configPath);
    const config = (await readJson(configPath)) as { gateway?: { url?: unknown }; catalog?: unknown } | null;
    const catalogRel = typeof config?.catalog === 'string' ? config.catalog : null;
    let catalogPath: string | null = null;
    if (catalogRel !== null && !/^[a-z]+:/i.test(catalogRel)) {
      catalogPath = new URL(catalogRel, 'http://kiosk/config.json').pathname;
    }
    const catalogFile = catalogPath === null ? null : join(root, decodeURIComponent(catalogPath));
    const catalogStat = catalogFile === null ? null : await statOrNull(catalogFile);
    const key = `${configStat?.mtimeMs ?? 0}:${configStat?.size ?? 0}:${catalogStat?.mtimeMs ?? 0}:${catalogStat?.size ?? 0}`;
    if (policy?.key === key) return policy;
    const catalog = catalogFile === null ? null : await readJson(catalogFile);
    policy = {
      key,
      csp: contentSecurityPolicy({ gateway: gatewayOrigin(config?.gateway?.url), images: imageOrigins(catalog) }),
    };
    return policy;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { csp } = await currentPolicy();
    res.setHeader('Content-Security-Policy', csp);
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);

    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('Allow', 'GET, HEAD');
      res.end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://kiosk').pathname);
    } catch {
      return notFound(res);
    }
    if (pathname.includes('\0')) return notFound(res);
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) return notFound(res);
    let stat = await statOrNull(file);
    if (stat?.isDirectory()) {
      file = join(file, 'index.html');
      stat = await statOrNull(file);
    }
    if (!stat?.isFile()) return notFound(res);

    const servedPath = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const immutable = servedPath.startsWith('/assets/');
    // Everything else is revalidated on each load (cheap: 304 by ETag), so an edited config, menu or image and a
    // new build's index.html and sw.js are seen at once. Hashed assets never change under their name.
    // (index.html, config.json, the catalog and sw.js above all.)
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('Content-Type', contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream');
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', stat.mtime.toUTCString());
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Length', String(stat.size));
    if (method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  return createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
}

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.end('Not found');
}
