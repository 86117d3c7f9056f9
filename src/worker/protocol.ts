/**
 * The one place that lists every message between the page and the training worker.
 * Commands flow in (page → worker), events flow out (worker → page). Large numeric payloads are
 * typed arrays sent as transferables.
 */
import type { BackendName } from '../store/urlParams';

export type { BackendName };

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

// ── Commands ────────────────────────────────────────────────────────────────
export interface InitCommand {
  type: 'init';
  /** 'auto' applies the backend rule in backend.ts; a name forces that backend. */
  backend: BackendName | 'auto';
  /** Absolute URL of the MNIST asset, resolved against the page so sub-path hosting works. */
  dataUrl: string;
}
export interface StartCommand {
  type: 'start';
}
export interface PauseCommand {
  type: 'pause';
}
export interface ResetCommand {
  type: 'reset';
}

export type WorkerCommand = InitCommand | StartCommand | PauseCommand | ResetCommand;

// ── Events ──────────────────────────────────────────────────────────────────
export interface SkippedBackend {
  backend: BackendName;
  reason: string;
}
export interface BackendEvent {
  type: 'backend';
  backend: BackendName;
  /** Backends tried or passed over before this one, each with why. */
  skipped: SkippedBackend[];
  /** What a device loss or a forced choice changed, for the status bar. */
  note?: string;
}
export type Phase = 'starting' | 'loading-data' | 'ready' | 'training' | 'paused';
export interface PhaseEvent {
  type: 'phase';
  phase: Phase;
}
/** Metrics of several evaluation points, batched into one message. */
export interface MetricsEvent {
  type: 'metrics';
  steps: Int32Array;
  /** Loss on the fixed evaluation subset at each step. */
  evalLoss: Float32Array;
  /** tf.memory().numTensors at each step, to watch for leaks. */
  numTensors: Int32Array;
}
export type ErrorScope = 'data' | 'backend' | 'training' | 'worker';
export interface WorkerErrorEvent {
  type: 'error';
  scope: ErrorScope;
  /** What failed. */
  message: string;
  /** What to do about it. */
  hint: string;
}

export type WorkerEvent = BackendEvent | PhaseEvent | MetricsEvent | WorkerErrorEvent;

/** Transferable buffers of an event, so large arrays move instead of being copied. */
export function transferablesOf(event: WorkerEvent): Transferable[] {
  if (event.type === 'metrics') return [event.steps.buffer, event.evalLoss.buffer, event.numTensors.buffer];
  return [];
}
