// Offline shell: a kiosk that reloads while the network is down must still show the app (its payments then
// report the gateway as unreachable). Gateway and simulator calls are never cached: money answers must be live.
const CACHE = 'tolov-shell-v1';
const NEVER = [/\/gateway(\/|$)/, /\/__sim(\/|$)/];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(['./', './config.json', './catalog.json'])).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || NEVER.some((re) => re.test(url.pathname))) {
    return;
  }
  // Hashed build assets never change: cache first. Everything else (index, config, catalog, images):
  // network first so a changed config or menu shows at once, the cache when the network is gone.
  const immutable = url.pathname.includes('/assets/');
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (immutable) {
        const hit = await cache.match(request);
        if (hit) return hit;
      }
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      } catch (error) {
        const hit = await cache.match(request, { ignoreSearch: true });
        if (hit) return hit;
        if (request.mode === 'navigate') {
          const shell = await cache.match('./');
          if (shell) return shell;
        }
        throw error;
      }
    })(),
  );
});
