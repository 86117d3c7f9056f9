/**
 * The training worker: the only place TensorFlow.js runs. It picks a backend, loads the MNIST
 * asset when a run needs it, trains, and streams batched events to the page.
 */
// tfjs-core alone registers no gradients; training needs them all.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { decodeMnistAsset, MnistAssetError, type MnistData } from '../engine/data/mnistAsset';
import { chooseBackend } from './backend';
import { type InitCommand, transferablesOf, type WorkerCommand, type WorkerEvent } from './protocol';
import { type SliceMetrics, SliceTrainer } from './sliceTrainer';

/** Evaluate every K steps; post at most ~30 messages a second. */
const EVAL_EVERY = 10;
const POST_INTERVAL_MS = 33;

// lib.dom types `self` as a Window; its postMessage(message, { transfer }) overload matches a worker's.
const post = (event: WorkerEvent) => self.postMessage(event, { transfer: transferablesOf(event) });

let init: InitCommand | null = null;
let backendReady: Promise<void> | null = null;
let data: Promise<MnistData> | null = null;
let trainer: SliceTrainer | null = null;
let running = false;
let pending: SliceMetrics[] = [];
let lastPost = 0;

/** Yields to the event loop so commands (pause, reset) are seen between steps; faster than setTimeout. */
const channel = new MessageChannel();
const yieldNow = () =>
  new Promise<void>((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

function flush(force = false): void {
  const now = performance.now();
  if (pending.length === 0 || (!force && now - lastPost < POST_INTERVAL_MS)) return;
  post({
    type: 'metrics',
    steps: Int32Array.from(pending, (m) => m.step),
    evalLoss: Float32Array.from(pending, (m) => m.evalLoss),
    numTensors: Int32Array.from(pending, (m) => m.numTensors),
  });
  pending = [];
  lastPost = now;
}

async function loadData(url: string): Promise<MnistData> {
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

async function ensureTrainer(): Promise<SliceTrainer | null> {
  if (trainer) return trainer;
  if (!init || !backendReady) return null;
  await backendReady;
  data ??= loadData(init.dataUrl);
  try {
    trainer = new SliceTrainer(await data);
    return trainer;
  } catch (err) {
    data = null; // a later start tries again
    const message = err instanceof Error ? err.message : String(err);
    post({
      type: 'error',
      scope: 'data',
      message,
      hint: 'Reload the page to try again; the ellipse lab works without the digits.',
    });
    post({ type: 'phase', phase: 'ready' });
    return null;
  }
}

async function train(): Promise<void> {
  const t = await ensureTrainer();
  if (!t || running) return;
  running = true;
  post({ type: 'phase', phase: 'training' });
  try {
    if (t.step === 0) pending.push(await t.evaluate());
    while (running && trainer === t) {
      t.trainStep();
      if (t.step % EVAL_EVERY === 0) {
        pending.push(await t.evaluate());
        flush();
      } else {
        await yieldNow();
      }
    }
  } catch (err) {
    running = false;
    post({
      type: 'error',
      scope: 'training',
      message: `Training stopped: ${err instanceof Error ? err.message : String(err)}`,
      hint: 'Reset to start again; if it happens again, try another backend with ?backend=cpu.',
    });
    post({ type: 'phase', phase: 'paused' });
  }
  flush(true);
}

function handle(cmd: WorkerCommand): void {
  switch (cmd.type) {
    case 'init':
      init = cmd;
      post({ type: 'phase', phase: 'starting' });
      backendReady = chooseBackend(cmd.backend).then((choice) => {
        post({ type: 'backend', ...choice });
        post({ type: 'phase', phase: 'ready' });
      });
      return;
    case 'start':
      void train();
      return;
    case 'pause':
      running = false;
      post({ type: 'phase', phase: 'paused' });
      return;
    case 'reset':
      running = false;
      trainer?.dispose();
      trainer = null;
      pending = [];
      post({ type: 'phase', phase: 'ready' });
      return;
  }
}

self.onmessage = (event: MessageEvent<WorkerCommand>) => handle(event.data);

const reportFatal = (message: string) =>
  post({
    type: 'error',
    scope: 'worker',
    message,
    hint: 'Restart the worker to carry on with the same settings.',
  });
self.addEventListener('error', (e) => reportFatal(e.message));
self.addEventListener('unhandledrejection', (e) =>
  reportFatal(e.reason instanceof Error ? e.reason.message : String(e.reason)),
);
