/// <reference lib="webworker" />
/**
 * Forgetting Playground's service worker (built by vite-plugin-pwa, strategy injectManifest): it
 * precaches the whole build, so after the first visit the site works offline, and it serves the
 * site's own files with the cross-origin isolation headers, so the page gets WASM threads on any
 * static host (src/isolation/prepare.ts reloads the first visit once to pick them up).
 */
import { cleanupOutdatedCaches, matchPrecache, precache } from 'workbox-precaching';
import { withIsolationHeaders } from './isolationHeaders';

declare const self: ServiceWorkerGlobalScope;

// Every built file, revisioned (hashed names carry their revision; index.html and the data file get
// one from their bytes). Entries are relative to this script, so any sub-path works. Install
// finishes only once all are cached; a new build's install adds its files beside the old ones.
precache(self.__WB_MANIFEST);
// Older Workbox cache formats, and caches of the hand-written worker this one replaced.
cleanupOutdatedCaches();
const LEGACY_PREFIX = `forgetting-playground ${self.registration.scope} `;
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(LEGACY_PREFIX)).map((k) => caches.delete(k))),
      )
      // The first visit's page is controlled at once: it can go offline, and be reloaded isolated.
      .then(() => self.clients.claim()),
  );
});
// No skipWaiting(): a new build waits until no tab runs the old one, whose lazily loaded chunks
// would otherwise be dropped from the cache under it. Pages are fetched network-first (below), so
// an online visit shows the new build at once anyway.

self.addEventListener('fetch', (event) => {
  const { request } = event;
  // Only this site's own files; anything else goes to the network untouched.
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Chromium rejects this combination when the service worker answers it.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(
    (request.mode === 'navigate' ? networkFirst(request) : cacheFirst(request)).then(withIsolationHeaders),
  );
});

// The page: from the network when it answers, so an update shows on the next visit; else cached.
async function networkFirst(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    return (await matchPrecache('index.html')) ?? Response.error();
  }
}

// Everything else has a name that changes with its content (the data file's name carries its
// format version), so the cached copy is right.
async function cacheFirst(request: Request): Promise<Response> {
  return (await matchPrecache(request)) ?? fetch(request);
}
