/**
 * Connects the settings store to the training worker: controls call these actions, the actions
 * send commands, and worker events land in the results store.
 */
import { MNIST_ASSET_PATH } from '../engine/data/mnistAsset';
import { createTrainingClient, type TrainingClient } from '../worker/client';
import { applyEvent, clearResults } from './results';
import { useSettings } from './settings';

let client: TrainingClient | null = null;

function connect(): TrainingClient {
  const c = createTrainingClient(applyEvent);
  c.send({
    type: 'init',
    backend: useSettings.getState().backend,
    // Resolved against the page, so the data loads from any sub-path.
    dataUrl: new URL(MNIST_ASSET_PATH, document.baseURI).href,
  });
  return c;
}

export const session = {
  ensure(): TrainingClient {
    client ??= connect();
    return client;
  },
  start: () => session.ensure().send({ type: 'start' }),
  pause: () => session.ensure().send({ type: 'pause' }),
  reset: () => {
    session.ensure().send({ type: 'reset' });
    clearResults();
  },
  /** Kills the worker and starts a fresh one with the same settings. */
  restart: () => {
    client?.terminate();
    client = null;
    clearResults(false);
    session.ensure();
  },
};
