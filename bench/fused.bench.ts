/**
 * The fused step against the per-learner reference, in Node (`npm run bench -- fused`): kernels per
 * lockstep step counted with `tf.profile` for 1 and for 4 methods, unfused and fused (both ways of
 * running the lanes' products), and steps per second of 4 methods fused against unfused on the
 * same backend, in interleaved rounds. Split MNIST task-incremental, 784-256-256, batch 64, past
 * the first boundary so every penalty is on. Targets: with fusion, 4 methods cost at most 1.5× the
 * kernels of 1; fused at least 1.5× the steps per second of unfused.
 */
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { readMnistPackage } from '../scripts/mnist-asset-plugin';
import { selectNodeBackend } from '../scripts/tfBackend';
import type { MnistData } from '../src/engine/data/mnistAsset';
import type { LaneMatMul } from '../src/engine/fused/laneLosses';
import { Lockstep } from '../src/engine/lockstep';
import type { MethodId } from '../src/engine/methods/registry';

const FOUR: readonly MethodId[] = ['sgd', 'l2', 'ewc', 'si'];
const ONE: readonly MethodId[] = ['si'];
const ROUNDS = 8;
const STEPS_PER_ROUND = 20;
type Mode = false | LaneMatMul;
const MODES: readonly { mode: Mode; label: string }[] = [
  { mode: false, label: 'unfused (per learner)' },
  { mode: 'looped', label: 'fused, 2-D product per lane' },
  { mode: 'batched', label: 'fused, batched products' },
];

async function lockstep(data: MnistData, methods: readonly MethodId[], fused: Mode): Promise<Lockstep> {
  const ls = new Lockstep({
    data,
    spec: { protocol: 'split-mnist', scenario: 'task' },
    methods,
    seed: 0,
    fused,
  });
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

/** The fastest of interleaved rounds (on a shared machine the neighbours only ever add time). */
async function stepsPerSecond(runs: Lockstep[]): Promise<number[]> {
  const best = runs.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, ls] of runs.entries()) {
      const start = performance.now();
      for (let s = 0; s < STEPS_PER_ROUND; s++) ls.step();
      // Waits for the device; a step reads nothing back.
      await ls.learners[0].model.variables()[0].data();
      best[i] = Math.min(best[i], performance.now() - start);
    }
  }
  return best.map((ms) => (1000 * STEPS_PER_ROUND) / ms);
}

export async function main(): Promise<void> {
  const backend = await selectNodeBackend();
  const data = readMnistPackage();
  console.log(`Fused step (Node, backend ${backend}; split MNIST task-IL, 784-256-256, batch 64)`);
  console.log('\nkernels per lockstep step     1 method   4 methods   4 / 1');
  for (const { mode, label } of MODES) {
    const counts: number[] = [];
    for (const methods of [ONE, FOUR]) {
      const ls = await lockstep(data, methods, mode);
      counts.push(await kernelsPerStep(ls));
      ls.dispose();
    }
    console.log(
      `${label.padEnd(29)} ${String(counts[0]).padStart(8)} ${String(counts[1]).padStart(11)}   ${(counts[1] / counts[0]).toFixed(2)}×`,
    );
  }
  console.log('(target with fusion: 4 methods ≤ 1.5× the kernels of 1; batched is what GPU backends use)');

  const runs = await Promise.all(MODES.map(({ mode }) => lockstep(data, FOUR, mode)));
  const speeds = await stepsPerSecond(runs);
  console.log('\n4 methods (SGD, L2, EWC, SI)   steps/s   vs unfused');
  for (const [i, { label }] of MODES.entries()) {
    console.log(
      `${label.padEnd(29)} ${speeds[i].toFixed(1).padStart(8)}   ${(speeds[i] / speeds[0]).toFixed(2)}×`,
    );
  }
  console.log(`(target: fused ≥ 1.5× unfused; on ${backend} the app fuses with a 2-D product per lane)`);
  for (const ls of runs) ls.dispose();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
