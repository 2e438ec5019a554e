// Offline shell: a kiosk that reloads while the network is down must still show the app (its payments then
// report the gateway as unreachable). Only an allow-list is cached: the app shell (index), config.json, the
// catalog it names, the hashed build assets and the images. Nothing under the configured `gateway.url` or
// /__sim is ever cached, wherever the gateway is mounted: money answers must be live.
//
// The cache name carries the build's id (stamped in by scripts/kiosk-build-plugin.ts), so a new build's worker
// fills a fresh cache and deletes every older one when it activates.
const CACHE = 'tolov-shell-__TOLOV_BUILD_ID__';
// Every file the build put under assets/ (stamped in by the same plugin): cached at install, so one load is
// enough for an offline reload to show the whole kiosk — the menu, payment screens and staff mode are lazily
// loaded chunks a page may not have fetched yet (and the first page was not controlled when it fetched its own).
const PRECACHE = /*__TOLOV_PRECACHE__*/[];
// A server may answer with `Vary: Origin` (Vite's preview does), and a module script is requested with an
// Origin header the install's fetch did not send: matched by URL alone, or the offline reload finds nothing.
const MATCH = { ignoreVary: true };
const PREFIX = 'tolov-shell-';
const scope = new URL(self.registration.scope);
const at = (path) => new URL(path, scope).pathname;

// What config.json says about paths: where its catalog is and where the gateway is mounted (same origin only).
let paths = { catalog: at('catalog.json'), gateway: at('gateway'), configured: false };

function learnConfig(config, configUrl) {
  const next = { catalog: paths.catalog, gateway: paths.gateway, configured: true };
  try {
    if (typeof config?.catalog === 'string') {
      const catalog = new URL(config.catalog, configUrl);
      next.catalog = catalog.origin === scope.origin ? catalog.pathname : null;
    }
    if (typeof config?.gateway?.url === 'string') {
      const gateway = new URL(config.gateway.url, configUrl);
      next.gateway = gateway.origin === scope.origin ? gateway.pathname.replace(/\/+$/, '') : null;
    }
  } catch {
    // A broken config is the kiosk's error screen's business; keep what was known.
  }
  paths = next;
}

async function readConfig(response) {
  try {
    learnConfig(await response.clone().json(), response.url || new URL('config.json', scope).href);
  } catch {
    // not JSON: nothing learnt
  }
}

const under = (pathname, base) => base !== null && base !== '' && (pathname === base || pathname.startsWith(`${base}/`));

/** Never cached, whatever else is true: the gateway (as configured) and the simulator. */
function isNever(url) {
  return under(url.pathname, paths.gateway) || under(url.pathname, at('__sim').replace(/\/$/, '')) || under(url.pathname, at('gateway'));
}

/** The allow-list. */
function isAllowed(url) {
  const path = url.pathname;
  return (
    path === scope.pathname ||
    path === at('index.html') ||
    path === at('config.json') ||
    path === paths.catalog ||
    path.startsWith(at('assets/')) ||
    path.startsWith(at('images/'))
  );
}

/** The menu's pictures (same origin only): best effort, a missing picture must not stop the worker installing. */
async function cacheCatalogImages(cache, catalogPath) {
  const catalog = await cache.match(catalogPath).then((r) => r?.json()).catch(() => null);
  const products = Array.isArray(catalog?.products) ? catalog.products : [];
  const base = new URL(catalogPath, scope);
  const images = new Set();
  for (const product of products) {
    if (typeof product?.image !== 'string') continue;
    try {
      const url = new URL(product.image, base);
      if (url.origin === scope.origin && isAllowed(url) && !isNever(url)) images.add(url.pathname);
    } catch {
      // not a URL: the kiosk's catalog check reports it
    }
  }
  await Promise.all([...images].map((path) => cache.add(path).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const config = await fetch(at('config.json'), { cache: 'no-store' }).catch(() => null);
      if (config && config.ok) {
        await readConfig(config);
        await cache.put(at('config.json'), config.clone());
      }
      const shell = [scope.pathname, ...(paths.catalog ? [paths.catalog] : []), ...PRECACHE.map(at)].filter(
        (p) => !isNever(new URL(p, scope)),
      );
      await cache.addAll(shell);
      if (paths.catalog) await cacheCatalogImages(cache, paths.catalog);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE && k.startsWith(PREFIX)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin) return;
  const navigation = request.mode === 'navigate';
  if (isNever(url) || (!navigation && !isAllowed(url))) return;
  // Hashed build assets never change: cache first. Everything else (index, config, catalog, images):
  // network first so a changed config or menu shows at once, the cache when the network is gone.
  const immutable = url.pathname.startsWith(at('assets/'));
  event.respondWith(
    (async () => {
      if (!paths.configured) {
        const known = await caches.match(at('config.json'), MATCH);
        if (known) await readConfig(known);
      }
      const cache = await caches.open(CACHE);
      if (immutable) {
        const hit = await cache.match(request, MATCH);
        if (hit) return hit;
      }
      try {
        const response = await fetch(request);
        if (url.pathname === at('config.json') && response.ok) await readConfig(response);
        // Only the shell itself is kept for a navigation (never some other page of the origin).
        const keep = response.ok && (isAllowed(url) || (navigation && url.pathname === scope.pathname)) && !isNever(url);
        if (keep) await cache.put(request, response.clone());
        return response;
      } catch (error) {
        const hit = await cache.match(request, { ...MATCH, ignoreSearch: true });
        if (hit) return hit;
        if (navigation) {
          const shell = await cache.match(scope.pathname, MATCH);
          if (shell) return shell;
        }
        throw error;
      }
    })(),
  );
});
