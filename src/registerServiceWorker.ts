/**
 * Registers the service worker that keeps the built site working offline (scripts/sw-template.js).
 * Only in production builds: the dev server has no sw.js, and caching would hide edits.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // Relative to the page, so a copy under any sub-path registers its own worker for its own scope.
  const url = new URL('./sw.js', document.baseURI);
  navigator.serviceWorker.register(url, { scope: './' }).catch((error: unknown) => {
    // Offline use is a bonus: the page works without it (private windows, file://, old browsers).
    console.warn('Forgetting Playground: offline support is unavailable:', error);
  });
}
