/**
 * The training worker: the only place TensorFlow.js runs. It picks a backend, loads the MNIST
 * asset when a run first needs it, and hands commands to the runner.
 */
// tfjs-core alone registers no gradients and no chained ops (t.flatten()); the engine uses both.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { decodeMnistAsset, MnistAssetError, type MnistData } from '../engine/data/mnistAsset';
import { type BackendChoice, chooseBackend, deviceLostWithin, loseDevice, watchDeviceLoss } from './backend';
import { transferablesOf, type WorkerCommand, type WorkerEvent } from './protocol';
import { Runner } from './runner';

// lib.dom types `self` as a Window; its postMessage(message, { transfer }) overload matches a worker's.
const post = (event: WorkerEvent) => self.postMessage(event, { transfer: transferablesOf(event) });

let runner: Runner | null = null;
let ready: Promise<void> = Promise.resolve();
let data: Promise<MnistData> | null = null;

async function fetchData(url: string): Promise<MnistData> {
  post({ type: 'phase', phase: 'loading-data' });
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new MnistAssetError(
      `The MNIST data file could not be fetched (${url}): the network request failed.`,
    );
  }
  if (!response.ok) {
    throw new MnistAssetError(
      `The MNIST data file could not be loaded: HTTP ${response.status} for ${url}. ` +
        'If you host the site yourself, copy the whole dist/ folder, data/ included.',
    );
  }
  return decodeMnistAsset(await response.arrayBuffer());
}

/** Fetched once, on first need; a failure is reported and the next attempt fetches again. */
function loadData(url: string): () => Promise<MnistData> {
  return () => {
    data ??= fetchData(url).catch((err: unknown) => {
      data = null;
      throw err;
    });
    return data;
  };
}

function announce(choice: BackendChoice): void {
  post({ type: 'backend', ...choice });
  if (choice.backend !== 'webgpu') return;
  // A lost WebGPU device takes the run's tensors with it: move to the next backend and rebuild
  // the run (same settings and seed) there.
  watchDeviceLoss((reason) => {
    ready = chooseBackend('auto', [{ backend: 'webgpu', reason: `device lost (${reason})` }]).then(
      async (next) => {
        post({
          type: 'backend',
          ...next,
          note: `WebGPU device lost (${reason}); the run restarted on the next backend`,
        });
        await runner?.rebuild();
      },
    );
    ready.catch(reportFailure);
  });
}

async function reportFailure(err: unknown): Promise<void> {
  // A lost device fails the step in flight; the loss handler recovers, so that is no error.
  if (await deviceLostWithin(1000)) return;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof MnistAssetError) {
    post({
      type: 'error',
      scope: 'data',
      message,
      hint: 'Reload the page to try again; the ellipse lab works without the digits.',
    });
  } else {
    post({
      type: 'error',
      scope: 'training',
      message: `Training stopped: ${message}`,
      hint: 'Reset to start again; if it happens again, try another backend with ?backend=cpu.',
    });
  }
  post({ type: 'phase', phase: runner?.hasRun ? 'paused' : 'ready' });
}

/** Runs a command once the backend is ready; failures become messages, never a dead worker. */
function act(job: (r: Runner) => Promise<void> | void): void {
  ready
    .then(() => {
      if (runner) return job(runner);
    })
    .catch(reportFailure);
}

function handle(cmd: WorkerCommand): void {
  switch (cmd.type) {
    case 'init':
      post({ type: 'phase', phase: 'starting' });
      runner = new Runner(
        post,
        loadData(cmd.dataUrl),
        cmd.config,
        cmd.hyperparameters,
        cmd.learningRates,
        cmd.pacing,
      );
      ready = chooseBackend(cmd.backend).then((choice) => {
        announce(choice);
        post({ type: 'phase', phase: 'ready' });
      });
      ready.catch(reportFailure);
      return;
    case 'configure':
      act((r) => r.configure(cmd.config));
      return;
    case 'start':
      act((r) => r.start());
      return;
    case 'pause':
      act((r) => r.pause());
      return;
    case 'step':
      act((r) => r.step(cmd.unit));
      return;
    case 'switch-task':
      act((r) => r.switchTask(cmd.task));
      return;
    case 'set-hyperparameters':
      act((r) => r.setHyperparameters(cmd.hyperparameters));
      return;
    case 'set-learning-rates':
      act((r) => r.setLearningRates(cmd.learningRates));
      return;
    case 'set-pacing':
      act((r) => r.setPacing(cmd.pacing));
      return;
    case 'landscape':
      act((r) => r.landscape(cmd.resolution));
      return;
    case 'crash':
      if (cmd.what === 'device') {
        loseDevice();
        return;
      }
      // Thrown outside any handler, so it reaches the page's onerror like a real crash.
      setTimeout(() => {
        throw new Error('the worker crashed (on request, for a test)');
      });
      return;
  }
}

self.onmessage = (event: MessageEvent<WorkerCommand>) => handle(event.data);
