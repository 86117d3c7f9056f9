/*
 * Forgetting Playground's service worker: after the first visit the site works offline.
 * scripts/service-worker-plugin.ts writes it to dist/sw.js at build time, filling in the two
 * placeholders below with the build's hash and its file list (paths relative to the site root).
 */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;

// Several sites (or several copies of this one) can share an origin, as on GitHub Pages: the
// cache name carries the scope, so a new build only ever deletes its own older caches.
const PREFIX = `forgetting-playground ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;
// Resolved against the scope, so the site works from any sub-path.
const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  // 'no-cache' revalidates with the server, so a new build never stores stale copies of the
  // unhashed files (index.html, the data file) from the browser's HTTP cache.
  const requests = PRECACHE.map((path) => new Request(scoped(path), { cache: 'no-cache' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
  // No skipWaiting(): a new build waits until no tab runs the old one, so an open page never
  // loses the lazily loaded chunks of its own build. Pages are network-first (below), so an online
  // visit already shows the new build; the new cache takes over once the old tabs are closed.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE))
      .then((old) => Promise.all(old.map((key) => caches.delete(key))))
      // The first visit's page is controlled at once, so it can go offline without a reload.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  // Only this site's own files; anything else goes to the network untouched.
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? networkFirst(request) : cacheFirst(request));
});

// The page: from the network when it answers, so an update shows on the next visit; else cached.
async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch {
    const cache = await caches.open(CACHE);
    const page = (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match(scoped('./')));
    return page ?? Response.error();
  }
}

// Everything else is a file whose name changes with its content (the data file's name carries
// its format version), so any cached copy is right. All caches are searched: a page of a newer
// build, loaded online while this worker still runs, finds its files in the waiting worker's cache.
async function cacheFirst(request) {
  return (await caches.match(request)) ?? fetch(request);
}
