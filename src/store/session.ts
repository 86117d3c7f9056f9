/**
 * Connects the settings store to the training worker: controls change settings or call these
 * actions, the actions send commands, and worker events land in the results store.
 */
import { MNIST_ASSET_PATH } from '../engine/data/mnistAsset';
import { SPLIT_MNIST_TASKS } from '../engine/data/scenarios';
import { createTrainingClient, type TrainingClient } from '../worker/client';
import type { FaultPoint, WorkerCommand, WorkerEvent } from '../worker/protocol';
import { sayWhyNot } from './pendingRun';
import { applyEvent, clearRun, useResults } from './results';
import { changedKeys, hyperparametersOf, learningRateOverridesOf, pacingOf, runConfigOf } from './runConfig';
import { useSettings } from './settings';
import { startupLimits, watchStartup } from './startupWatch';

let client: TrainingClient | null = null;
let stopWatch: (() => void) | null = null;
/** A restore was asked for and has not finished: a retry after a data failure restores again. */
let restorePending = false;

function onEvent(event: WorkerEvent): void {
  applyEvent(event);
  if (event.type === 'run-lost') restore();
  // A worker that failed to load or crashed is reported as such; its start-up is no longer watched.
  if (event.type === 'error' && event.scope === 'worker') stopWatch?.();
  if (event.type === 'restore' && event.accuracy) restorePending = false;
}

function connect(): TrainingClient {
  const limits = startupLimits();
  useResults.setState({ startup: { stage: 'worker' }, stalled: null });
  stopWatch = watchStartup(limits);
  const c = createTrainingClient(onEvent);
  const s = useSettings.getState();
  c.send({
    type: 'init',
    backend: s.backend,
    // Resolved against the page, so the data loads from any sub-path.
    dataUrl: new URL(MNIST_ASSET_PATH, document.baseURI).href,
    config: runConfigOf(s),
    hyperparameters: hyperparametersOf(s),
    learningRates: learningRateOverridesOf(s),
    pacing: pacingOf(s),
    limits,
  });
  return c;
}

const send = (command: WorkerCommand) => session.ensure().send(command);

/**
 * Trains the recorded run again on the worker to where the page's record ends (training is
 * deterministic), so it can go on from there; what is on screen stays. Nothing to do before a run.
 */
function restore(): void {
  const r = useResults.getState();
  const until = Math.max(r.evaluations.at(-1)?.step ?? 0, r.switches.at(-1)?.step ?? 0);
  if (!r.config || r.evaluations.length === 0) return;
  restorePending = true;
  useResults.setState({ restore: { step: 0, until }, landscapeProgress: null });
  const full = r.evaluations.filter((e) => e.step === until).at(-1)?.full ?? false;
  send({ type: 'restore', config: r.config, until, journal: r.journal, full });
}

function reconfigure(): void {
  clearRun();
  send({ type: 'configure', config: runConfigOf(useSettings.getState()) });
}

export const session = {
  ensure(): TrainingClient {
    if (!client) {
      client = connect();
      followSettings();
    }
    return client;
  },
  start: () => send({ type: 'start' }),
  pause: () => send({ type: 'pause' }),
  step: (unit: 'batch' | 'epoch' = 'batch') => send({ type: 'step', unit }),
  switchTask: (task: number) => {
    const s = useSettings.getState();
    // Before the run is built its task count comes from the settings.
    const tasks =
      useResults.getState().taskNames.length ||
      (s.protocol === 'permuted-mnist' ? s.tasks : SPLIT_MNIST_TASKS);
    if (task >= 0 && task < tasks) send({ type: 'switch-task', task });
    else sayWhyNot(`Task ${task + 1}: this run has ${tasks} tasks.`);
  },
  /** The same settings and seed again, from the start. */
  reset: reconfigure,
  /** A fresh seed: new initial weights, shuffles, permutations and Fisher samples. */
  newSeed: () => useSettings.getState().set({ seed: Math.floor(Math.random() * 1_000_000) }),
  /** The real loss landscape of the last two finished tasks, computed in the worker. */
  landscape: (resolution = 24) => send({ type: 'landscape', resolution }),
  /** For the fault-handling tests: kill the worker or lose its WebGPU device, now or at a fault point. */
  crash: (what: 'worker' | 'device', at?: FaultPoint) => send({ type: 'crash', what, at }),
  /**
   * A fresh worker with the same settings and seed; a run recorded so far is restored on it, so
   * its curves stay and it goes on from where it stopped.
   */
  restart: () => {
    client?.terminate();
    stopWatch?.();
    client = null;
    useResults.setState({ errors: [], phase: 'starting' });
    session.ensure();
    restore();
  },
  /** After the data failed to arrive: fetch it again for whatever needed it (a restore, or a start). */
  retryData: () => (restorePending ? restore() : session.start()),
  /** After a stalled backend: start again on the CPU backend, which always starts. */
  useCpu: () => {
    useSettings.getState().set({ backend: 'cpu' });
    session.restart();
  },
};

let unfollow: (() => void) | null = null;

/** Sends each settings change to the worker: a new run, new hyperparameters or new pacing. */
function followSettings(): void {
  unfollow?.();
  unfollow = useSettings.subscribe((now, before) => {
    if (changedKeys(runConfigOf(now), runConfigOf(before)).length > 0) reconfigure();
    const hp = hyperparametersOf(now);
    const changed = changedKeys(hp, hyperparametersOf(before));
    if (changed.length > 0) {
      send({
        type: 'set-hyperparameters',
        hyperparameters: Object.fromEntries(changed.map((k) => [k, hp[k]])),
      });
    }
    const rates = learningRateOverridesOf(now);
    if (JSON.stringify(rates) !== JSON.stringify(learningRateOverridesOf(before))) {
      send({ type: 'set-learning-rates', learningRates: rates });
    }
    if (changedKeys(pacingOf(now), pacingOf(before)).length > 0)
      send({ type: 'set-pacing', pacing: pacingOf(now) });
  });
}
