import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureOf } from '../boundary';
import { recommendedHyperparameters } from '../defaults';
import { perExampleGradientSumsOneByOne } from '../fisher';
import { Learner } from '../learner';
import { initialWeights, type Mlp } from '../model/mlp';
import { createRng } from '../random';
import { RunningSettings } from '../settings';
import { relativeError, useCpuBackend } from '../testSupport';

beforeAll(useCpuBackend);

const randomMatrix = (rows: number, cols: number, seed: number) => {
  const rng = createRng(seed);
  return tf.tensor2d(
    Float32Array.from({ length: rows * cols }, () => rng.next()), // ≥ 0, like pixels
    [rows, cols],
  );
};

/** The reference: one example at a time, autodiff of ‖f(x)‖², |·| summed, over the examples. */
function referenceOmega(model: Mlp, x: tf.Tensor2D, head: number): tf.Tensor[] {
  const sums = perExampleGradientSumsOneByOne(model, x, head, [(logits) => tf.sum(tf.square(logits))], 1);
  return sums.map((s) => tf.div(s, x.shape[0]));
}

function learnerWith(heads: number, lambdaMas = 2) {
  const settings = new RunningSettings({ ...recommendedHyperparameters('split-task'), lambdaMas });
  const weights = initialWeights({ inputSize: 6, hidden: [5, 4], classes: 3, heads }, 8);
  return new Learner('mas', weights, settings);
}

/** A boundary on `x` read from task `head`; the report's MAS values, W and b of each layer joined. */
async function boundary(learner: Learner, x: tf.Tensor2D, head: number) {
  const probe = { x, y: tf.oneHot(tf.zeros([x.shape[0]], 'int32'), 3).toFloat() as tf.Tensor2D, head };
  learner.beginTask(probe);
  const report = await learner.closeTask(probe, probe, createRng(0));
  return report.layers.map((l) => measureOf(l, 'mas')!);
}

describe('MAS importance', () => {
  // 300 examples: more than one batch of the per-example machinery (256).
  const x = randomMatrix(300, 6, 5);

  it.each([
    ['one shared head', 1, 0],
    ['task heads (the trunk is what is consolidated)', 3, 2],
  ])('equals a one-example-at-a-time autodiff reference within 1e-4 (%s)', async (_, heads, head) => {
    const learner = learnerWith(heads);
    const layers = await boundary(learner, x, head);
    const reference = referenceOmega(learner.model, x, head);
    expect(layers).toHaveLength(heads === 1 ? 3 : 2);
    for (const [l, values] of layers.entries()) {
      const [W, b] = [reference[2 * l], reference[2 * l + 1]];
      expect(values.length).toBe(W.size + b.size);
      expect(await relativeError(values.subarray(0, W.size), W)).toBeLessThan(1e-4);
      expect(await relativeError(values.subarray(W.size), b)).toBeLessThan(1e-4);
    }
    learner.dispose();
  });

  it('accumulates over tasks: after two boundaries it is the sum of both tasks’ importances', async () => {
    const learner = learnerWith(1);
    const other = randomMatrix(40, 6, 9);
    const first = await boundary(learner, x, 0);
    const both = await boundary(learner, other, 0);
    const second = referenceOmega(learner.model, other, 0);
    const expected = tf.add(tf.tensor(first[0].subarray(0, 30)), second[0].flatten());
    expect(await relativeError(both[0].subarray(0, 30), expected)).toBeLessThan(1e-4);
    learner.dispose();
  });

  it('weights the penalty λ·ΣΩ(θ − θ*)², anchored at the weights of the boundary', async () => {
    const lambda = 2;
    const learner = learnerWith(1, lambda);
    const [layer1] = await boundary(learner, x, 0);
    expect((await learner.penaltyValue().data())[0]).toBe(0);
    const W = learner.model.trunk[0].W;
    const delta = 0.1;
    W.assign(tf.add(W, tf.mul(tf.oneHot([7], W.size).reshape(W.shape), delta)));
    const penalty = (await learner.penaltyValue().data())[0];
    expect(penalty).toBeCloseTo(lambda * layer1[7] * delta * delta, 6);
    learner.dispose();
  });
});
