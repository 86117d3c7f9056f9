import type { RunConfig } from '../engine/runConfig';
import type { EvaluationPoint, TaskSwitch } from '../store/results';
import { groupSpread, type LaneGroup } from './seedSpreadData';

export interface CurvePoint {
  step: number;
  /** The mean over the group's seeds (its one lane's accuracy without seed lanes). */
  accuracy: number;
  /** The band: the lowest and highest seed's accuracy. */
  lo: number;
  hi: number;
}

export interface TaskCurves {
  task: number;
  /** The step at which this task was first trained; its curves start there. */
  firstTrained: number;
  /** One line per lane group (method), in the run's order. */
  lines: CurvePoint[][];
}

/** When each task was first trained: 0 for the first task, else the step of the first switch to it. */
export function firstTrainedSteps(taskCount: number, switches: readonly TaskSwitch[]): (number | null)[] {
  const first: (number | null)[] = Array.from({ length: taskCount }, () => null);
  first[0] = 0;
  for (const s of switches) first[s.to] ??= s.step;
  return first;
}

/**
 * The forgetting curves: for every task trained so far, each method's test accuracy on it
 * (the fixed evaluation subset) against the training step, from when it was first trained; with
 * seed lanes the mean over the method's seeds and their band (min–max).
 */
export function forgettingCurves(
  evaluations: readonly EvaluationPoint[],
  switches: readonly TaskSwitch[],
  groups: readonly LaneGroup[],
  taskCount: number,
): TaskCurves[] {
  const first = firstTrainedSteps(taskCount, switches);
  const out: TaskCurves[] = [];
  first.forEach((start, task) => {
    if (start === null) return;
    const lines = groups.map((g) =>
      evaluations.flatMap((e) => {
        if (e.step < start) return [];
        const { mean, lo, hi } = groupSpread(e.accuracy, g, taskCount, task);
        return [{ step: e.step, accuracy: mean, lo, hi }];
      }),
    );
    out.push({ task, firstTrained: start, lines });
  });
  return out;
}

/** The evaluation nearest to `step` (null when there are none): what hovering at `step` shows. */
export function nearestEvaluation(
  evaluations: readonly EvaluationPoint[],
  step: number,
): EvaluationPoint | null {
  if (evaluations.length === 0) return null;
  const i = bisectStep(evaluations, step);
  const before = evaluations[Math.max(0, i - 1)];
  const after = evaluations[Math.min(evaluations.length - 1, i)];
  return Math.abs(after.step - step) < Math.abs(before.step - step) ? after : before;
}

/** First index whose step is ≥ `step` (steps are increasing). */
function bisectStep(evaluations: readonly EvaluationPoint[], step: number): number {
  let lo = 0;
  let hi = evaluations.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (evaluations[mid].step < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Accuracy of guessing: 1 in 2 for split MNIST's two-way heads, 1 in 10 for ten classes. */
export function chanceLevel(config: Pick<RunConfig, 'protocol' | 'scenario'> | null): number {
  return config?.protocol === 'split-mnist' && config.scenario !== 'class' ? 0.5 : 0.1;
}

/**
 * The accuracy axis: 0–100 %, or zoomed to the drawn points (a small margin around them, in
 * whole 5 % steps) when `zoomWith` is given; chance level (`zoomWith`) stays in view when it is
 * close to the data, so a curve falling to it is not cut off.
 */
export function accuracyDomain(curves: readonly TaskCurves[], zoomWith: number | null): [number, number] {
  if (zoomWith === null) return [0, 1];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const c of curves)
    for (const line of c.lines)
      for (const p of line) {
        // The band, not only the mean, stays in view.
        if (!Number.isFinite(p.accuracy)) continue;
        lo = Math.min(lo, p.lo);
        hi = Math.max(hi, p.hi);
      }
  if (!(hi >= lo)) return [0, 1];
  if (zoomWith < lo && lo - zoomWith < 0.1) lo = zoomWith;
  // 1e-9: 0.8 × 20 is 15.999… in floating point.
  const floor = Math.max(0, Math.floor((lo - 0.02) * 20 + 1e-9) / 20);
  const ceil = Math.min(1, Math.ceil((hi + 0.02) * 20 - 1e-9) / 20);
  return ceil - floor < 0.1 ? [Math.max(0, ceil - 0.1), Math.min(1, floor + 0.1)] : [floor, ceil];
}
