import { type MethodMatrix as ClaimMatrix, sumDiagnostics } from '../engine/claims';
import { averageAccuracy, backwardTransfer, forwardTransfer } from '../engine/metrics';
import type { EvaluationPoint, ResultsState, TaskSwitch } from '../store/results';
import { type LaneGroup, type Spread, spreadOf } from './seedSpreadData';

/**
 * Where a row of R comes from: a task switch (the full test set), the end of an automatic
 * schedule (the full test set, no switch follows), or the task being trained now (the latest live
 * evaluation, on the live subset: in progress).
 */
export type RowKind = 'switch' | 'end' | 'now';

/** One row of R: the accuracy on every task when `task` stopped being trained (or now). */
export interface MatrixRow {
  /** The task just trained (or being trained). */
  task: number;
  /** The step of the row. */
  step: number;
  /** Which visit of `task` this row closes (1 = first time trained, 2 = a revisit, …). */
  visit: number;
  kind: RowKind;
  accuracy: number[];
}

export interface MethodMatrix {
  rows: MatrixRow[];
  /** Average accuracy, BWT and FWT of the standard matrix (see `standardMatrix`); NaN when undefined. */
  average: number;
  bwt: number;
  fwt: number;
}

/** The evaluation that gives the row of the task being trained: the latest, if it has steps since the last switch. */
export function latestEvaluation(
  evaluations: readonly EvaluationPoint[],
  switches: readonly TaskSwitch[],
): EvaluationPoint | null {
  const e = evaluations.at(-1);
  return e && e.step > (switches.at(-1)?.step ?? 0) ? e : null;
}

/**
 * The rows of R for method `m`, one per task boundary in the order they happened, then the row of
 * the task being trained (from `latest`, when given). Every switch away from a trained task is a
 * boundary, a revisit of an old task included (labelled with its visit number); a switch away from
 * a task with no steps (boundary null) is no row.
 */
export function matrixRows(
  switches: readonly TaskSwitch[],
  m: number,
  taskCount: number,
  latest: EvaluationPoint | null = null,
): MatrixRow[] {
  const visits = new Map<number, number>();
  const row = (task: number, step: number, kind: RowKind, acc: Float32Array): MatrixRow => {
    const visit = (visits.get(task) ?? 0) + 1;
    visits.set(task, visit);
    const accuracy = Array.from({ length: taskCount }, (_, j) => acc[m * taskCount + j]);
    return { task, step, visit, kind, accuracy };
  };
  const rows = switches
    .filter((s) => s.boundary !== null)
    .map((s) => row(s.from, s.step, 'switch', s.accuracy));
  if (latest) rows.push(row(latest.task, latest.step, latest.full ? 'end' : 'now', latest.accuracy));
  return rows;
}

/**
 * The matrix the continual-learning scores are defined on: row i = after task i was first
 * trained, tasks in the order 1, 2, 3, … The longest such prefix of the rows is used (the row of
 * the task being trained included, so the scores are those of the latest row, as the CLI's at the
 * same point), and a lecturer who jumps ahead or revisits still gets scores for the part that
 * followed the protocol.
 */
export function standardMatrix(rows: readonly MatrixRow[]): number[][] {
  const R: number[][] = [];
  for (const row of rows) {
    if (row.visit !== 1 || row.task !== R.length) break;
    R.push(row.accuracy);
  }
  return R;
}

export function methodMatrix(
  switches: readonly TaskSwitch[],
  m: number,
  taskCount: number,
  initialAccuracy: readonly number[],
  latest: EvaluationPoint | null = null,
): MethodMatrix {
  const rows = matrixRows(switches, m, taskCount, latest);
  const R = standardMatrix(rows);
  return {
    rows,
    average: R.length ? averageAccuracy(R) : Number.NaN,
    bwt: R.length ? backwardTransfer(R) : Number.NaN,
    fwt: R.length ? forwardTransfer(R, initialAccuracy) : Number.NaN,
  };
}

/**
 * A finished run's accuracy matrix per method, as the page recorded it (a row at each task switch
 * and at the automatic schedule's end, on the full test sets), for checking claims; null until
 * every task has its row.
 */
export function finishedRuns(
  r: Pick<ResultsState, 'config' | 'switches' | 'evaluations' | 'taskNames'>,
): ClaimMatrix[] | null {
  const latest = latestEvaluation(r.evaluations, r.switches);
  const T = r.taskNames.length;
  if (!r.config || !latest?.full || T === 0) return null;
  const runs = r.config.methods.map((method, m) => ({
    method,
    accuracy: standardMatrix(matrixRows(r.switches, m, T, latest)),
    // Each evaluation holds the sums since the one before, taken while its task was trained.
    diagnostics: Array.from({ length: T }, (_, t) =>
      sumDiagnostics(r.evaluations.filter((e) => e.task === t).map((e) => e.diagnostics[m] ?? null)),
    ),
  }));
  return runs.every((run) => run.accuracy.length === T) ? runs : null;
}

/** A row of R for a group of seed lanes: the mean over its seeds per cell, and each cell's min–max. */
export interface GroupRow extends MatrixRow {
  spread: Spread[];
}

/** R for a method over its seeds: every cell's mean and band, and the scores' (each seed's own). */
export interface GroupMatrix {
  rows: GroupRow[];
  average: Spread;
  bwt: Spread;
  fwt: Spread;
}

/**
 * A group's matrix from its lanes' (`byLane`: every lane's matrix, by lane index). The lanes share
 * the run's switches, so their rows line up; the scores are each seed's own matrix's, then spread.
 */
export function groupMatrix(byLane: readonly MethodMatrix[], group: LaneGroup): GroupMatrix {
  const lanes = group.lanes.map((l) => byLane[l]);
  const rows = lanes[0].rows.map((row, i) => {
    const spread = row.accuracy.map((_, j) => spreadOf(lanes.map((m) => m.rows[i].accuracy[j])));
    return { ...row, accuracy: spread.map((s) => s.mean), spread };
  });
  return {
    rows,
    average: spreadOf(lanes.map((m) => m.average)),
    bwt: spreadOf(lanes.map((m) => m.bwt)),
    fwt: spreadOf(lanes.map((m) => m.fwt)),
  };
}
