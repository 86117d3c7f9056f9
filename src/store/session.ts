/**
 * Connects the settings store to the training worker: controls change settings or call these
 * actions, the actions send commands, and worker events land in the results store.
 */
import { MNIST_ASSET_PATH } from '../engine/data/mnistAsset';
import { createTrainingClient, type TrainingClient } from '../worker/client';
import type { WorkerCommand } from '../worker/protocol';
import { applyEvent, clearRun, useResults } from './results';
import { changedKeys, hyperparametersOf, learningRateOverridesOf, pacingOf, runConfigOf } from './runConfig';
import { useSettings } from './settings';

let client: TrainingClient | null = null;

function connect(): TrainingClient {
  const c = createTrainingClient(applyEvent);
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
  });
  return c;
}

const send = (command: WorkerCommand) => session.ensure().send(command);

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
    const tasks = useResults.getState().taskNames.length;
    if (tasks === 0 || (task >= 0 && task < tasks)) send({ type: 'switch-task', task });
  },
  /** The same settings and seed again, from the start. */
  reset: reconfigure,
  /** A fresh seed: new initial weights, shuffles, permutations and Fisher samples. */
  newSeed: () => useSettings.getState().set({ seed: Math.floor(Math.random() * 1_000_000) }),
  /** The real loss landscape of the last two finished tasks, computed in the worker. */
  landscape: (resolution = 24) => send({ type: 'landscape', resolution }),
  /** For the fault-handling tests: make the worker crash, or lose its WebGPU device. */
  crash: (what: 'worker' | 'device' = 'worker') => send({ type: 'crash', what }),
  /** Kills the worker and starts a fresh one with the same settings and seed. */
  restart: () => {
    client?.terminate();
    client = null;
    clearRun();
    useResults.setState({ errors: [], phase: 'starting' });
    session.ensure();
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
