import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureOf } from './boundary';
import type { ScenarioSpec } from './data/scenarios';
import type { LaneSpec } from './laneSettings';
import { Lockstep } from './lockstep';
import { IMPORTANCE_MEASURES, METHOD_IDS, type MethodId } from './methods/registry';
import { seedLanesOf } from './seedLanes';
import { fakeMnist, useCpuBackend } from './testSupport';

beforeAll(useCpuBackend);

const data = fakeMnist(20);
const small = {
  hidden: [8, 6],
  evalSubset: 20,
  hyperparameters: { batchSize: 16, fisherSamples: 40, lambdaEwc: 10, c: 1 },
};
function make(spec: ScenarioSpec, seed: number, methods: readonly MethodId[] = METHOD_IDS) {
  return new Lockstep({ data, spec, seed, methods, ...small });
}

/** A short run with switches (also back to an old task); every number it reports. */
async function fingerprint(seed: number) {
  const lockstep = make({ protocol: 'split-mnist', scenario: 'task' }, seed);
  const numbers: number[] = [];
  for (const task of [1, 2, 0]) {
    for (let s = 0; s < 4; s++) lockstep.step();
    const report = await lockstep.switchTask(task);
    for (const m of report!.methods) {
      numbers.push(m.lossStart, m.lossEnd, m.sumOmega);
      for (const { values } of m.layers[0].measures) numbers.push(values[3]);
    }
  }
  const evaluation = await lockstep.evaluate();
  numbers.push(...evaluation.accuracy.flat(), ...evaluation.trainLoss, ...evaluation.penalty);
  lockstep.dispose();
  return numbers;
}

describe('Lockstep', () => {
  it('gives identical numbers for one seed and different numbers for another', async () => {
    const a = await fingerprint(3);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(await fingerprint(3)).toEqual(a);
    expect(await fingerprint(4)).not.toEqual(a);
  });

  it('starts every method from the same weights', async () => {
    const lockstep = make({ protocol: 'permuted-mnist', tasks: 2 }, 0);
    const first = await Promise.all(lockstep.learners.map((l) => l.model.variables()[0].data()));
    for (const w of first) expect(w).toEqual(first[0]);
    lockstep.dispose();
  });

  it('keeps the tensor count flat across steps, task switches, evaluations and setting changes, with every method of the registry', async () => {
    const empty = tf.memory().numTensors;
    const lockstep = make({ protocol: 'split-mnist', scenario: 'task' }, 1);
    const cycle = async (tasks: number[]) => {
      for (const t of tasks) {
        for (let s = 0; s < 3; s++) lockstep.step();
        await lockstep.switchTask(t);
        await lockstep.evaluate();
        await lockstep.frozenOutputs();
      }
    };
    // Visit every head once, so every optimizer slot and every method's state exists.
    await cycle([1, 2, 3, 4, 0]);
    const settled = tf.memory().numTensors;
    await cycle([3, 1, 1, 0, 4]);
    lockstep.setHyperparameters({
      learningRate: 5e-4,
      c: 2,
      lambdaEwc: 3,
      lambdaL2: 0.5,
      xi: 0.01,
      batchSize: 8,
    });
    await cycle([2, 0]);
    expect(tf.memory().numTensors).toBe(settled);
    // Plain SGD has no moment slots, so the count drops once, then stays flat again.
    lockstep.setHyperparameters({ optimizer: 'sgd', fisher: 'exact', ewcOnline: true, gamma: 0.9 });
    await cycle([1, 2, 3, 4, 0]);
    const withSgd = tf.memory().numTensors;
    await cycle([2, 1, 0]);
    expect(tf.memory().numTensors).toBe(withSgd);
    lockstep.dispose();
    expect(tf.memory().numTensors).toBe(empty);
  });

  it('in task-incremental learning trains only the active head and consolidates only the trunk', async () => {
    const lockstep = make({ protocol: 'split-mnist', scenario: 'task' }, 2, ['si']);
    const heads = () => Promise.all(lockstep.learners[0].model.heads.map((h) => h.W.data()));
    const before = await heads();
    for (let s = 0; s < 3; s++) lockstep.step();
    const after = await heads();
    expect(after[0]).not.toEqual(before[0]);
    for (let h = 1; h < 5; h++) expect(after[h]).toEqual(before[h]);
    const report = await lockstep.switchTask(1);
    expect(report!.methods[0].layers.map((l) => l.layer)).toEqual(['layer 1', 'layer 2']);
    lockstep.dispose();
  });

  it('reports Σω near the loss drop, and every declared importance for every method', async () => {
    const lockstep = make({ protocol: 'permuted-mnist', tasks: 2 }, 5, ['sgd', 'si']);
    lockstep.setHyperparameters({ learningRate: 5e-3 });
    for (let s = 0; s < 60; s++) lockstep.step();
    const report = await lockstep.switchTask(1);
    for (const m of report!.methods) {
      const drop = m.lossStart - m.lossEnd;
      expect(drop).toBeGreaterThan(0.1);
      // Minibatch noise makes Σω overestimate the drop somewhat (the SI talk's "deviation due to noise").
      expect(m.sumOmega / drop).toBeGreaterThan(0.8);
      expect(m.sumOmega / drop).toBeLessThan(1.5);
      for (const layer of m.layers) {
        expect(layer.measures.map((x) => x.id)).toEqual(IMPORTANCE_MEASURES.map((x) => x.id));
        for (const { values } of layer.measures) expect(values.length).toBe(layer.measures[0].values.length);
      }
      for (const id of ['fisher', 'Omega']) expect(measureOf(m.layers[0], id)!.some((v) => v > 0)).toBe(true);
    }
    lockstep.dispose();
  });

  it('evaluates every K steps while training, with accuracies in [0, 1] for every task', async () => {
    const lockstep = make({ protocol: 'permuted-mnist', tasks: 3 }, 0, ['sgd', 'joint']);
    const points = await lockstep.train(10, 4);
    expect(points.map((p) => p.step)).toEqual([4, 8]);
    for (const p of points) {
      expect(p.accuracy).toHaveLength(2);
      for (const row of p.accuracy) {
        expect(row).toHaveLength(3);
        for (const a of row) expect(a).toBeGreaterThanOrEqual(0);
        for (const a of row) expect(a).toBeLessThanOrEqual(1);
      }
      expect(p.trainLoss.every((l) => l > 0)).toBe(true);
    }
    lockstep.dispose();
  });

  it('evaluates only the tasks asked for, the others NaN, and the same numbers for those', async () => {
    const lockstep = make({ protocol: 'permuted-mnist', tasks: 3 }, 2, ['sgd', 'si']);
    for (let s = 0; s < 3; s++) lockstep.step();
    const all = await lockstep.evaluate();
    const some = await lockstep.evaluate('subset', [0, 2]);
    for (let m = 0; m < 2; m++) {
      expect(some.accuracy[m][0]).toBe(all.accuracy[m][0]);
      expect(some.accuracy[m][1]).toBeNaN();
      expect(some.accuracy[m][2]).toBe(all.accuracy[m][2]);
    }
    lockstep.dispose();
  });

  it('rejects a task that does not exist and ignores a switch to the current task', async () => {
    const lockstep = make({ protocol: 'permuted-mnist', tasks: 2 }, 0, ['sgd']);
    await expect(lockstep.switchTask(2)).rejects.toThrow(RangeError);
    expect(await lockstep.switchTask(0)).toBeNull();
    lockstep.dispose();
  });
});

describe('Lockstep with lanes of several seeds', () => {
  const permuted: ScenarioSpec = { protocol: 'permuted-mnist', tasks: 3 };

  /** Per lane, every number a short run reports: boundaries (also back to an old task), evaluations, weights. */
  async function laneNumbers(spec: ScenarioSpec, seed: number, lanes: readonly LaneSpec[]) {
    const lockstep = new Lockstep({ data, spec, seed, lanes, ...small });
    const numbers: number[][] = lanes.map(() => []);
    for (const task of [1, 2, 0]) {
      for (let s = 0; s < 5; s++) lockstep.step();
      const report = await lockstep.switchTask(task);
      report!.methods.forEach((m, i) => {
        numbers[i].push(m.lossStart, m.lossEnd, m.sumOmega);
        for (const { values } of m.layers[0].measures) numbers[i].push(...values);
      });
    }
    for (let s = 0; s < 5; s++) lockstep.step();
    for (const evaluation of [await lockstep.evaluate(), await lockstep.evaluate('full')]) {
      evaluation.accuracy.forEach((row, i) => {
        numbers[i].push(...row, evaluation.trainLoss[i], evaluation.penalty[i]);
      });
    }
    for (const [i, l] of lockstep.learners.entries())
      numbers[i].push(...(await l.model.variables()[0].data()));
    lockstep.dispose();
    return numbers;
  }

  it.each([
    ['permuted MNIST', permuted],
    ['class-incremental split MNIST', { protocol: 'split-mnist', scenario: 'class' } as const],
  ])(
    'gives each lane exactly the run its seed gives alone (%s)',
    async (_, spec) => {
      const together = await laneNumbers(spec, 3, seedLanesOf(METHOD_IDS, 3, 3));
      for (let k = 0; k < 3; k++) {
        const alone = await laneNumbers(
          spec,
          3 + k,
          METHOD_IDS.map((method) => ({ method })),
        );
        expect(alone.flat().every(Number.isFinite)).toBe(true);
        METHOD_IDS.forEach((id, m) => {
          expect(together[3 * m + k], `${id}, seed ${3 + k}`).toEqual(alone[m]);
        });
      }
      // And the seeds' runs differ: these are not three copies of one run.
      expect(together[1]).not.toEqual(together[0]);
    },
    120_000,
  );

  it('starts the lanes of one seed from the same weights, those of other seeds from their own', async () => {
    const lockstep = new Lockstep({
      data,
      spec: permuted,
      seed: 0,
      lanes: seedLanesOf(['sgd', 'ewc'], 0, 2),
      ...small,
    });
    const [sgd0, sgd1, ewc0, ewc1] = await Promise.all(
      lockstep.learners.map((l) => l.model.variables()[0].data()),
    );
    expect(ewc0).toEqual(sgd0);
    expect(ewc1).toEqual(sgd1);
    expect(sgd1).not.toEqual(sgd0);
    lockstep.dispose();
  });

  it('keeps the tensor count flat over a run of every method on 3 seeds over 3 tasks', async () => {
    const empty = tf.memory().numTensors;
    const lockstep = new Lockstep({
      data,
      spec: permuted,
      seed: 4,
      lanes: seedLanesOf(METHOD_IDS, 4, 3),
      ...small,
    });
    const cycle = async (tasks: number[]) => {
      for (const t of tasks) {
        for (let s = 0; s < 3; s++) lockstep.step();
        await lockstep.switchTask(t);
        await lockstep.evaluate();
        await lockstep.evaluate('full');
        await lockstep.frozenOutputs();
      }
    };
    await cycle([1, 2, 0]);
    const settled = tf.memory().numTensors;
    await cycle([1, 2, 0]);
    expect(tf.memory().numTensors).toBe(settled);
    lockstep.dispose();
    expect(tf.memory().numTensors).toBe(empty);
  });
});
