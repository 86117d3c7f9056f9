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

/** A per-example loss summed over rows `start … start+size` of the examples, given their logits. */
export type ChunkLoss = (logits: tf.Tensor2D, start: number, size: number) => tf.Scalar;

/** The Fisher's per-example losses: −Σ_c T_ic log p(c|x_i), one per target matrix. */
export const fisherLosses = (targets: readonly tf.Tensor2D[]): ChunkLoss[] =>
  targets.map((t) => (logits, start, size) => summedLoss(logits, t.slice([start, 0], [size, -1])));

/**
 * Σ over examples of |per-example gradient|^power (power 2: squared, the Fisher; power 1: absolute,
 * MAS), summed over `losses`, in batches. Zero "probes" are added to every pre-activation
 * z = aW + b + probe; the gradient of the SUMMED loss with respect to a probe has one row per
 * example, G_i = ∂ℓ_i/∂z_i. With A the layer's input, ∂ℓ_i/∂W = a_iᵀG_i, so
 *   Σ_i (∂ℓ_i/∂W)² = (A²)ᵀ(G²),  Σ_i |∂ℓ_i/∂W| = |A|ᵀ|G|,  and for b: Σ_i G_i² or Σ_i |G_i|.
 * Results follow the path to `head`: W, b of each layer.
 */
export function perExampleGradientSums(
  model: Mlp,
  x: tf.Tensor2D,
  head: number,
  losses: readonly ChunkLoss[],
  power: 1 | 2,
): tf.Tensor[] {
  const elementwise = power === 2 ? tf.square : tf.abs;
  const layers = model.path(head);
  const sums = layers.flatMap((l) => [tf.zerosLike(l.W), tf.zerosLike(l.b)]);
  const n = x.shape[0];
  for (let start = 0; start < n; start += FISHER_BATCH) {
    const size = Math.min(FISHER_BATCH, n - start);
    const updated = tf.tidy(() => {
      const xb = x.slice([start, 0], [size, -1]);
      const inputs: tf.Tensor2D[] = [];
      let transformedInputs: tf.Tensor2D[] = [];
      const probes = layers.map((l) => tf.zeros([size, l.b.shape[0]]) as tf.Tensor2D);
      let acc = sums;
      for (const loss of losses) {
        // The first pass also records each layer's input A (kept past tf.grads' own cleanup).
        const record = transformedInputs.length === 0 ? inputs : undefined;
        const G = tf.grads((...p: tf.Tensor[]) =>
          loss(model.logits(xb, head, p as tf.Tensor2D[], record), start, size),
        )(probes);
        // f(A)ᵀ transposed once, explicitly: matMul's transposeA path is ~15× slower on WASM.
        if (record) transformedInputs = inputs.map((a) => tf.transpose(elementwise(a)));
        acc = acc.map((s, j) => {
          const l = j >> 1;
          const g = elementwise(G[l]);
          return tf.add(s, j % 2 === 0 ? tf.matMul(transformedInputs[l], g) : tf.sum(g, 0));
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

/** The reference: one example at a time, each gradient from autodiff, |·|^power and summed. */
export function perExampleGradientSumsOneByOne(
  model: Mlp,
  x: tf.Tensor2D,
  head: number,
  losses: readonly ChunkLoss[],
  power: 1 | 2,
): tf.Tensor[] {
  const elementwise = power === 2 ? tf.square : tf.abs;
  const vars = model.path(head).flatMap((l) => [l.W, l.b]);
  let sums = vars.map((v) => tf.zerosLike(v) as tf.Tensor);
  for (let i = 0; i < x.shape[0]; i++) {
    const next = tf.tidy(() => {
      const xi = x.slice([i, 0], [1, -1]);
      let acc = sums;
      for (const loss of losses) {
        const { value, grads } = tf.variableGrads(() => loss(model.logits(xi, head), i, 1), vars);
        value.dispose();
        acc = acc.map((s, k) => tf.add(s, elementwise(grads[vars[k].name])));
      }
      return acc;
    });
    tf.dispose(sums);
    sums = next;
  }
  return sums;
}

/** Σ over examples of squared per-example gradients of the Fisher's losses (see perExampleGradientSums). */
export const squaredGradientSums = (
  model: Mlp,
  x: tf.Tensor2D,
  head: number,
  targets: readonly tf.Tensor2D[],
) => perExampleGradientSums(model, x, head, fisherLosses(targets), 2);

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
