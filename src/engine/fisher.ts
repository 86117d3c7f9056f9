import * as tf from '@tensorflow/tfjs-core';
import type { FisherEstimator } from './defaults';
import { faultPoint } from './faultPoints';
import type { Mlp } from './model/mlp';
import type { Rng } from './random';

/**
 * The diagonal Fisher F_k = 1/N Σ_i E_y[(∂ log p(y|x_i)/∂θ_k)²]: an average of per-example squared
 * gradients, never the square of a batch-mean gradient. The expectation over y is
 *   sampled:   one y drawn from the model's own softmax (the default, a Monte Carlo estimate),
 *   exact:     Σ_c p(c|x)·(…)² over every class,
 *   empirical: the dataset label (not an estimate of the Fisher; shown for comparison).
 *
 * Each estimator becomes a list of target matrices T [N, classes] with one non-zero per row: the
 * per-example loss −Σ_c T_ic log p(c|x_i) then has squared gradient equal to that row's term
 * (exact uses T_ic = √p_ic, so (√p·∇)² = p·∇²). Results are per layer on the path: W, b, W, b, …
 */

const FISHER_BATCH = 256;

/** The target matrices for `estimator` (sampling uses `rng`, in example order). */
export async function fisherTargets(
  model: Mlp,
  x: tf.Tensor2D,
  labels: tf.Tensor2D,
  head: number,
  estimator: FisherEstimator,
  rng: Rng,
): Promise<tf.Tensor2D[]> {
  if (estimator === 'empirical') return [labels.clone()];
  const probs = tf.tidy(() => tf.softmax(model.logits(x, head)));
  const classes = probs.shape[1];
  if (estimator === 'exact') {
    const targets = tf.tidy(() => {
      const root = tf.sqrt(probs);
      return Array.from({ length: classes }, (_, c) => tf.mul(root, tf.oneHot([c], classes)) as tf.Tensor2D);
    });
    probs.dispose();
    return targets;
  }
  const p = await probs.data();
  probs.dispose();
  const sampled = new Int32Array(x.shape[0]);
  for (let i = 0; i < sampled.length; i++) {
    let u = rng.next();
    let c = 0;
    // Inverse-CDF sampling; the last class absorbs rounding so a label is always drawn.
    while (c < classes - 1 && u >= p[i * classes + c]) u -= p[i * classes + c++];
    sampled[i] = c;
  }
  return [
    tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(sampled, 'int32'), classes), 'float32') as tf.Tensor2D),
  ];
}

function summedLoss(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits))));
}

/**
 * Σ over examples of squared per-example gradients, in batches. Zero "probes" are added to every
 * pre-activation z = aW + b + probe; the gradient of the SUMMED loss with respect to a probe has
 * one row per example, G_i = ∂L_i/∂z_i. With A the layer's input, ∂L_i/∂W = a_iᵀG_i, so
 *   Σ_i (∂L_i/∂W)² = (A²)ᵀ(G²)  and  Σ_i (∂L_i/∂b)² = Σ_i G_i².
 */
export function squaredGradientSums(
  model: Mlp,
  x: tf.Tensor2D,
  head: number,
  targets: readonly tf.Tensor2D[],
) {
  const layers = model.path(head);
  const sums = layers.flatMap((l) => [tf.zerosLike(l.W), tf.zerosLike(l.b)]);
  const n = x.shape[0];
  for (let start = 0; start < n; start += FISHER_BATCH) {
    const size = Math.min(FISHER_BATCH, n - start);
    const updated = tf.tidy(() => {
      const xb = x.slice([start, 0], [size, -1]);
      const inputs: tf.Tensor2D[] = [];
      let squaredInputs: tf.Tensor2D[] = [];
      const probes = layers.map((l) => tf.zeros([size, l.b.shape[0]]) as tf.Tensor2D);
      let acc = sums;
      for (const target of targets) {
        const tb = target.slice([start, 0], [size, -1]);
        // The first pass also records each layer's input A (kept past tf.grads' own cleanup).
        const record = squaredInputs.length === 0 ? inputs : undefined;
        const G = tf.grads((...p: tf.Tensor[]) =>
          summedLoss(model.logits(xb, head, p as tf.Tensor2D[], record), tb),
        )(probes);
        // (A²)ᵀ transposed once, explicitly: matMul's transposeA path is ~15× slower on WASM.
        if (record) squaredInputs = inputs.map((a) => tf.transpose(tf.square(a)));
        acc = acc.map((s, j) => {
          const l = j >> 1;
          const g2 = tf.square(G[l]);
          return tf.add(s, j % 2 === 0 ? tf.matMul(squaredInputs[l], g2) : tf.sum(g2, 0));
        });
      }
      tf.dispose(inputs);
      return acc;
    });
    tf.dispose(sums);
    sums.splice(0, sums.length, ...updated);
  }
  return sums;
}

/** The reference: one example at a time, each gradient from autodiff, squared and summed. */
export function squaredGradientSumsOneByOne(
  model: Mlp,
  x: tf.Tensor2D,
  head: number,
  targets: readonly tf.Tensor2D[],
) {
  const vars = model.path(head).flatMap((l) => [l.W, l.b]);
  let sums = vars.map((v) => tf.zerosLike(v) as tf.Tensor);
  for (let i = 0; i < x.shape[0]; i++) {
    const next = tf.tidy(() => {
      const xi = x.slice([i, 0], [1, -1]);
      let acc = sums;
      for (const target of targets) {
        const ti = target.slice([i, 0], [1, -1]);
        const { value, grads } = tf.variableGrads(() => summedLoss(model.logits(xi, head), ti), vars);
        value.dispose();
        acc = acc.map((s, k) => tf.add(s, tf.square(grads[vars[k].name])));
      }
      return acc;
    });
    tf.dispose(sums);
    sums = next;
  }
  return sums;
}

/** The diagonal Fisher of the path to `head` on the examples `x` (with dataset one-hot `labels`). */
export async function diagonalFisher(
  model: Mlp,
  x: tf.Tensor2D,
  labels: tf.Tensor2D,
  head: number,
  estimator: FisherEstimator,
  rng: Rng,
): Promise<tf.Tensor[]> {
  const targets = await fisherTargets(model, x, labels, head, estimator, rng);
  faultPoint('fisher');
  const sums = squaredGradientSums(model, x, head, targets);
  tf.dispose(targets);
  const fisher = sums.map((s) => tf.div(s, x.shape[0]));
  tf.dispose(sums);
  return fisher;
}
