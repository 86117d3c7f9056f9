import { averageAccuracy, backwardTransfer, forwardTransfer } from '../engine/metrics';
import type { TaskSwitch } from '../store/results';

/** One row of R: the accuracy on every task when `task` stopped being trained. */
export interface MatrixRow {
  /** The task just trained. */
  task: number;
  /** The step at which it ended. */
  step: number;
  /** Which visit of `task` this row closes (1 = first time trained, 2 = a revisit, …). */
  visit: number;
  accuracy: number[];
}

export interface MethodMatrix {
  rows: MatrixRow[];
  /** Average accuracy, BWT and FWT of the standard matrix (see `standardMatrix`); NaN when undefined. */
  average: number;
  bwt: number;
  fwt: number;
}

/**
 * The rows of R for method `m`, one per task boundary in the order they happened. Every switch
 * away from a trained task is a boundary, a revisit of an old task included (its row is labelled
 * with the visit number); a switch away from a task with no steps (boundary null) is no row.
 * The task in progress has no row yet: R's rows are "after training task i", and it is not over.
 */
export function matrixRows(switches: readonly TaskSwitch[], m: number, taskCount: number): MatrixRow[] {
  const visits = new Map<number, number>();
  return switches
    .filter((s) => s.boundary !== null)
    .map((s) => {
      const visit = (visits.get(s.from) ?? 0) + 1;
      visits.set(s.from, visit);
      const accuracy = Array.from({ length: taskCount }, (_, j) => s.accuracy[m * taskCount + j]);
      return { task: s.from, step: s.step, visit, accuracy };
    });
}

/**
 * The matrix the continual-learning scores are defined on: row i = after task i was first
 * trained, tasks in the order 1, 2, 3, … The longest such prefix of the boundaries is used, so a
 * lecturer who jumps ahead or revisits still gets scores for the part that followed the protocol.
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
): MethodMatrix {
  const rows = matrixRows(switches, m, taskCount);
  const R = standardMatrix(rows);
  return {
    rows,
    average: R.length ? averageAccuracy(R) : Number.NaN,
    bwt: R.length ? backwardTransfer(R) : Number.NaN,
    fwt: R.length ? forwardTransfer(R, initialAccuracy) : Number.NaN,
  };
}
