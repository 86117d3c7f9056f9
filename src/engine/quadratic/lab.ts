import { createRng } from '../random';
import { jointOptimum } from './closedForm';
import { descend } from './descent';
import type { Sym2, Vec2 } from './mat2';
import {
  CL_METHODS,
  type ClMethod,
  fisherOf,
  penaltyTerms,
  type Strengths,
  siImportance,
  type TaskMemory,
} from './methods';
import {
  addTerm,
  EMPTY_SUM,
  hessianOf,
  type QuadSum,
  type QuadTask,
  type QuadTerm,
  termOf,
  termValue,
} from './task';

/** Everything one run of the lab depends on; plain numbers and arrays, so it serialises. */
export interface LabParams extends Strengths {
  /** Task A, task B and optionally task C, trained in this order. */
  readonly tasks: readonly QuadTask[];
  readonly theta0: Vec2;
  readonly lr: number;
  /** Gradient steps per task. */
  readonly steps: number;
  readonly noise: number;
  readonly seed: number;
}

export interface MethodRun {
  /** Points (x, y interleaved) from the end of task A through every later task: steps·(tasks−1)+1 points. */
  readonly path: Float64Array;
  /** The method's own objective (task loss + its penalty) in each phase after task A. */
  readonly objectives: readonly QuadSum[];
  /** Its penalty while learning task B (what it "believes" task A looks like); null for SGD. */
  readonly penaltyB: QuadTerm | null;
  /** Each task's loss at the method's final point. */
  readonly finalLosses: readonly number[];
  readonly diverged: boolean;
}

export interface SiStats {
  readonly omega: Vec2;
  readonly delta: Vec2;
  readonly importance: Vec2;
  /** Σω: SI's path integral over task A's trajectory. */
  readonly pathIntegral: number;
  /** L_A(θ₀) − L_A(end of A): what the path integral equals for exact gradient flow. */
  readonly lossDrop: number;
}

export interface LabResult {
  /** Task A's trajectory from θ₀ (shared by all methods): steps+1 points. */
  readonly pathA: Float64Array;
  readonly memoryA: TaskMemory;
  readonly si: SiStats;
  /** The Fisher EWC uses for task A (diagonal or full H_A). */
  readonly fisher: Sym2;
  readonly joint: Vec2 | null;
  readonly methods: Readonly<Record<ClMethod, MethodRun>>;
  readonly diverged: boolean;
}

/** Distinct noise per phase, identical across methods (so they are compared on the same draws). */
const phaseSeed = (seed: number, phase: number): number =>
  Math.imul(seed + 1, 0x9e3779b1) ^ (phase * 0x85ebca6b);

const pointAt = (path: Float64Array, i: number): Vec2 => [path[2 * i]!, path[2 * i + 1]!];

function runMethod(method: ClMethod, p: LabParams, memoryA: TaskMemory): MethodRun {
  const phases = p.tasks.length - 1;
  const path = new Float64Array(2 * (p.steps * phases + 1));
  const memories: TaskMemory[] = [memoryA];
  const objectives: QuadSum[] = [];
  let penaltyB: QuadTerm | null = null;
  let diverged = false;
  for (let phase = 1; phase <= phases; phase++) {
    const task = p.tasks[phase]!;
    const terms = penaltyTerms(method, memories, p);
    const penalty = terms.reduce(addTerm, EMPTY_SUM);
    if (phase === 1) penaltyB = terms[0] ?? null;
    objectives.push(addTerm(penalty, termOf(task)));
    const at = (phase - 1) * p.steps;
    const start = memories[memories.length - 1]!.end;
    const spec = { task: termOf(task), penalty, lr: p.lr, steps: p.steps, noise: p.noise };
    const outcome = descend({ ...spec, normal: normalsFrom(phaseSeed(p.seed, phase)) }, start, path, at);
    diverged ||= outcome.diverged;
    memories.push({
      start,
      end: pointAt(path, at + p.steps),
      omega: outcome.omega,
      hessian: hessianOf(task),
    });
  }
  const [ex, ey] = pointAt(path, p.steps * phases);
  const finalLosses = p.tasks.map((t) => termValue(termOf(t), ex, ey));
  return { path, objectives, penaltyB, finalLosses, diverged };
}

/** The engine's seeded generator, as a plain source of standard normals. */
function normalsFrom(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.normal();
}

/** Trains task A once, then every later task with each method from where A ended. */
export function computeLab(p: LabParams): LabResult {
  const taskA = p.tasks[0]!;
  const termA = termOf(taskA);
  const pathA = new Float64Array(2 * (p.steps + 1));
  const spec = { task: termA, penalty: EMPTY_SUM, lr: p.lr, steps: p.steps, noise: p.noise };
  const outcomeA = descend({ ...spec, normal: normalsFrom(phaseSeed(p.seed, 0)) }, p.theta0, pathA, 0);
  const endA = pointAt(pathA, p.steps);
  const memoryA: TaskMemory = { start: p.theta0, end: endA, omega: outcomeA.omega, hessian: termA.H };
  const methods = Object.fromEntries(CL_METHODS.map((m) => [m, runMethod(m, p, memoryA)])) as Record<
    ClMethod,
    MethodRun
  >; // fromEntries loses the key type; CL_METHODS covers every key
  const si: SiStats = {
    omega: outcomeA.omega,
    delta: [endA[0] - p.theta0[0], endA[1] - p.theta0[1]],
    importance: siImportance([memoryA], p.xi),
    pathIntegral: outcomeA.omega[0] + outcomeA.omega[1],
    lossDrop: termValue(termA, p.theta0[0], p.theta0[1]) - termValue(termA, endA[0], endA[1]),
  };
  return {
    pathA,
    memoryA,
    si,
    fisher: fisherOf(termA.H, p.fullFisher),
    joint: jointOptimum(p.tasks),
    methods,
    diverged: outcomeA.diverged || CL_METHODS.some((m) => methods[m].diverged),
  };
}
