/**
 * Registers the service worker (offline use, and the isolation headers: src/serviceWorker/sw.ts)
 * and, on a first visit to a host that sends no isolation headers, waits for it to take over and
 * reloads once, before anything is drawn: the boot text stays up, so the reload is not seen.
 * Only in production builds: the dev server has no service worker and sends the headers itself.
 */
import { type Isolation, NOT_ISOLATED, planIsolation } from './plan';

/** sessionStorage key: this tab has reloaded for isolation once, and never will again. */
const RELOADED = 'forgetting-playground:isolation-reload';
/**
 * The first visit waits for the service worker while its install (storing every file) goes on: it
 * draws the page unisolated only once no file has been stored for this long. A slow network thus
 * only delays the first page by what it would have downloaded anyway; a stalled one, by this.
 */
const STALL_MS = 10_000;
const POLL_MS = 250;

function storage(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    // Storage denied (some private modes): without the loop guard, never reload.
    return null;
  }
}

/** Resolves with the page's isolation; when it reloads the page instead, never resolves. */
export async function prepareIsolation(): Promise<Isolation> {
  const isolated = self.crossOriginIsolated === true;
  if (!import.meta.env.PROD) {
    return isolated ? { isolated } : { isolated, reason: 'the dev server sent no isolation headers' };
  }
  const serviceWorkers = 'serviceWorker' in navigator && self.isSecureContext;
  const session = storage();
  const plan = planIsolation({
    isolated,
    serviceWorkers,
    framed: self !== self.top,
    controlled: serviceWorkers && navigator.serviceWorker.controller !== null,
    reloaded: session === null || session.getItem(RELOADED) !== null,
  });
  const registered = serviceWorkers ? register() : Promise.resolve(null);
  if (plan !== 'wait') return plan;
  const takenOver = new Promise<null>((resolve) =>
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(null), { once: true }),
  );
  const install = watchInstall();
  const reason = await Promise.race([
    // Registered, it still has to install (precache everything) and take over: wait on.
    registered.then((failure) => failure ?? new Promise<never>(() => {})),
    takenOver,
    install.stalled,
  ]);
  install.stop();
  if (reason !== null) return { isolated: false, reason };
  session?.setItem(RELOADED, '1');
  location.reload();
  return new Promise<never>(() => {});
}

/** Files stored so far by the installing service worker (Workbox's precache). */
async function storedFiles(): Promise<number> {
  const names = (await caches.keys()).filter((name) => name.startsWith('workbox-precache'));
  const counts = await Promise.all(
    names.map(async (name) => (await (await caches.open(name)).keys()).length),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Shows the install's progress in the boot text, and says when it has stalled. */
function watchInstall(): { stalled: Promise<string>; stop: () => void } {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stalled = new Promise<string>((resolve) => {
    let stored = -1;
    let since = performance.now();
    timer = setInterval(async () => {
      const now = await storedFiles().catch(() => stored);
      if (now !== stored) {
        stored = now;
        since = performance.now();
        const boot = document.querySelector('.boot');
        if (boot && now > 0)
          boot.textContent = `Loading Forgetting Playground… (stored for offline use: ${now} files)`;
      } else if (performance.now() - since > STALL_MS) resolve(NOT_ISOLATED.installing);
    }, POLL_MS);
  });
  return { stalled, stop: () => clearInterval(timer) };
}

/** Registers the service worker: null once registered, or why it was not. */
async function register(): Promise<string | null> {
  // Relative to the page, so a copy under any sub-path registers its own worker for its own scope.
  const url = new URL('./sw.js', document.baseURI);
  try {
    const registration = await navigator.serviceWorker.register(url, { scope: './' });
    // A browser policy (or a test harness) that blocks service workers resolves without one.
    return registration ? null : NOT_ISOLATED.blocked;
  } catch (error) {
    // Offline use is a bonus: the page works without it (private windows, file://, old browsers).
    console.warn('Forgetting Playground: offline support is unavailable:', error);
    return NOT_ISOLATED.failed;
  }
}
