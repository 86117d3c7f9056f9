/**
 * The one training step, in Node (`npm run bench -- fused`), on split MNIST task-incremental,
 * 784-256-256, batch 64, past the first boundary so every penalty, frozen copy and memory is on:
 *  1. each method alone, today's four (SGD, L2, EWC, SI) and every method together: kernels of a
 *     lockstep step (counted with `tf.profile`) with the lanes' products run 2-D per lane (what the
 *     app runs on WASM and CPU) and batched (GPU backends), and ms per step with the 2-D products;
 *  2. the four methods' steps per second, fused against the tests' per-learner reference on the same
 *     backend, in interleaved rounds, on WASM and on tfjs's plain-JS CPU backend;
 *  3. the first click (its scenario, network and four methods) spread over K = 1, 3 and 8 seeds as
 *     lanes (the page's "Spread over seeds"): steps per second, what the option costs.
 * Targets: with fusion, 4 methods cost at most 1.5× the kernels of 1; fused at least 1.5× the steps
 * per second of per-learner.
 */
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { readMnistPackage } from '../scripts/mnist-asset-plugin';
import { selectNodeBackend } from '../scripts/tfBackend';
import type { MnistData } from '../src/engine/data/mnistAsset';
import { scenarioKeyOf } from '../src/engine/data/scenarios';
import { FIRST_CLICK, recommendedSettings } from '../src/engine/defaults';
import { perLearner } from '../src/engine/fused/referenceTrainer';
import type { LaneSpec } from '../src/engine/laneSettings';
import { Lockstep, type LockstepOptions } from '../src/engine/lockstep';
import { METHOD_IDS, METHOD_LABELS, type MethodId } from '../src/engine/methods/registry';
import { seedLanesOf } from '../src/engine/seedLanes';

const FOUR: readonly MethodId[] = ['sgd', 'l2', 'ewc', 'si'];

async function lockstep(
  data: MnistData,
  methods: readonly MethodId[],
  trainer: LockstepOptions['trainer'],
  run: Pick<LockstepOptions, 'spec'> & Partial<LockstepOptions> = {
    spec: { protocol: 'split-mnist', scenario: 'task' },
  },
): Promise<Lockstep> {
  const ls = new Lockstep({ data, methods, seed: 0, trainer, ...run });
  for (let s = 0; s < 5; s++) ls.step();
  await ls.switchTask(1);
  ls.step();
  return ls;
}

/** Kernels one lockstep step runs (after a warm-up step). */
async function kernelsPerStep(ls: Lockstep): Promise<number> {
  ls.step();
  const info = await tf.profile(() => {
    ls.step();
  });
  return info.kernels.length;
}

/** The fastest of interleaved rounds, in ms per step (on a shared machine the neighbours only ever add time). */
async function msPerStep(runs: Lockstep[], rounds: number, steps: number): Promise<number[]> {
  const best = runs.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < rounds; round++) {
    for (const [i, ls] of runs.entries()) {
      const start = performance.now();
      for (let s = 0; s < steps; s++) ls.step();
      // Waits for the device; a step reads nothing back.
      await ls.learners[0].model.variables()[0].data();
      best[i] = Math.min(best[i], performance.now() - start);
    }
  }
  return best.map((ms) => ms / steps);
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

async function perMethod(data: MnistData, backend: string): Promise<void> {
  const sets: { label: string; methods: readonly MethodId[] }[] = [
    ...METHOD_IDS.map((id) => ({ label: METHOD_LABELS[id], methods: [id] })),
    { label: 'SGD, L2, EWC, SI', methods: FOUR },
    { label: `all ${METHOD_IDS.length} methods`, methods: METHOD_IDS },
  ];
  const kernels: number[][] = [];
  for (const { methods } of sets) {
    const row: number[] = [];
    for (const how of ['looped', 'batched'] as const) {
      const ls = await lockstep(data, methods, how);
      row.push(await kernelsPerStep(ls));
      ls.dispose();
    }
    kernels.push(row);
  }
  const runs = await Promise.all(sets.map(({ methods }) => lockstep(data, methods, 'looped')));
  const ms = await msPerStep(runs, 5, 10);
  for (const ls of runs) ls.dispose();
  console.log(`\nlockstep step (${backend})     kernels 2-D/lane   kernels batched   ms/step (2-D/lane)`);
  for (const [i, { label }] of sets.entries()) {
    console.log(
      `${label.padEnd(28)} ${pad(kernels[i][0], 16)} ${pad(kernels[i][1], 17)} ${pad(ms[i].toFixed(1), 20)}`,
    );
  }
}

const MODES: { trainer: LockstepOptions['trainer']; label: string }[] = [
  { trainer: perLearner, label: 'per learner (test reference)' },
  { trainer: 'looped', label: 'fused, 2-D product per lane' },
  { trainer: 'batched', label: 'fused, batched products' },
];

async function fusedAgainstReference(
  data: MnistData,
  backend: string,
  modes: typeof MODES,
  rounds: number,
  steps: number,
) {
  const runs = await Promise.all(modes.map(({ trainer }) => lockstep(data, FOUR, trainer)));
  const speeds = (await msPerStep(runs, rounds, steps)).map((ms) => 1000 / ms);
  for (const ls of runs) ls.dispose();
  console.log(`\n4 methods (SGD, L2, EWC, SI) on ${backend}   steps/s   vs per learner`);
  for (const [i, { label }] of modes.entries()) {
    console.log(
      `${label.padEnd(37)} ${pad(speeds[i].toPrecision(3), 7)}   ${(speeds[i] / speeds[0]).toFixed(2)}×`,
    );
  }
}

/** The first click's steps per second with its four methods on 1, 3 and 8 seeds, as the app runs them on this backend. */
async function seedLanesCost(data: MnistData, backend: string): Promise<void> {
  const { hidden } = recommendedSettings(scenarioKeyOf(FIRST_CLICK));
  const counts = [1, 3, 8];
  const lanes: LaneSpec[][] = counts.map((k) => seedLanesOf(FOUR, 0, k));
  const runs = await Promise.all(
    lanes.map((l) => lockstep(data, FOUR, undefined, { spec: FIRST_CLICK, lanes: l, hidden })),
  );
  const speeds = (await msPerStep(runs, 5, 10)).map((ms) => 1000 / ms);
  for (const ls of runs) ls.dispose();
  console.log(
    `
the first click (permuted MNIST, ${FIRST_CLICK.tasks} tasks, 784-${hidden.join('-')}), SGD, L2, EWC, SI over K seeds, ${backend}`,
  );
  console.log('seeds  lanes   steps/s   vs 1 seed');
  for (const [i, k] of counts.entries()) {
    console.log(
      `${pad(k, 5)} ${pad(lanes[i].length, 6)} ${pad(speeds[i].toPrecision(3), 9)}   ${(speeds[i] / speeds[0]).toFixed(2)}×`,
    );
  }
}

export async function main(): Promise<void> {
  const backend = await selectNodeBackend();
  const data = readMnistPackage();
  console.log(`One training step (Node; split MNIST task-IL, 784-256-256, batch 64)`);
  await perMethod(data, backend);
  console.log('(target with fusion: SGD, L2, EWC, SI ≤ 1.5× the kernels of one of them)');
  await fusedAgainstReference(data, backend, MODES, 8, 20);
  // tfjs's plain-JS backend is some 5× slower: fewer, shorter rounds, and no batched products
  // (slower still there, and never used on it).
  await tf.setBackend('cpu');
  await fusedAgainstReference(data, 'cpu', MODES.slice(0, 2), 3, 5);
  await tf.setBackend(backend);
  console.log(
    '(target: fused ≥ 1.5× per learner; the app fuses with a 2-D product per lane on WASM and CPU)',
  );
  await seedLanesCost(data, backend);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
