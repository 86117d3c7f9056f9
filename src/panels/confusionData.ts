/**
 * The confusion matrices' data: per method, how often each true digit got each answer, on the
 * full test sets of the tasks trained so far. Class-incremental: one 10×10 matrix over every seen
 * digit; the other scenarios: one task's matrix (its two answers, or ten). Pure data.
 */
import type { MethodId } from '../engine/methodIds';
import type { Confusion } from '../store/synapses';

export interface ConfusionMatrix {
  method: MethodId;
  /** The digit of each row (true) and column (answer); one shared output shows only the digits seen. */
  labels: number[];
  counts: number[][];
  /** Each row's counts as shares of the row (NaN for a digit with no test examples here). */
  shares: number[][];
}

/**
 * The matrices of `c`: summed over every evaluated task when `allTasks` (class-incremental: one
 * shared output), else task `task`'s alone; `offset` is that task's first digit.
 */
export function confusionMatrices(
  c: Confusion,
  methods: readonly MethodId[],
  allTasks: boolean,
  task: number,
  offset: number,
): ConfusionMatrix[] {
  const C = c.classes;
  const T = c.evaluated.length;
  const count = (m: number, i: number, j: number) => {
    let n = 0;
    for (let t = 0; t < T; t++) {
      if (!c.evaluated[t] || (!allTasks && t !== task)) continue;
      n += c.counts[((m * T + t) * C + i) * C + j];
    }
    return n;
  };
  // One shared output: only the digits seen (as a true digit, or as any method's answer).
  const used = (k: number) =>
    methods.some((_, m) =>
      Array.from({ length: C }, (_, x) => count(m, k, x) + count(m, x, k)).some((n) => n > 0),
    );
  const classes = Array.from({ length: C }, (_, k) => k).filter((k) => !allTasks || used(k));
  const labels = classes.map((k) => (allTasks ? k : offset + k));
  return methods.map((method, m) => {
    const counts = classes.map((i) => classes.map((j) => count(m, i, j)));
    const shares = counts.map((row) => {
      const total = row.reduce((a, b) => a + b, 0);
      return row.map((v) => (total > 0 ? v / total : Number.NaN));
    });
    return { method, labels, counts, shares };
  });
}

/** The share of the test examples of digits `from` that got an answer among `to`. */
export function shareAnsweredAs(
  matrix: ConfusionMatrix,
  from: readonly number[],
  to: readonly number[],
): number {
  let all = 0;
  let into = 0;
  matrix.labels.forEach((digit, i) => {
    if (!from.includes(digit)) return;
    matrix.labels.forEach((answer, j) => {
      all += matrix.counts[i][j];
      if (to.includes(answer)) into += matrix.counts[i][j];
    });
  });
  return all > 0 ? into / all : Number.NaN;
}

/** The share answered right (the diagonal) of a matrix. */
export function shareRight(matrix: ConfusionMatrix): number {
  let all = 0;
  let right = 0;
  matrix.counts.forEach((row, i) => {
    row.forEach((v, j) => {
      all += v;
      if (i === j) right += v;
    });
  });
  return all > 0 ? right / all : Number.NaN;
}
