/**
 * Which gallery digits a method got right and has got wrong since: "flips", each with the step of
 * the evaluation at which it turned wrong. Tracked in the worker at every live evaluation (the page
 * sees only the latest), so the step is exact. Pure numbers.
 */

/** The argmax of each row of `probabilities` (rows × classes, row-major). */
export function argmaxRows(probabilities: ArrayLike<number>, classes: number): Int32Array {
  const rows = Math.floor(probabilities.length / classes);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (probabilities[r * classes + c] > probabilities[r * classes + best]) best = c;
    }
    out[r] = best;
  }
  return out;
}

export class FlipTracker {
  /** Per method × digit: right at its latest evaluation. */
  private readonly right: Uint8Array;
  /** Per method × digit: the step it turned wrong after being right; -1 when it is not a flip now. */
  readonly flippedAt: Int32Array;

  constructor(
    private readonly methods: number,
    private readonly digits: number,
  ) {
    this.right = new Uint8Array(methods * digits);
    this.flippedAt = new Int32Array(methods * digits).fill(-1);
  }

  /**
   * One evaluation at `step`: `predicted` (methods × digits) against `labels`; only digits for which
   * `tracked(d)` holds count (the tasks trained so far: an untrained task's digits cannot be forgotten).
   */
  update(
    step: number,
    predicted: ArrayLike<number>,
    labels: ArrayLike<number>,
    tracked: (d: number) => boolean,
  ): void {
    for (let m = 0; m < this.methods; m++) {
      for (let d = 0; d < this.digits; d++) {
        if (!tracked(d)) continue;
        const k = m * this.digits + d;
        if (predicted[k] === labels[d]) {
          this.right[k] = 1;
          this.flippedAt[k] = -1;
        } else if (this.right[k]) {
          this.right[k] = 0;
          this.flippedAt[k] = step;
        }
      }
    }
  }
}
