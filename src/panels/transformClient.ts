/**
 * Asks the figures' worker for a transform and keeps the answer, keyed by the data it came from
 * (a task switch's importances, which never change) and the options: the first draw shows "working
 * on it", later draws take the answer at once.
 */
import type { HistogramView, ScatterLayerInput, ScatterView } from './importanceTransforms';

export type TransformRequest =
  | { id: number; kind: 'scatter'; layers: ScatterLayerInput[]; decades: number }
  | { id: number; kind: 'histograms'; groups: Float32Array[][]; bins: number; decades: number };
export type TransformReply =
  | { id: number; kind: 'scatter'; view: ScatterView }
  | { id: number; kind: 'histograms'; views: HistogramView[][] };

type Request = DistributiveOmit<TransformRequest, 'id'>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

interface Entry {
  reply: TransformReply | null;
  waiters: Set<() => void>;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Entry>();
const answers = new WeakMap<object, Map<string, Entry>>();

function ensureWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./transforms.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<TransformReply>) => {
      const entry = pending.get(event.data.id);
      pending.delete(event.data.id);
      if (!entry) return;
      entry.reply = event.data;
      for (const w of entry.waiters) w();
      entry.waiters.clear();
    };
  }
  return worker;
}

/**
 * The transform of `request()` for (`owner`, `key`): the answer when it is in, else null, having
 * asked the worker once and noted `ready` to call when the answer arrives.
 */
export function transformed(
  owner: object,
  key: string,
  request: () => Request,
  ready: () => void,
): TransformReply | null {
  let byKey = answers.get(owner);
  if (!byKey) {
    byKey = new Map();
    answers.set(owner, byKey);
  }
  let entry = byKey.get(key);
  if (!entry) {
    entry = { reply: null, waiters: new Set() };
    byKey.set(key, entry);
    const id = nextId++;
    pending.set(id, entry);
    ensureWorker().postMessage({ ...request(), id });
  }
  if (!entry.reply) entry.waiters.add(ready);
  return entry.reply;
}
