import { create } from 'zustand';
import type { MethodId } from '../engine/methodIds';
import type {
  BackendEvent,
  LandscapeEvent,
  MethodBoundary,
  Phase,
  RunConfig,
  WorkerErrorEvent,
  WorkerEvent,
} from '../worker/protocol';

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
}

export interface TaskSwitch {
  step: number;
  from: number;
  to: number;
  /** Accuracy of every method on every task when `from` ended (methods × tasks): a row of R. */
  accuracy: Float32Array;
  boundary: MethodBoundary[] | null;
}

/** What the worker has streamed so far. Written only by `applyEvent` and the reset helpers. */
export interface ResultsState {
  phase: Phase;
  backend: Omit<BackendEvent, 'type'> | null;
  errors: (Omit<WorkerErrorEvent, 'type'> & { id: number })[];
  config: RunConfig | null;
  taskNames: string[];
  initialAccuracy: number[];
  /** Test digits per task: in the whole test set, and in the live evaluation subset. */
  testDigits: number[];
  liveTestDigits: number[];
  evaluations: EvaluationPoint[];
  switches: TaskSwitch[];
  diverged: Partial<Record<MethodId, { step: number; cause: string }>>;
  /** The last loss landscape computed, and how far the one being computed has got. */
  landscape: Omit<LandscapeEvent, 'type'> | null;
  landscapeProgress: { done: number; total: number } | null;
  /** Training speed over the last few seconds (steps per wall-clock second); null when not training. */
  stepsPerSecond: number | null;
  /** Worker time in training steps and in evaluations since the run began (ms). */
  workerMs: { train: number; evaluate: number };
}

const emptyRun = () => ({
  config: null,
  taskNames: [],
  initialAccuracy: [],
  testDigits: [],
  liveTestDigits: [],
  evaluations: [],
  stepsPerSecond: null,
  workerMs: { train: 0, evaluate: 0 },
  switches: [],
  diverged: {},
  landscape: null,
  landscapeProgress: null,
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
  }));
}

export function applyEvent(event: WorkerEvent): void {
  switch (event.type) {
    case 'backend': {
      const { type: _, ...backend } = event;
      useResults.setState({ backend });
      return;
    }
    case 'phase':
      if (event.phase !== 'training') speed.length = 0;
      useResults.setState({
        phase: event.phase,
        ...(event.phase === 'training' ? {} : { stepsPerSecond: null }),
      });
      return;
    case 'run':
      speed.length = 0;
      useResults.setState({
        ...emptyRun(),
        config: event.config,
        taskNames: event.taskNames,
        initialAccuracy: event.initialAccuracy,
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
      useResults.setState((s) => ({ switches: [...s.switches, sw] }));
      return;
    }
    case 'diverged':
      useResults.setState((s) => ({
        diverged: { ...s.diverged, [event.method]: { step: event.step, cause: event.cause } },
      }));
      return;
    case 'landscape-progress':
      useResults.setState({ landscapeProgress: { done: event.done, total: event.total } });
      return;
    case 'landscape': {
      const { type: _, ...landscape } = event;
      useResults.setState({ landscape, landscapeProgress: null });
      return;
    }
    case 'error': {
      const { type: _, ...error } = event;
      useResults.setState((s) => ({ errors: [...s.errors, { ...error, id: nextErrorId++ }] }));
      return;
    }
  }
}

/** Forgets the streamed run (a reset or a new configuration); the backend and errors stay. */
export function clearRun(): void {
  useResults.setState(emptyRun());
}

export function dismissError(id: number): void {
  useResults.setState((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
}

/** The task currently trained: the target of the last switch, else the first task. */
export function currentTask(s: ResultsState): number {
  return s.switches.at(-1)?.to ?? 0;
}
