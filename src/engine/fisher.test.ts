import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FisherEstimator } from './defaults';
import {
  diagonalFisher,
  fisherLosses,
  fisherTargets,
  perExampleGradientSumsOneByOne,
  squaredGradientSums,
} from './fisher';
import { initialWeights, Mlp } from './model/mlp';
import { createRng } from './random';
import { relativeError, useCpuBackend } from './testSupport';

beforeAll(useCpuBackend);

const randomMatrix = (rows: number, cols: number, seed: number) => {
  const rng = createRng(seed);
  return tf.tensor2d(
    Float32Array.from({ length: rows * cols }, () => rng.normal()),
    [rows, cols],
  );
};
const oneHotLabels = (n: number, classes: number, seed: number) => {
  const rng = createRng(seed);
  return tf
    .oneHot(
      tf.tensor1d(
        Int32Array.from({ length: n }, () => rng.int(classes)),
        'int32',
      ),
      classes,
    )
    .toFloat() as tf.Tensor2D;
};

describe('Fisher of a softmax (logistic) regression', () => {
  // Closed form: ∂log p_c/∂W_ij = x_i(δ_cj − p_j), so E_c[(·)²] = x_i² p_j(1 − p_j); for b_j, p_j(1 − p_j).
  const inputSize = 5;
  const classes = 3;
  const model = new Mlp(initialWeights({ inputSize, hidden: [], classes, heads: 1 }, 4));
  const closedForm = (x: tf.Tensor2D) =>
    tf.tidy(() => {
      const p = tf.softmax(model.logits(x, 0));
      const v = tf.mul(p, tf.sub(1, p));
      return [tf.div(tf.matMul(tf.square(x), v, true, false), x.shape[0]), tf.mean(v, 0)];
    });

  it('the exact estimator equals the closed form', async () => {
    const x = randomMatrix(60, inputSize, 1);
    const fisher = await diagonalFisher(model, x, oneHotLabels(60, classes, 2), 0, 'exact', createRng(0));
    const expected = closedForm(x);
    for (let k = 0; k < 2; k++) expect(await relativeError(fisher[k], expected[k])).toBeLessThan(1e-5);
  });

  it('the sampled estimator converges to it', async () => {
    // 20 inputs, each repeated: more samples per input, smaller Monte Carlo error.
    const base = randomMatrix(20, inputSize, 3);
    const expected = closedForm(base);
    const errorWith = async (repeats: number) => {
      const x = tf.tile(base, [repeats, 1]) as tf.Tensor2D;
      const fisher = await diagonalFisher(
        model,
        x,
        oneHotLabels(x.shape[0], classes, 2),
        0,
        'sampled',
        createRng(9),
      );
      return relativeError(fisher[0], expected[0]);
    };
    const few = await errorWith(2);
    const many = await errorWith(400);
    expect(many).toBeLessThan(0.05);
    expect(many).toBeLessThan(few / 3);
  });

  it('the empirical Fisher is not the Fisher (it uses dataset labels)', async () => {
    const x = randomMatrix(60, inputSize, 1);
    const fisher = await diagonalFisher(model, x, oneHotLabels(60, classes, 2), 0, 'empirical', createRng(0));
    expect(await relativeError(fisher[0], closedForm(x)[0])).toBeGreaterThan(0.1);
  });
});

describe('batched per-example squared gradients (probe trick)', () => {
  const model = new Mlp(initialWeights({ inputSize: 6, hidden: [5, 4], classes: 3, heads: 2 }, 8));
  // 300 examples: more than one Fisher batch (256), so batching is exercised.
  const x = randomMatrix(300, 6, 5);
  const labels = oneHotLabels(300, 3, 6);

  for (const estimator of ['sampled', 'exact', 'empirical'] as FisherEstimator[]) {
    it(`equal a one-example-at-a-time loop within 1e-5 (${estimator})`, async () => {
      const targets = await fisherTargets(model, x, labels, 1, estimator, createRng(1));
      const batched = squaredGradientSums(model, x, 1, targets);
      const loop = perExampleGradientSumsOneByOne(model, x, 1, fisherLosses(targets), 2);
      expect(batched.length).toBe(6);
      for (let k = 0; k < batched.length; k++) {
        expect(batched[k].shape).toEqual(loop[k].shape);
        expect(await relativeError(batched[k], loop[k])).toBeLessThan(1e-5);
      }
    });
  }

  it('differ from the square of the batch-mean gradient', async () => {
    const targets = await fisherTargets(model, x, labels, 1, 'empirical', createRng(1));
    const perExample = squaredGradientSums(model, x, 1, targets);
    const vars = model.path(1).flatMap((l) => [l.W, l.b]);
    const { grads } = tf.variableGrads(
      () => tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(model.logits(x, 1))), 1))) as tf.Scalar,
      vars,
    );
    const squaredMean = tf.square(grads[vars[0].name]);
    expect(await relativeError(tf.div(perExample[0], x.shape[0]), squaredMean)).toBeGreaterThan(0.5);
  });
});
