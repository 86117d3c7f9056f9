import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { useCpuBackend } from '../testSupport';
import { crossEntropy, initialWeights, Mlp } from './mlp';

beforeAll(useCpuBackend);

describe('MLP gradients (the hand-written matMul gradient)', () => {
  it('match central finite differences of the loss for every parameter', async () => {
    const model = new Mlp(initialWeights({ inputSize: 4, hidden: [5, 3], classes: 3, heads: 1 }, 2));
    const rng = createRng(4);
    const x = tf.tensor2d(
      Float32Array.from({ length: 24 }, () => rng.normal()),
      [6, 4],
    );
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3).toFloat() as tf.Tensor2D;
    const loss = () => crossEntropy(model.logits(x, 0), y);
    const vars = model.variables();
    const { value, grads } = tf.variableGrads(loss, vars);
    value.dispose();
    const eps = 1e-2;
    for (const v of vars) {
      const analytic = await grads[v.name].data();
      const original = await v.data();
      for (let i = 0; i < original.length; i++) {
        const at = async (d: number) => {
          const shifted = Float32Array.from(original);
          shifted[i] += d;
          v.assign(tf.tensor(shifted, v.shape));
          return (await loss().data())[0];
        };
        const fd = ((await at(eps)) - (await at(-eps))) / (2 * eps);
        v.assign(tf.tensor(original, v.shape));
        expect(Math.abs(fd - analytic[i])).toBeLessThan(2e-3 + 2e-2 * Math.abs(fd));
      }
    }
    model.dispose();
  });
});
