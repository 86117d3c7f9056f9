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

/** One evaluation on the fixed subset: accuracy is methods × tasks, row-major. */
export interface EvaluationPoint {
  step: number;
  task: number;
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
  evaluations: EvaluationPoint[];
  switches: TaskSwitch[];
  diverged: Partial<Record<MethodId, { step: number; cause: string }>>;
  /** The last loss landscape computed, and how far the one being computed has got. */
  landscape: Omit<LandscapeEvent, 'type'> | null;
  landscapeProgress: { done: number; total: number } | null;
}

const emptyRun = () => ({
  config: null,
  taskNames: [],
  initialAccuracy: [],
  evaluations: [],
  switches: [],
  diverged: {},
  landscape: null,
  landscapeProgress: null,
});

let nextErrorId = 0;

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
      useResults.setState({ phase: event.phase });
      return;
    case 'run':
      useResults.setState({
        ...emptyRun(),
        config: event.config,
        taskNames: event.taskNames,
        initialAccuracy: event.initialAccuracy,
      });
      return;
    case 'evaluations': {
      const points = unpackEvaluations(event);
      useResults.setState((s) => ({ evaluations: s.evaluations.concat(points) }));
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
