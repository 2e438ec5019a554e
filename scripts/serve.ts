/**
 * Serves the built kiosk for a shop:  npm run build && npm run serve -- --port 8000 [--host 127.0.0.1] [--dist dist]
 * No gateway simulator; the Content-Security-Policy (with the gateway's origin from dist/config.json when
 * `gateway.url` is absolute) and cache headers as README "Running in a shop" describes.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDistServer } from './serve-dist.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8000' },
    host: { type: 'string', default: '127.0.0.1' },
    dist: { type: 'string', default: 'dist' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run serve -- [--port 8000] [--host 127.0.0.1] [--dist dist]');
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Bad --port ${values.port}`);
  process.exit(2);
}
const root = resolve(values.dist);
if (!existsSync(join(root, 'index.html'))) {
  console.error(`${root} has no index.html: build the kiosk first (npm run build)`);
  process.exit(2);
}

const server = createDistServer({ root });
server.on('error', (error) => {
  console.error(`serve: ${error.message}`);
  process.exit(1);
});
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = values.host.includes(':') ? `[${values.host}]` : values.host;
  console.log(`Tolov Kiosk (${root}) at http://${host}:${actualPort}/  (no simulator; gateway.url from config.json)`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
