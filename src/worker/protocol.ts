/**
 * The one place that lists every message between the page and the training worker.
 * Commands flow in (page → worker), events flow out (worker → page). Large numeric payloads are
 * typed arrays sent as transferables.
 */
import type { MethodBoundary } from '../engine/boundary';
import type { FisherEstimator, Hyperparameters } from '../engine/defaults';
import type { FaultPoint } from '../engine/faultPoints';
import type { FrozenOutputs } from '../engine/lockstep';
import type { MethodId } from '../engine/methods/registry';
import type { RunConfig } from '../engine/runConfig';
import type { LearningRateOverrides } from '../engine/settings';
import { type SynapseEvent, synapseTransferables } from './synapseProtocol';

export type {
  FaultPoint,
  FisherEstimator,
  FrozenOutputs,
  Hyperparameters,
  MethodBoundary,
  MethodId,
  RunConfig,
};

/** TensorFlow.js's backends the worker can run on, in the order 'auto' tries them. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** A time limit as the page and the worker both write it: "1.5 s", "60 s". */
export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

// ── Commands ────────────────────────────────────────────────────────────────
export interface InitCommand {
  type: 'init';
  /** 'auto' applies the backend rule in backend.ts; a name forces that backend. */
  backend: BackendName | 'auto';
  /** Absolute URL of the MNIST asset, resolved against the page so sub-path hosting works. */
  dataUrl: string;
  config: RunConfig;
  hyperparameters: Hyperparameters;
  learningRates: MethodLearningRates;
  pacing: Pacing;
  limits: WorkerLimits;
}
/**
 * How long the worker waits on each start-up stage before giving up on it, in ms: a backend's probe
 * or its files (then the next backend is tried), or the data file going quiet (then it says so).
 */
export interface WorkerLimits {
  probeMs: number;
  loadMs: number;
  dataMs: number;
  /** Building the first run, for the page's watch only (a software GPU compiles for many seconds). */
  buildMs: number;
}
/** Starts a new run with this configuration (reset: the same config again). */
export interface ConfigureCommand {
  type: 'configure';
  config: RunConfig;
}
export interface StartCommand {
  type: 'start';
}
export interface PauseCommand {
  type: 'pause';
}
/** Trains one minibatch, or one epoch of the current task, then pauses. */
export interface StepCommand {
  type: 'step';
  unit: 'batch' | 'epoch';
}
/** Consolidates every method and goes on with `task` (0-based). */
export interface SwitchTaskCommand {
  type: 'switch-task';
  task: number;
}
/** Takes effect on the next step (ξ at the next consolidation). */
export interface SetHyperparametersCommand {
  type: 'set-hyperparameters';
  hyperparameters: Partial<Hyperparameters>;
}
/** Learning rates of single methods that differ from the shared one. */
export type MethodLearningRates = LearningRateOverrides;
/** Replaces all per-method learning rates; a method not listed uses the shared rate. */
export interface SetLearningRatesCommand {
  type: 'set-learning-rates';
  learningRates: MethodLearningRates;
}
export interface Pacing {
  /** Target training steps per second; 0 = as fast as the backend goes. */
  stepsPerSecond: number;
  /** Automatic schedule: epochs per task, then the next task; 0 = switch by hand. */
  epochsPerTask: number;
}
export interface SetPacingCommand {
  type: 'set-pacing';
  pacing: Pacing;
}
/**
 * For the fault-handling tests: the worker dies (an uncaught error, then silence), or its WebGPU
 * device is destroyed; now, or when the computation next reaches `at` (src/engine/faultPoints.ts).
 */
export interface CrashCommand {
  type: 'crash';
  what: 'worker' | 'device';
  at?: FaultPoint;
}

/** What changed the run's course, at the step it took effect: enough to train the same run again. */
export type JournalEntry =
  | { step: number; kind: 'switch'; task: number }
  | { step: number; kind: 'settings'; hyperparameters: Hyperparameters; learningRates: MethodLearningRates }
  | { step: number; kind: 'halt'; method: MethodId; lane: number };
/**
 * Builds the run `config` and trains it again, without reporting, to step `until`, applying the
 * journal's entries at their steps (training is deterministic); then pauses. How a run recorded by
 * a worker that died, or on a lost GPU device, is brought back.
 */
export interface RestoreCommand {
  type: 'restore';
  config: RunConfig;
  until: number;
  journal: JournalEntry[];
  /** How the recorded evaluation at `until` was taken, so the check takes it the same way. */
  full: boolean;
}

/** Computes the real loss landscape of the last two tasks on a resolution × resolution grid. */
export interface LandscapeCommand {
  type: 'landscape';
  resolution: number;
}

export type WorkerCommand =
  | InitCommand
  | ConfigureCommand
  | StartCommand
  | PauseCommand
  | StepCommand
  | SwitchTaskCommand
  | SetHyperparametersCommand
  | SetLearningRatesCommand
  | SetPacingCommand
  | LandscapeCommand
  | RestoreCommand
  | CrashCommand;

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
  /** WASM only: whether it runs a SIMD build, and on how many threads (1 unless the page is
   * cross-origin isolated, when it runs its threaded build). */
  simd?: boolean;
  threads?: number;
}
/**
 * The start-up stage the worker has reached: which backend it probes or loads, the data's bytes so
 * far, or building the first run (its first steps compile the backend's programs).
 */
export type StartupEvent =
  | { type: 'startup'; stage: 'probe' | 'load'; backend: BackendName }
  | { type: 'startup'; stage: 'data'; loaded: number; total: number }
  | { type: 'startup'; stage: 'build' };
export type Phase = 'starting' | 'loading-data' | 'ready' | 'training' | 'paused' | 'restoring';
export interface PhaseEvent {
  type: 'phase';
  phase: Phase;
}
/** A run was built: what the panels need to label it. */
export interface RunEvent {
  type: 'run';
  config: RunConfig;
  taskNames: string[];
  /** Accuracy of the untrained network on each task (the FWT baseline), per method (all equal). */
  initialAccuracy: number[];
  /**
   * Per lane, its untrained network's accuracy on each task: with seed lanes (`config.lanes`, each
   * with its seed), each seed's FWT baseline; lanes of one seed share theirs.
   */
  laneInitialAccuracy: number[][];
  /** Test digits of each task: all of them are used at task switches and at a schedule's end. */
  testDigits: number[];
  /** Test digits of each task in the live evaluation subset (see liveEvaluation.ts). */
  liveTestDigits: number[];
}
/**
 * Evaluations at several steps, batched into one message. With E evaluations, M methods and
 * T tasks: `accuracy` is E×M×T (row-major), `trainLoss` and `penalty` are E×M. A live evaluation
 * measures only the tasks trained so far (the others are NaN) on the live subset; `full` marks
 * the ones on every task's whole test set (at task switches and at the end of a schedule).
 */
export interface EvaluationsEvent {
  type: 'evaluations';
  steps: Int32Array;
  /** The task being trained at each evaluation. */
  task: Int32Array;
  /** 1: on the full test sets; 0: on the live subset. */
  full: Uint8Array;
  accuracy: Float32Array;
  trainLoss: Float32Array;
  penalty: Float32Array;
  /** tf.memory().numTensors in the worker at each evaluation, to watch for leaks. */
  numTensors: Int32Array;
  /**
   * Per evaluation and lane, its method's diagnostics summed since the previous evaluation (A-GEM's
   * references, projected steps, Σcos, Σcos²; engine/lockstep.ts `Evaluation`); null for a lane without any.
   */
  diagnostics: (Readonly<Record<string, number>> | null)[][];
  /**
   * Per evaluation: per lane, what its frozen copy (LwF's) says on the current task's digits against
   * the lane's network now (null for a lane without one, or before the first switch); null for the
   * whole evaluation when no lane keeps a frozen copy (the worker then does not read them).
   */
  frozen: ((FrozenOutputs | null)[] | null)[];
  /** Worker time spent in training steps and in evaluations since the run began (ms). */
  trainMs: number;
  evalMs: number;
}
/** A task switch: the task that ended (null if it had no steps), the new one, and what was consolidated. */
export interface TaskSwitchEvent {
  type: 'task-switch';
  step: number;
  from: number;
  to: number;
  /** Accuracy of every method on every task at the switch (M×T), the accuracy matrix's row. */
  accuracy: Float32Array;
  /** Every method's report of the task that ended (the engine's own type). */
  boundary: MethodBoundary[] | null;
}
export interface DivergedEvent {
  type: 'diverged';
  method: MethodId;
  /** Its index among the run's methods (a sweep's lanes share their method). */
  lane: number;
  step: number;
  cause: string;
}
/** The settings in effect from `step` on (journalled so a restore can apply them at the same step). */
export interface SettingsAppliedEvent {
  type: 'settings-applied';
  step: number;
  hyperparameters: Hyperparameters;
  learningRates: MethodLearningRates;
}
/** The run on the worker is gone (its GPU device was lost) and waits to be restored. */
export interface RunLostEvent {
  type: 'run-lost';
}
/** How far a restore has got, then (done) the accuracy it reached, to compare with the recorded one. */
export interface RestoreEvent {
  type: 'restore';
  step: number;
  until: number;
  /** Set once done: every method on every task at `until` (M×T). */
  accuracy?: Float32Array;
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

/** How far the landscape grid has got (grid points done of total). */
export interface LandscapeProgressEvent {
  type: 'landscape-progress';
  done: number;
  total: number;
}
/** One method's weights during task B, projected onto the landscape plane. */
export interface LandscapeTrajectory {
  method: MethodId;
  steps: Int32Array;
  /** x0, y0, x1, y1, …: from its weights at the end of task A to those at the end of task B. */
  coords: Float32Array;
}
/**
 * The plane through θ_A (`origin`'s weights at the end of task A) spanned by where `spans[0]` and
 * `spans[1]` ended task B; orthonormal coordinates, in parameter-space distance from θ_A.
 */
export interface LandscapeEvent {
  type: 'landscape';
  taskA: number;
  taskB: number;
  origin: MethodId;
  spans: [MethodId, MethodId];
  /** Task B is the one being trained: its "end" is where each method is now. */
  inProgress: boolean;
  xs: Float32Array;
  ys: Float32Array;
  /** L_A and L_B (mean cross-entropy on fixed training examples), row-major: index = iy · xs.length + ix. */
  lossA: Float32Array;
  lossB: Float32Array;
  trajectories: LandscapeTrajectory[];
}

export type WorkerEvent =
  | BackendEvent
  | PhaseEvent
  | RunEvent
  | EvaluationsEvent
  | TaskSwitchEvent
  | DivergedEvent
  | LandscapeProgressEvent
  | LandscapeEvent
  | StartupEvent
  | SettingsAppliedEvent
  | RunLostEvent
  | RestoreEvent
  | SynapseEvent
  | WorkerErrorEvent;

/** Transferable buffers of an event, so large arrays move instead of being copied. */
export function transferablesOf(event: WorkerEvent): Transferable[] {
  switch (event.type) {
    case 'evaluations':
      return [
        event.steps,
        event.task,
        event.full,
        event.accuracy,
        event.trainLoss,
        event.penalty,
        event.numTensors,
      ].map((a) => a.buffer);
    case 'task-switch':
      return [
        event.accuracy.buffer,
        ...(event.boundary ?? []).flatMap((m) =>
          m.layers.flatMap((l) => l.measures.map((x) => x.values.buffer)),
        ),
      ];
    case 'landscape':
      return [
        ...[event.xs, event.ys, event.lossA, event.lossB].map((a) => a.buffer),
        ...event.trajectories.flatMap((t) => [t.steps.buffer, t.coords.buffer]),
      ];
    case 'synapse-setup':
    case 'pixel-maps':
    case 'gallery':
    case 'confusion':
      return synapseTransferables(event);
    default:
      return [];
  }
}
