import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBatch } from '../engine/data/batches';
import { Lockstep } from '../engine/lockstep';
import { unpermute } from '../engine/pixelImportance';
import { fakeMnist, useCpuBackend } from '../engine/testSupport';
import { GALLERY_DIGITS_PER_TASK, SynapseProbe } from './synapseProbe';

beforeAll(useCpuBackend);

const data = fakeMnist(20);
const options = {
  data,
  seed: 5,
  hidden: [8, 6],
  evalSubset: 20,
  hyperparameters: { batchSize: 16, fisherSamples: 40, lambdaEwc: 10, c: 1 },
};

describe('the synapse probe', () => {
  it('maps each measure to pixels as the explicit sum over each input’s outgoing first-layer weights', async () => {
    const ls = new Lockstep({
      ...options,
      spec: { protocol: 'split-mnist', scenario: 'task' },
      methods: ['ewc', 'si', 'mas'],
    });
    const probe = new SynapseProbe(ls, 5);
    for (let s = 0; s < 6; s++) ls.step();
    const report = await ls.switchTask(1);
    const maps = probe.pixelMaps(report)!;
    const inputs = ls.scenario.inputSize;
    const units = 8;
    expect(maps.measures).toEqual(report!.methods[0].layers[0].measures.map((m) => m.id));
    report!.methods.forEach((method, m) => {
      method.layers[0].measures.forEach(({ values }, k) => {
        const map = maps.values.subarray(
          (m * maps.measures.length + k) * inputs,
          (m * maps.measures.length + k + 1) * inputs,
        );
        for (let p = 0; p < inputs; p++) {
          let explicit = 0;
          for (let j = 0; j < units; j++) explicit += values[p * units + j];
          expect(map[p]).toBeCloseTo(explicit, 5);
        }
      });
    });
    // Training moved the weights: every method's Ω and Fisher maps have something in them.
    expect(maps.values.some((v) => v > 0)).toBe(true);
    probe.dispose();
    ls.dispose();
  });

  it('undoes a task’s permutation exactly: the unscrambled input is the original digit', () => {
    const ls = new Lockstep({ ...options, spec: { protocol: 'permuted-mnist', tasks: 3 }, methods: ['sgd'] });
    const setup = new SynapseProbe(ls, 5).setup();
    const t = 2;
    const perm = ls.scenario.tasks[t].permutation!;
    expect(setup.permutations[t]).toEqual(perm);
    const ref = { task: t, pos: 3 };
    const { x, y } = makeBatch(ls.scenario, [ref], 'test');
    const seen = x.dataSync();
    tf.dispose([x, y]);
    const digit = ls.scenario.tasks[t].test.index[3];
    const original = Array.from(data.images.subarray(digit * 16, (digit + 1) * 16), (v) => v / 255);
    expect(Array.from(seen)).not.toEqual(original);
    expect(Array.from(unpermute(seen, perm))).toEqual(Array.from(Float32Array.from(original)));
    // A task without a permutation is its own order.
    expect(Array.from(unpermute(seen, null))).toEqual(Array.from(seen));
    ls.dispose();
  });

  it('reports as the gallery’s predictions each method’s argmax on those digits, and flips with their step', async () => {
    const ls = new Lockstep({
      ...options,
      hyperparameters: { ...options.hyperparameters, learningRate: 0.01 },
      spec: { protocol: 'split-mnist', scenario: 'class' },
      methods: ['sgd', 'si'],
    });
    const probe = new SynapseProbe(ls, 5);
    const setup = probe.setup();
    expect(Math.max(...setup.task.map((t) => setup.task.filter((u) => u === t).length))).toBeLessThanOrEqual(
      GALLERY_DIGITS_PER_TASK,
    );
    const flipped = new Set<string>();
    for (const task of [0, 1, 2]) {
      if (task > 0) await ls.switchTask(task);
      for (let s = 0; s < 30; s++) {
        ls.step();
        await probe.evaluate();
        const g = probe.takeLatest()!;
        g.flippedAt.forEach((step, k) => {
          if (step >= 0) flipped.add(`${k}@${step}`);
        });
        if (s === 29 && task === 2) {
          // Independently: the model's argmax on each task's gallery digits.
          ls.learners.forEach((learner, m) => {
            ls.scenario.tasks.forEach((_, t) => {
              const digits = Array.from(setup.task).flatMap((task, d) => (task === t ? [d] : []));
              const refs = digits.map((d) => galleryRef(setup, ls, t, d));
              const { x, y } = makeBatch(ls.scenario, refs, 'test');
              const argmax = tf.tidy(() => tf.argMax(learner.model.logits(x, 0), 1).dataSync());
              tf.dispose([x, y]);
              digits.forEach((d, i) => {
                const p = g.probabilities.subarray(
                  (m * setup.labels.length + d) * 10,
                  (m * setup.labels.length + d + 1) * 10,
                );
                expect(p.indexOf(Math.max(...p))).toBe(argmax[i]);
                expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
              });
            });
          });
        }
      }
    }
    // Class-incremental fine-tuning forgets the first pairs: some digit went right → wrong.
    expect(flipped.size).toBeGreaterThan(0);
    probe.dispose();
    ls.dispose();
  });
});

/** Gallery digit `d` of task `t`, found again from its image (the setup sends images, not positions). */
function galleryRef(setup: ReturnType<SynapseProbe['setup']>, ls: Lockstep, t: number, d: number) {
  const size = setup.width * setup.height;
  const image = setup.images.subarray(d * size, (d + 1) * size);
  const test = ls.scenario.tasks[t].test.index;
  for (let pos = 0; pos < test.length; pos++) {
    const j = test[pos];
    if (data.images.subarray(j * size, (j + 1) * size).every((v, p) => v === image[p]))
      return { task: t, pos };
  }
  throw new Error('gallery digit not found');
}
