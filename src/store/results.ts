import { create } from 'zustand';
import type { MethodId } from '../engine/methodIds';
import type {
  BackendEvent,
  BackendName,
  FrozenOutputs,
  JournalEntry,
  LandscapeEvent,
  MethodBoundary,
  Phase,
  RunConfig,
  WorkerErrorEvent,
  WorkerEvent,
} from '../worker/protocol';
import { applySynapseEvent, clearSynapses } from './synapses';

/**
 * One evaluation: accuracy is methods × tasks, row-major. A live one (full: false) measures the
 * tasks trained so far on the live subset (NaN for the others); a full one every task's test set.
 */
export interface EvaluationPoint {
  step: number;
  task: number;
  full: boolean;
  accuracy: Float32Array;
  trainLoss: Float32Array;
  penalty: Float32Array;
  numTensors: number;
  /** Per lane, its method's diagnostics summed since the previous evaluation (null: none, as SGD). */
  diagnostics: readonly (Readonly<Record<string, number>> | null)[];
  /** Per lane, what its frozen copy (LwF's) keeps; null when no lane keeps one. */
  frozen: readonly (FrozenOutputs | null)[] | null;
}

export interface TaskSwitch {
  step: number;
  from: number;
  to: number;
  /** Accuracy of every method on every task when `from` ended (methods × tasks): a row of R. */
  accuracy: Float32Array;
  boundary: MethodBoundary[] | null;
  /** Its per-parameter importances were let go (only the latest KEPT_IMPORTANCES boundaries keep them). */
  released?: boolean;
}

/**
 * Boundaries whose per-parameter importances (F, ω, Ω of every parameter, for every method) stay
 * in memory: the four of one pass through split MNIST. Each is about 13 MB for four methods of a
 * 784-256-256 network, so a lecture that switches task every minute would otherwise grow by that
 * much a minute. Older boundaries keep their losses and Σω (the path-integral panel,
 * the accuracy matrix); the importance panels say when a boundary's values are gone.
 */
export const KEPT_IMPORTANCES = 4;
const NO_VALUES = new Float32Array(0);

/** The switches with every boundary's per-parameter importances but the latest few let go. */
function releaseOldImportances(switches: TaskSwitch[]): TaskSwitch[] {
  const withValues = switches.flatMap((sw, i) => (sw.boundary ? [i] : []));
  const keepFrom = withValues.at(-KEPT_IMPORTANCES) ?? 0;
  return switches.map((sw, i) => {
    if (!sw.boundary || sw.released || i >= keepFrom) return sw;
    const boundary = sw.boundary.map((m) => ({
      ...m,
      layers: m.layers.map((l) => ({
        ...l,
        measures: l.measures.map((x) => ({ ...x, values: NO_VALUES })),
      })),
    }));
    return { ...sw, boundary, released: true };
  });
}

/** Where the worker's start-up is: starting at all, probing or loading a backend, fetching the data, building the first run. */
export type StartupStage =
  | { stage: 'worker' }
  | { stage: 'probe' | 'load'; backend: BackendName }
  | { stage: 'data'; loaded: number; total: number }
  | { stage: 'build' };

/** A restore bringing a run back (after a crash or a lost device), or how the last one ended. */
export interface RestoreState {
  step: number;
  until: number;
  /** Once done: the largest difference between the restored and the recorded accuracies. */
  mismatch?: number;
}

/** What the worker has streamed so far. Written only by `applyEvent` and the reset helpers. */
export interface ResultsState {
  phase: Phase;
  /** The start-up stage under way (null past start-up), and the one that passed its time limit. */
  startup: StartupStage | null;
  stalled: StartupStage | null;
  backend: Omit<BackendEvent, 'type'> | null;
  errors: (Omit<WorkerErrorEvent, 'type'> & { id: number })[];
  config: RunConfig | null;
  taskNames: string[];
  initialAccuracy: number[];
  /** Per lane, its untrained accuracy on each task: with seed lanes each seed's own (its FWT baseline). */
  laneInitialAccuracy: number[][];
  /** Test digits per task: in the whole test set, and in the live evaluation subset. */
  testDigits: number[];
  liveTestDigits: number[];
  evaluations: EvaluationPoint[];
  switches: TaskSwitch[];
  /** By method; `lane` tells which of a sweep's lanes (the latest of them, if several diverged). */
  diverged: Partial<Record<MethodId, { step: number; cause: string; lane: number }>>;
  /** The last loss landscape computed, and how far the one being computed has got. */
  landscape: Omit<LandscapeEvent, 'type'> | null;
  landscapeProgress: { done: number; total: number } | null;
  /** Training speed over the last few seconds (steps per wall-clock second); null when not training. */
  stepsPerSecond: number | null;
  /** Worker time in training steps and in evaluations since the run began (ms). */
  workerMs: { train: number; evaluate: number };
  /** Task switches, settings and halts at the steps they took effect: how to train this run again. */
  journal: JournalEntry[];
  restore: RestoreState | null;
}

const emptyRun = () => ({
  config: null,
  taskNames: [],
  initialAccuracy: [],
  laneInitialAccuracy: [],
  testDigits: [],
  liveTestDigits: [],
  evaluations: [],
  stepsPerSecond: null,
  workerMs: { train: 0, evaluate: 0 },
  switches: [],
  diverged: {},
  landscape: null,
  landscapeProgress: null,
  journal: [],
  restore: null,
});

let nextErrorId = 0;

/** When each recent evaluation arrived (page clock) and its step: the speed readout's window. */
const speed: { at: number; step: number }[] = [];
const SPEED_WINDOW_MS = 3000;

/** Steps per second over about the last three seconds of arrivals (null until two are in). */
function stepsPerSecond(step: number): number | null {
  const now = performance.now();
  speed.push({ at: now, step });
  while (speed.length > 2 && now - speed[1].at > SPEED_WINDOW_MS) speed.shift();
  const first = speed[0];
  return speed.length < 2 || now <= first.at ? null : ((step - first.step) * 1000) / (now - first.at);
}

export const useResults = create<ResultsState>(() => ({
  phase: 'starting',
  startup: { stage: 'worker' },
  stalled: null,
  backend: null,
  errors: [],
  ...emptyRun(),
}));

function unpackEvaluations(e: Extract<WorkerEvent, { type: 'evaluations' }>): EvaluationPoint[] {
  const n = e.steps.length;
  const perEval = e.accuracy.length / Math.max(1, n);
  const methods = e.trainLoss.length / Math.max(1, n);
  return Array.from({ length: n }, (_, i) => ({
    step: e.steps[i],
    task: e.task[i],
    full: e.full[i] === 1,
    accuracy: e.accuracy.subarray(i * perEval, (i + 1) * perEval),
    trainLoss: e.trainLoss.subarray(i * methods, (i + 1) * methods),
    penalty: e.penalty.subarray(i * methods, (i + 1) * methods),
    numTensors: e.numTensors[i],
    diagnostics: e.diagnostics[i],
    frozen: e.frozen[i],
  }));
}

export function applyEvent(event: WorkerEvent): void {
  switch (event.type) {
    case 'backend': {
      const { type: _, ...backend } = event;
      useResults.setState({ backend, startup: null });
      return;
    }
    case 'phase':
      if (event.phase !== 'training') speed.length = 0;
      useResults.setState((s) => ({
        phase: event.phase,
        ...(event.phase === 'training' ? {} : { stepsPerSecond: null }),
        // The notice of a finished restore has said its piece once the run goes on.
        restore: event.phase === 'training' ? null : s.restore,
        // Loading the data is the last start-up stage; anything after it ends start-up.
        startup:
          event.phase === 'loading-data'
            ? { stage: 'data', loaded: 0, total: 0 }
            : event.phase === 'starting'
              ? s.startup
              : null,
      }));
      return;
    case 'startup': {
      const { type: _, ...startup } = event;
      useResults.setState({ startup });
      return;
    }
    case 'run':
      speed.length = 0;
      clearSynapses();
      useResults.setState({
        ...emptyRun(),
        config: event.config,
        taskNames: event.taskNames,
        initialAccuracy: event.initialAccuracy,
        laneInitialAccuracy: event.laneInitialAccuracy,
        testDigits: event.testDigits,
        liveTestDigits: event.liveTestDigits,
      });
      return;
    case 'evaluations': {
      const points = unpackEvaluations(event);
      const step = points.at(-1)?.step;
      useResults.setState((s) => ({
        evaluations: s.evaluations.concat(points),
        workerMs: { train: event.trainMs, evaluate: event.evalMs },
        stepsPerSecond:
          s.phase === 'training' && step !== undefined ? stepsPerSecond(step) : s.stepsPerSecond,
      }));
      return;
    }
    case 'task-switch': {
      const { type: _, ...sw } = event;
      useResults.setState((s) => ({
        switches: releaseOldImportances([...s.switches, sw]),
        journal: [...s.journal, { step: sw.step, kind: 'switch', task: sw.to }],
      }));
      return;
    }
    case 'diverged':
      useResults.setState((s) => ({
        diverged: {
          ...s.diverged,
          [event.method]: { step: event.step, cause: event.cause, lane: event.lane },
        },
        journal: [...s.journal, { step: event.step, kind: 'halt', method: event.method, lane: event.lane }],
      }));
      return;
    case 'settings-applied': {
      const { type: _, ...entry } = event;
      useResults.setState((s) => ({ journal: [...s.journal, { ...entry, kind: 'settings' }] }));
      return;
    }
    case 'restore': {
      const { step, until, accuracy } = event;
      useResults.setState((s) => ({
        restore: { step, until, mismatch: accuracy && mismatch(s, until, accuracy) },
      }));
      return;
    }
    case 'run-lost':
      // The session restores the run (store/session.ts); what was recorded stays on screen.
      return;
    case 'landscape-progress':
      useResults.setState({ landscapeProgress: { done: event.done, total: event.total } });
      return;
    case 'landscape': {
      const { type: _, ...landscape } = event;
      useResults.setState({ landscape, landscapeProgress: null });
      return;
    }
    case 'synapse-setup':
    case 'pixel-maps':
    case 'gallery':
    case 'confusion':
      applySynapseEvent(event);
      return;
    case 'error': {
      const { type: _, ...error } = event;
      useResults.setState((s) => ({ errors: [...s.errors, { ...error, id: nextErrorId++ }] }));
      return;
    }
  }
}

/** The largest difference between restored accuracies and those recorded at the same step. */
function mismatch(s: ResultsState, step: number, accuracy: Float32Array): number {
  const recorded = s.evaluations.filter((e) => e.step === step).at(-1)?.accuracy;
  if (!recorded || recorded.length !== accuracy.length) return Number.POSITIVE_INFINITY;
  // Tasks not evaluated are NaN on both sides and agree.
  return accuracy.reduce(
    (worst, a, i) =>
      Number.isNaN(a) && Number.isNaN(recorded[i]) ? worst : Math.max(worst, Math.abs(a - recorded[i])),
    0,
  );
}

/** Forgets the streamed run (a reset or a new configuration); the backend and errors stay. */
export function clearRun(): void {
  useResults.setState(emptyRun());
  clearSynapses();
}

export function dismissError(id: number): void {
  useResults.setState((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
}

/** The task currently trained: the target of the last switch, else the first task. */
export function currentTask(s: ResultsState): number {
  return s.switches.at(-1)?.to ?? 0;
}
