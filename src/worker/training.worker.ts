/**
 * The training worker: the only place TensorFlow.js runs. It picks a backend, loads the MNIST
 * asset when a run first needs it, and hands commands to the runner.
 */
// tfjs-core alone registers no gradients and no chained ops (t.flatten()); the engine uses both.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { decodeMnistAsset, MnistAssetError, type MnistData } from '../engine/data/mnistAsset';
import { armFault } from '../engine/faultPoints';
import {
  type BackendChoice,
  chooseBackend,
  deviceLostWithin,
  loseDevice,
  type Startup,
  watchDeviceLoss,
} from './backend';
import { seconds, transferablesOf, type WorkerCommand, type WorkerEvent } from './protocol';
import { Runner } from './runner';

/** Set once the worker was killed for a test: from then on it is as silent as a dead one. */
let killed = false;
// lib.dom types `self` as a Window; its postMessage(message, { transfer }) overload matches a worker's.
const post = (event: WorkerEvent) => {
  if (!killed) self.postMessage(event, { transfer: transferablesOf(event) });
};

let runner: Runner | null = null;
let ready: Promise<void> = Promise.resolve();
let data: Promise<MnistData> | null = null;
let startup: Startup = { limits: { probeMs: 0, loadMs: 0, dataMs: 0, buildMs: 0 }, report: post };

/** Progress reports while the data arrives, at most this often. */
const DATA_REPORT_MS = 100;

/**
 * Fetches the MNIST asset, reporting its progress. A request that stays silent for the data limit
 * (no response, or no bytes for that long) is abandoned: a slow download is fine, a stalled one is not.
 */
async function fetchData(url: string, quietMs: number): Promise<MnistData> {
  post({ type: 'phase', phase: 'loading-data' });
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const heard = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), quietMs);
  };
  heard();
  try {
    const response = await fetch(url, { signal: abort.signal });
    if (!response.ok) {
      throw new MnistAssetError(
        `The MNIST data file could not be loaded: HTTP ${response.status} for ${url}. ` +
          'If you host the site yourself, copy the whole dist/ folder, data/ included.',
      );
    }
    const decoded = decodeMnistAsset(await readAll(response, heard));
    post({ type: 'startup', stage: 'build' });
    return decoded;
  } catch (err) {
    if (err instanceof MnistAssetError) throw err;
    throw new MnistAssetError(
      abort.signal.aborted
        ? `Fetching the MNIST data file stalled: nothing arrived for ${seconds(quietMs)} (${url}).`
        : `The MNIST data file could not be fetched (${url}): the network request failed.`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** The response's bytes, calling `heard` on every chunk and reporting progress. */
async function readAll(response: Response, heard: () => void): Promise<ArrayBuffer> {
  if (!response.body) return response.arrayBuffer();
  const total = Number(response.headers.get('content-length')) || 0;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let shown = 0;
  const reader = response.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    heard();
    chunks.push(part.value);
    loaded += part.value.length;
    if (performance.now() - shown > DATA_REPORT_MS) {
      post({ type: 'startup', stage: 'data', loaded, total });
      shown = performance.now();
    }
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes.buffer;
}

/** Fetched once, on first need; a failure is reported and the next attempt fetches again. */
function loadData(url: string): () => Promise<MnistData> {
  return () => {
    data ??= fetchData(url, startup.limits.dataMs).catch((err: unknown) => {
      data = null;
      throw err;
    });
    return data;
  };
}

function announce(choice: BackendChoice): void {
  post({ type: 'backend', ...choice });
  if (choice.backend !== 'webgpu') return;
  // A lost WebGPU device takes the run's tensors with it: move to the next backend, and the page
  // has the run restored there (same settings and seed, the recorded task switches).
  watchDeviceLoss((reason) => {
    backendGeneration++;
    ready = chooseBackend('auto', [{ backend: 'webgpu', reason: `device lost (${reason})` }], startup).then(
      async (next) => {
        post({
          type: 'backend',
          ...next,
          note: `WebGPU device lost (${reason}); the run moved to the next backend`,
        });
        const hadRun = runner?.hasRun;
        await runner?.rebuild();
        if (hadRun) post({ type: 'run-lost' });
      },
    );
    ready.catch((err: unknown) => reportFailure(err));
  });
}

/**
 * Kills the worker, for the fault-handling tests: an uncaught error reaches the page as a real
 * crash would, and the worker closes and says nothing more.
 */
function die(): void {
  reportError(new Error('the worker was killed (on request, for a test)'));
  killed = true;
  self.close();
}

/** Counts backends replaced after a lost device: a job that began on an older one failed with it. */
let backendGeneration = 0;

async function reportFailure(err: unknown, generation = backendGeneration): Promise<void> {
  // A lost device fails the step in flight (sometimes before the loss is signalled); the loss
  // handler moves the run to another backend, so that is no error.
  if (generation !== backendGeneration || (await deviceLostWithin(1000))) return;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof MnistAssetError) {
    post({
      type: 'error',
      scope: 'data',
      message,
      hint: 'Check the connection (or that the host serves data/), then Retry; the ellipse lab works without the digits.',
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
  const generation = backendGeneration;
  ready
    .then(() => {
      if (runner) return job(runner);
    })
    .catch((err: unknown) => reportFailure(err, generation));
}

function handle(cmd: WorkerCommand): void {
  switch (cmd.type) {
    case 'init':
      startup = { limits: cmd.limits, report: post };
      post({ type: 'phase', phase: 'starting' });
      runner = new Runner(
        post,
        loadData(cmd.dataUrl),
        cmd.config,
        cmd.hyperparameters,
        cmd.learningRates,
        cmd.pacing,
      );
      ready = chooseBackend(cmd.backend, [], startup).then((choice) => {
        announce(choice);
        post({ type: 'phase', phase: 'ready' });
      });
      ready.catch((err: unknown) => reportFailure(err));
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
    case 'restore':
      act((r) => r.restore(cmd.config, cmd.until, cmd.journal, cmd.full));
      return;
    case 'crash': {
      const fault = cmd.what === 'device' ? loseDevice : die;
      if (!cmd.at) fault();
      // At a fault point a killed worker also abandons the computation there and then.
      else if (cmd.what === 'device') armFault(cmd.at, fault);
      else
        armFault(cmd.at, () => {
          die();
          throw new Error('killed');
        });
      return;
    }
  }
}

self.onmessage = (event: MessageEvent<WorkerCommand>) => handle(event.data);
