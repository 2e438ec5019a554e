/**
 * Runs the gateway simulator on its own:
 * `npx tsx sim/main.ts --port 8080 [--host 127.0.0.1] [--seed 42] [--allow-origin http://127.0.0.1:4173 …]`.
 * The gateway is at `/` (a kiosk's `gateway.url` can be `http://127.0.0.1:8080`), the control page at `/__sim`.
 * Only the kiosk origins given with --allow-origin may call it from a browser page.
 */
import { parseArgs } from 'node:util';
import { createGatewaySimulator } from './simulator.ts';
import { controlMount, createStandaloneServer, normaliseOrigin } from './standalone-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    'allow-origin': { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: npx tsx sim/main.ts [--port 8080] [--host 127.0.0.1] [--seed N] [--allow-origin <kiosk origin>]…');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Bad --port ${values.port}`);
  process.exit(2);
}
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed)) {
  console.error(`Bad --seed ${values.seed}`);
  process.exit(2);
}

const allowOrigins = values['allow-origin'];
for (const origin of allowOrigins) {
  if (normaliseOrigin(origin) === null) {
    console.error(`Bad --allow-origin ${origin} (e.g. http://127.0.0.1:4173)`);
    process.exit(2);
  }
}
const sim = createGatewaySimulator(seed === undefined ? {} : { seed });
const server = createStandaloneServer(sim, { allowOrigins });
server.on('error', (error) => {
  console.error(`Gateway simulator: ${error.message}`);
  process.exit(1);
});
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const hostForUrl = values.host.includes(':') ? `[${values.host}]` : values.host;
  const origin = `http://${hostForUrl}:${actualPort}`;
  console.log(`Gateway simulator listening`);
  console.log(`  gateway:      ${origin}   (config.json: "gateway": { "url": "${origin}" })`);
  console.log(`  control page: ${origin}${controlMount}`);
  console.log(`  control API:  ${origin}${controlMount}/state, /requests, /reset, /fault, /settings, …`);
  console.log(
    allowOrigins.length > 0
      ? `  kiosk origins allowed (CORS): ${allowOrigins.join(', ')}`
      : '  no kiosk origin allowed: pages on other origins are refused (add --allow-origin <kiosk origin>)',
  );
});

const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
