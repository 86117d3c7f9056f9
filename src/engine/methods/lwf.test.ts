import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recommendedHyperparameters } from '../defaults';
import { Lockstep } from '../lockstep';
import { fakeMnist, useCpuBackend } from '../testSupport';
import { distillation } from './lwf';
import type { LossContext } from './types';

beforeAll(useCpuBackend);

const softmax = (z: number[]) => {
  const e = z.map(Math.exp);
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};

/** Eq. 2 of Li & Hoiem by hand, one example: −Σ y'·log ŷ' with y' = softmax(z_old / T), ŷ' = softmax(z_now / T). */
const byHand = (old: number[], now: number[], T: number) => {
  const target = softmax(old.map((z) => z / T));
  const mine = softmax(now.map((z) => z / T));
  return -target.reduce((s, p, i) => s + p * Math.log(mine[i]), 0);
};

function context(
  heads: Record<number, { old: number[][]; now: number[][] }>,
  frozenHeads: number[],
  classes: number[],
  sharedHead: boolean,
): LossContext {
  const settings = {
    hp: recommendedHyperparameters('split-class'),
    param: (key: string) => ({ lambdaLwf: 3, temperatureLwf: 2 })[key as 'lambdaLwf']!,
  };
  return {
    tf,
    settings,
    batch: { x: tf.zeros([2, 1]), y: tf.zeros([2, 3]), heads: [0] },
    sharedHead,
    current: { logits: (h) => tf.tensor2d(heads[h].now) },
    frozen: { logits: (h) => tf.tensor2d(heads[h].old), heads: frozenHeads, classes },
  };
}

describe('LwF', () => {
  const old = [
    [1, 2, 0.5],
    [-1, 0.3, 2],
  ];
  const now = [
    [0, 1, 3],
    [0.5, -0.2, 1],
  ];

  it('is λ·(Eq. 2 of Li & Hoiem) at temperature T over the old classes of a shared head, mean over the batch', async () => {
    const loss = distillation(context({ 0: { old, now } }, [0], [0, 1], true))!;
    const expected =
      (3 *
        (byHand(old[0].slice(0, 2), now[0].slice(0, 2), 2) +
          byHand(old[1].slice(0, 2), now[1].slice(0, 2), 2))) /
      2;
    expect((await loss.data())[0]).toBeCloseTo(expected, 5);
  });

  it('averages over the old tasks’ heads in task-incremental learning, every unit of each', async () => {
    const other = { old: now, now: old };
    const loss = distillation(context({ 1: { old, now }, 2: other }, [1, 2], [0, 1], false))!;
    const perHead = (a: number[][], b: number[][]) => (byHand(a[0], b[0], 2) + byHand(a[1], b[1], 2)) / 2;
    const expected = (3 * (perHead(old, now) + perHead(now, old))) / 2;
    expect((await loss.data())[0]).toBeCloseTo(expected, 5);
  });

  it('adds nothing before the first boundary', () => {
    expect(distillation({ ...context({ 0: { old, now } }, [0], [0, 1], true), frozen: null })).toBeNull();
  });

  it('keeps more of the frozen network’s outputs on the new digits than without distillation', async () => {
    // Two LwF lanes, same batches; only λ differs. With the loss term off (λ = 0, or the hook not
    // applied by the step) both lanes are the same network and the test fails.
    const ls = new Lockstep({
      data: fakeMnist(20),
      spec: { protocol: 'split-mnist', scenario: 'class' },
      lanes: [
        { method: 'lwf', params: { lambdaLwf: 0 } },
        { method: 'lwf', params: { lambdaLwf: 10 } },
      ],
      seed: 2,
      hidden: [12],
      evalSubset: 20,
      hyperparameters: { batchSize: 16, learningRate: 1e-2 },
    });
    for (let s = 0; s < 30; s++) ls.step();
    expect(await ls.frozenOutputs()).toEqual([null, null]);
    await ls.switchTask(1);
    for (let s = 0; s < 30; s++) ls.step();
    const [off, on] = (await ls.frozenOutputs()) as { old: number; current: number; agreement: number }[];
    expect(on.old).toBeCloseTo(off.old, 6); // one frozen copy: both lanes were the same network then
    expect(on.current).toBeGreaterThan(off.current + 0.1);
    ls.dispose();
  });
});
