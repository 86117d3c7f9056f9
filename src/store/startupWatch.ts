/**
 * Time limits on the worker's start-up, so the page never waits for ever. Each stage has its own
 * limit, restarted by every sign of progress (a new stage, more bytes of the data). The worker
 * enforces the probe, load and data limits itself (it tries the next backend, or reports the data
 * as stalled); here they are backed up, GRACE_MS later, for a worker that hangs outright. Whether
 * the worker starts at all, and how long the first run takes to build, only the page watches.
 * The values, and the measurements they come from: docs/robustness.md.
 */
import { BACKEND_LABELS, seconds, type WorkerLimits } from '../worker/protocol';
import { type StartupStage, useResults } from './results';

export interface StartupLimits extends WorkerLimits {
  /** From creating the worker to its first message. */
  workerMs: number;
}

export const STARTUP_LIMITS: Readonly<StartupLimits> = {
  workerMs: 20_000,
  probeMs: 15_000,
  loadMs: 60_000,
  dataMs: 30_000,
  buildMs: 120_000,
};
const GRACE_MS = 5_000;

/**
 * The limits in force: the defaults, or shorter ones a test sets before the page loads
 * (`globalThis.__FORGETTING_PLAYGROUND_LIMITS__ = { dataMs: 1000 }`), so a stall shows in seconds.
 */
export function startupLimits(): StartupLimits {
  const override: unknown = Reflect.get(globalThis, '__FORGETTING_PLAYGROUND_LIMITS__');
  const limits = { ...STARTUP_LIMITS };
  if (typeof override !== 'object' || override === null) return limits;
  for (const key of Object.keys(limits) as (keyof StartupLimits)[]) {
    const ms: unknown = Object.hasOwn(override, key) ? Reflect.get(override, key) : undefined;
    if (typeof ms === 'number' && ms > 0) limits[key] = ms;
  }
  return limits;
}

/** The page's limit for a stage: its own for the worker starting and the build, else the worker's plus grace. */
function limitOf(stage: StartupStage, limits: StartupLimits): number {
  switch (stage.stage) {
    case 'worker':
      return limits.workerMs;
    case 'build':
      return limits.buildMs;
    case 'probe':
      return limits.probeMs + GRACE_MS;
    case 'load':
      return limits.loadMs + GRACE_MS;
    case 'data':
      return limits.dataMs + GRACE_MS;
  }
}

/** Watches the start-up stages of one worker; marks the stage `stalled` when its limit passes. Returns a stop. */
export function watchStartup(limits: StartupLimits): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (stage: StartupStage | null) => {
    clearTimeout(timer);
    if (stage) timer = setTimeout(() => useResults.setState({ stalled: stage }), limitOf(stage, limits));
  };
  arm(useResults.getState().startup);
  const unsubscribe = useResults.subscribe((now, before) => {
    if (now.startup === before.startup) return;
    arm(now.startup);
    // Progress after all: the stage is no longer stalled.
    if (now.stalled) useResults.setState({ stalled: null });
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/** What the stalled-stage notice says: what stalled, and what to do. */
export function stallMessage(stage: StartupStage, limits: StartupLimits): { message: string; hint: string } {
  const waited = seconds(limitOf(stage, limits));
  switch (stage.stage) {
    case 'worker':
      return {
        message: `The training worker did not start within ${waited}.`,
        hint: 'Retry. If it happens again, reload the page; if you host the site, check that its assets/ folder is served (with the same headers as the page).',
      };
    case 'probe':
      return {
        message: `Choosing a backend stalled: the browser did not say within ${waited} whether ${BACKEND_LABELS[stage.backend]} is available.`,
        hint: 'Retry, or use the CPU backend (slower, but it always starts).',
      };
    case 'load':
      return {
        message: `Loading ${BACKEND_LABELS[stage.backend]}'s files stalled (nothing for ${waited}).`,
        hint: 'Retry, or use the CPU backend; if you host the site, check that assets/ is served, .wasm files included.',
      };
    case 'build':
      return {
        message: `Preparing the run has taken over ${waited} (its first steps compile the backend's programs).`,
        hint: 'A software GPU can be this slow: wait, Retry, or use the CPU backend.',
      };
    case 'data':
      return {
        message: `Fetching the MNIST digits stalled (nothing for ${waited}).`,
        hint: 'Check the connection, or that the host serves data/mnist-v1.bin, then Retry.',
      };
  }
}
