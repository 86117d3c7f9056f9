import * as tf from '@tensorflow/tfjs-core';

/**
 * The path integral of the training loss along the weights' trajectory (Zenke, Poole & Ganguli
 * 2017, Eq. 3), over every trained variable (trunk and every head):
 *   every step        ω_k += −g_k·Δθ_k   (g: the training-loss gradient, penalties excluded;
 *                                         Δθ: the update the optimizer really applied)
 *   at a boundary     the task's ω and the weights it started from go to the importance measures,
 *                     then ω ← 0 and the start moves to the current weights.
 * −Σω is then the loss change along the path: Σω ≈ L(start) − L(end).
 */
export class PathIntegral {
  omega: tf.Tensor[];
  /** θ̃: the weights at the start of the current task. */
  start: tf.Tensor[];

  constructor(thetas: readonly tf.Tensor[]) {
    this.omega = thetas.map((t) => tf.keep(tf.zerosLike(t)));
    this.start = thetas.map((t) => tf.keep(tf.clone(t)));
  }

  /** One step: `grads[i]` and `deltas[i]` belong to variable `indices[i]` (the others did not move). */
  accumulate(indices: readonly number[], grads: readonly tf.Tensor[], deltas: readonly tf.Tensor[]): void {
    indices.forEach((k, i) => {
      const previous = this.omega[k];
      this.omega[k] = tf.keep(tf.tidy(() => tf.sub(previous, tf.mul(grads[i], deltas[i]))));
      previous.dispose();
    });
  }

  /** Replaces ω by `omega` (taking ownership), e.g. ω accumulated by the fused step. */
  adopt(omega: tf.Tensor[]): void {
    tf.dispose(this.omega);
    this.omega = omega.map((w) => tf.keep(w));
  }

  /** Σω over every variable (a new scalar). */
  total(): tf.Scalar {
    return tf.tidy(() => tf.addN(this.omega.map((w) => tf.sum(w)))) as tf.Scalar;
  }

  /** Starts the next task's integral at `thetas`. */
  restart(thetas: readonly tf.Tensor[]): void {
    tf.dispose([...this.omega, ...this.start]);
    this.omega = thetas.map((t) => tf.keep(tf.zerosLike(t)));
    this.start = thetas.map((t) => tf.keep(tf.clone(t)));
  }

  dispose(): void {
    tf.dispose([...this.omega, ...this.start]);
  }
}
