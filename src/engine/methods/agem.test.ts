import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recommendedHyperparameters } from '../defaults';
import { Lockstep } from '../lockstep';
import { fakeMnist, useCpuBackend } from '../testSupport';
import { project } from './agem';

beforeAll(useCpuBackend);

const settings = { hp: recommendedHyperparameters('split-class'), param: () => 0 };

async function projected(g: number[][], ref: number[][]) {
  const result = project({
    tf,
    settings,
    gradient: g.map((v) => tf.tensor1d(v)),
    reference: ref.map((v) => tf.tensor1d(v)),
  });
  return {
    gradient: await Promise.all(result.gradient.map(async (t) => Array.from(await t.data()))),
    diagnostics: Array.from(await result.diagnostics!.data()),
  };
}

describe('A-GEM', () => {
  it('projects g against g_ref when gᵀg_ref < 0 (Chaudhry et al. 2019, Eq. 11), over every parameter', async () => {
    // g = ([1, 2], [3]), g_ref = ([−1, −1], [0]): gᵀg_ref = −3, ‖g_ref‖² = 2, so
    // g̃ = g − (−3/2)·g_ref = ([−0.5, 0.5], [3]), and g̃ᵀg_ref = 0.
    const { gradient, diagnostics } = await projected([[1, 2], [3]], [[-1, -1], [0]]);
    expect(gradient[0][0]).toBeCloseTo(-0.5, 6);
    expect(gradient[0][1]).toBeCloseTo(0.5, 6);
    expect(gradient[1][0]).toBeCloseTo(3, 6);
    const cosine = -3 / Math.sqrt(14 * 2);
    expect(diagnostics[0]).toBe(1);
    expect(diagnostics[1]).toBe(1);
    expect(diagnostics[2]).toBeCloseTo(cosine, 6);
    expect(diagnostics[3]).toBeCloseTo(cosine * cosine, 6);
  });

  it('leaves g as it is when gᵀg_ref ≥ 0', async () => {
    // gᵀg_ref = −1 + 0 + 3 = 2.
    const { gradient, diagnostics } = await projected([[1, 2], [3]], [[-1, 0], [1]]);
    expect(gradient).toEqual([[1, 2], [3]]);
    expect(diagnostics[1]).toBe(0);
    expect(diagnostics[2]).toBeCloseTo(2 / Math.sqrt(14 * 2), 6);
  });

  it('projects in a run and remembers the first task better than plain SGD, counting its projections', async () => {
    // SGD and A-GEM share their batches; with the transform not applied, A-GEM is SGD and this fails.
    const ls = new Lockstep({
      data: fakeMnist(20),
      spec: { protocol: 'split-mnist', scenario: 'class' },
      methods: ['sgd', 'agem'],
      seed: 3,
      hidden: [12],
      evalSubset: 20,
      hyperparameters: { batchSize: 16, learningRate: 1e-2, memoryAgem: 40 },
    });
    for (let s = 0; s < 40; s++) ls.step();
    const before = await ls.evaluate();
    expect(before.diagnostics[0]).toBeNull();
    expect(before.diagnostics[1]!.references).toBe(0); // an empty memory: no reference batch yet
    await ls.switchTask(1);
    for (let s = 0; s < 40; s++) ls.step();
    const after = await ls.evaluate();
    const stats = after.diagnostics[1]!;
    expect(stats.references).toBe(40);
    expect(stats.projected).toBeGreaterThan(0);
    expect(Math.abs(stats.cosine / stats.references)).toBeLessThanOrEqual(1);
    const [sgd, agem] = after.accuracy.map((a) => a[0]);
    expect(agem).toBeGreaterThan(sgd + 0.2);
    ls.dispose();
  });
});
