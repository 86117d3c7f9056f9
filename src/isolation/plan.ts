/** Whether the page is cross-origin isolated (WASM gets threads), and if not, why not. */
export type Isolation = { isolated: true } | { isolated: false; reason: string };

/** What the page knows at start-up about its isolation and its service worker. */
export interface IsolationEnv {
  isolated: boolean;
  /** A service worker can be registered here (a secure context: https, localhost). */
  serviceWorkers: boolean;
  /** The page is in a frame: COOP does not apply there, so a reload cannot isolate it. */
  framed: boolean;
  /** A service worker already controls the page. */
  controlled: boolean;
  /** This tab has already reloaded once to become isolated. */
  reloaded: boolean;
}

/**
 * Why not, in the status bar's few words (it must fit a 1280-pixel projector); the README's
 * "Host it" table says what each means and what to do.
 */
export const NOT_ISOLATED = {
  noServiceWorker: 'no service worker (needs https)',
  framed: 'in a frame',
  stillNot: 'reloaded, still not isolated',
  olderWorker: 'older offline copy in charge',
  blocked: 'service workers blocked',
  failed: 'service worker failed',
  installing: 'offline copy stalled',
} as const;

/**
 * Isolated already, or go on without threads (and why), or wait for the service worker to take
 * over and reload once: only on a first visit, never twice in a tab, never in a frame.
 */
export function planIsolation(env: IsolationEnv): Isolation | 'wait' {
  if (env.isolated) return { isolated: true };
  if (!env.serviceWorkers) return { isolated: false, reason: NOT_ISOLATED.noServiceWorker };
  if (env.framed) return { isolated: false, reason: NOT_ISOLATED.framed };
  if (env.reloaded) return { isolated: false, reason: NOT_ISOLATED.stillNot };
  // A controlling worker would have added the headers; one that did not is a build from before them.
  if (env.controlled) return { isolated: false, reason: NOT_ISOLATED.olderWorker };
  return 'wait';
}
