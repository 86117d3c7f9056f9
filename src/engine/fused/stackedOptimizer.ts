import * as tf from '@tensorflow/tfjs-core';
import { ADAM_BETA1, ADAM_BETA2, type OptimizerKind } from '../defaults';

/** Per-lane numbers shaped [lanes, 1, …] to broadcast over a stacked parameter of rank `rank`. */
function perLane(values: ArrayLike<number>, rank: number): tf.Tensor {
  return tf.tensor(Float32Array.from(values), [values.length, ...Array(rank - 1).fill(1)]);
}

function laneMask(on: readonly boolean[], rank: number): tf.Tensor {
  return tf.tensor(Uint8Array.from(on, Number), [on.length, ...Array(rank - 1).fill(1)], 'bool');
}

/**
 * Adam (or plain SGD) on weights stacked along a leading lane axis: one set of kernels for every
 * lane, each lane with its own learning rate and its own step count per group of parameters (the
 * consolidated ones, and each task head, as the per-learner optimizers keep them). A lane that is
 * inactive for a group this step (halted, or its batch does not read that head) keeps θ, m, v and
 * its count exactly. The arithmetic is tfjs's AdamOptimizer's, op for op, so a lane follows a
 * per-learner optimizer to rounding; β^t is kept in float32 the same way.
 */
export class StackedOptimizer {
  private m: tf.Tensor[] = [];
  private v: tf.Tensor[] = [];
  /** β1^t and β2^t per group and lane, rounded to float32 after each product as tfjs does. */
  private acc1: Float64Array[] = [];
  private acc2: Float64Array[] = [];

  constructor(
    readonly kind: OptimizerKind,
    private readonly epsilon: number,
    private readonly lanes: number,
    /** The group of each parameter, in the parameters' order. */
    private readonly groups: readonly number[],
  ) {
    this.reset();
  }

  /** Forgets every moment and count: a fresh optimizer for every lane. */
  reset(): void {
    tf.dispose([...this.m, ...this.v]);
    this.m = [];
    this.v = [];
    const count = Math.max(...this.groups) + 1;
    const fill = (beta: number) =>
      Array.from({ length: count }, () => new Float64Array(this.lanes).fill(Math.fround(beta)));
    this.acc1 = fill(ADAM_BETA1);
    this.acc2 = fill(ADAM_BETA2);
  }

  /**
   * New values of the stacked parameters `indices` from their gradients, `active[group][lane]`,
   * `rates[lane]`. The caller owns the returned tensors and disposes the old values.
   */
  apply(
    indices: readonly number[],
    thetas: readonly tf.Tensor[],
    grads: readonly tf.Tensor[],
    active: readonly (readonly boolean[])[],
    rates: readonly number[],
  ): tf.Tensor[] {
    // Each per-lane factor is made once a step for each group and rank, not once per parameter.
    const made = new Map<string, tf.Tensor>();
    const once = (key: string, make: () => tf.Tensor) => {
      const t = made.get(key) ?? make();
      made.set(key, t);
      return t;
    };
    const out = tf.tidy(() =>
      indices.map((p, i) => {
        const [theta, g] = [thetas[i], grads[i]];
        const group = this.groups[p];
        const rank = theta.rank;
        const mask = active[group].every(Boolean)
          ? null
          : once(`mask ${group} ${rank}`, () => laneMask(active[group], rank));
        const negRate = once(`rate ${rank}`, () =>
          perLane(
            rates.map((r) => -r),
            rank,
          ),
        );
        if (this.kind === 'sgd') {
          const next = tf.add(tf.mul(negRate, g), theta);
          return mask ? tf.where(mask, next, theta) : next;
        }
        const [m0, v0] = [this.m[p] ?? tf.zerosLike(theta), this.v[p] ?? tf.zerosLike(theta)];
        const m = tf.add(tf.mul(m0, ADAM_BETA1), tf.mul(g, 1 - ADAM_BETA1));
        const v = tf.add(tf.mul(v0, ADAM_BETA2), tf.mul(tf.square(g), 1 - ADAM_BETA2));
        const correction = (acc: Float64Array[], name: string) =>
          once(`${name} ${group} ${rank}`, () =>
            perLane(
              acc[group].map((a) => 1 - a),
              rank,
            ),
          );
        const mHat = tf.div(m, correction(this.acc1, 'β1'));
        const vHat = tf.div(v, correction(this.acc2, 'β2'));
        const next = tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), negRate), theta);
        const [m1, v1] = mask ? [tf.where(mask, m, m0), tf.where(mask, v, v0)] : [m, v];
        if (this.m[p]) tf.dispose([this.m[p], this.v[p]]);
        this.m[p] = tf.keep(m1);
        this.v[p] = tf.keep(v1);
        return mask ? tf.where(mask, next, theta) : next;
      }),
    );
    if (this.kind === 'adam') {
      for (const group of new Set(indices.map((p) => this.groups[p]))) {
        active[group].forEach((on, lane) => {
          if (!on) return;
          this.acc1[group][lane] = Math.fround(this.acc1[group][lane] * Math.fround(ADAM_BETA1));
          this.acc2[group][lane] = Math.fround(this.acc2[group][lane] * Math.fround(ADAM_BETA2));
        });
      }
    }
    return out;
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
