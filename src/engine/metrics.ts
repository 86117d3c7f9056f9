/**
 * Continual-learning scores from an accuracy matrix R: R[i][j] is the test accuracy on task j after
 * training tasks 0..i (every column, including tasks not seen yet). With n rows trained so far:
 *   average accuracy = mean_{j<n} R[n−1][j]
 *   BWT = mean_{i<n−1} (R[n−1][i] − R[i][i])      (negative: forgetting)
 *   FWT = mean_{1≤i<n} (R[i−1][i] − b[i])          (b: accuracy of the untrained initial network)
 */

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);

export function averageAccuracy(R: readonly number[][]): number {
  const n = R.length;
  return mean(R[n - 1].slice(0, n));
}

export function backwardTransfer(R: readonly number[][]): number {
  const n = R.length;
  return mean(R.slice(0, n - 1).map((row, i) => R[n - 1][i] - row[i]));
}

export function forwardTransfer(R: readonly number[][], baseline: readonly number[]): number {
  return mean(R.slice(1).map((_, k) => R[k][k + 1] - baseline[k + 1]));
}

/** Pearson correlation; NaN when either side is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Ranks from 1, ties sharing their average rank. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const r = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    for (let k = start; k <= end; k++) r[order[k]] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return r;
}

/** Spearman rank correlation: Pearson of the ranks. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(a), ranks(b));
}

/**
 * The 95 % half-width, in percentage points, of a subset of n digits drawn without replacement
 * from a test set of N, around the full-test accuracy, at the worst case (accuracy 50 %); 0 when
 * the subset is the whole test set.
 */
export function halfWidth95(n: number, N: number): number {
  if (n >= N) return 0;
  const finite = Math.sqrt((N - n) / Math.max(1, N - 1));
  return 100 * 1.96 * Math.sqrt(0.25 / n) * finite;
}
