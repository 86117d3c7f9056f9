/**
 * Which gallery digits a method got right and has got wrong since: "flips", each with the step of
 * the evaluation at which it turned wrong. Forgetting is what later tasks do, so a digit flips only
 * while another task trains: while its own task trains its answer may come and go as it is learnt.
 * Tracked in the worker at every live evaluation (the page sees only the latest), so the step is
 * exact. Pure numbers.
 */

/** A digit's task: being trained now, trained before, or not yet trained (its answers do not count). */
export type DigitTask = 'training' | 'past' | 'unseen';

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

  /** One evaluation at `step`: `predicted` (methods × digits) against `labels`, each digit by its task's state. */
  update(
    step: number,
    predicted: ArrayLike<number>,
    labels: ArrayLike<number>,
    task: (d: number) => DigitTask,
  ): void {
    for (let d = 0; d < this.digits; d++) {
      const state = task(d);
      if (state === 'unseen') continue;
      for (let m = 0; m < this.methods; m++) {
        const k = m * this.digits + d;
        const right = predicted[k] === labels[d];
        if (right || state === 'training') this.flippedAt[k] = -1;
        else if (this.right[k]) this.flippedAt[k] = step;
        this.right[k] = right ? 1 : 0;
      }
    }
  }
}
