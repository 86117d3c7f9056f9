/**
 * Engine benchmark (not a test): `npx tsx bench/engine.bench.ts`.
 * Steps per second of each method on the default MLP at batch 64 (Node, WASM backend), SI's cost
 * relative to SGD (target ≤ 10% slower), and the batched per-example Fisher against a
 * one-example-at-a-time loop (target ≥ 10× faster).
 */
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { readMnistPackage } from '../scripts/mnist-asset-plugin';
import { selectNodeBackend } from '../scripts/tfBackend';
import { makeBatch } from '../src/engine/data/batches';
import { DEFAULT_HYPERPARAMETERS } from '../src/engine/defaults';
import { fisherTargets, squaredGradientSums, squaredGradientSumsOneByOne } from '../src/engine/fisher';
import { Lockstep } from '../src/engine/lockstep';
import { METHOD_LABELS, type MethodId } from '../src/engine/methodIds';
import { createRng } from '../src/engine/random';

const METHODS: MethodId[] = ['sgd', 'l2', 'ewc', 'si', 'joint'];
const ROUNDS = 7;
const STEPS_PER_ROUND = 40;
const FISHER_EXAMPLES = 200;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeIt(run: () => tf.Tensor | tf.Tensor[] | undefined): Promise<number> {
  const start = performance.now();
  const out = run();
  // Wait for the device before stopping the clock (a no-op cost on wasm/cpu, needed on WebGPU).
  const list = out === undefined ? [] : Array.isArray(out) ? out : [out];
  await Promise.all(list.map((t) => t.data()));
  tf.dispose(list);
  return performance.now() - start;
}

export async function main(): Promise<void> {
  const backend = await selectNodeBackend();
  const data = readMnistPackage();
  const batchSize = DEFAULT_HYPERPARAMETERS.batchSize;
  // All methods in one lockstep, past one task boundary so every penalty is active.
  const lockstep = new Lockstep({
    data,
    spec: { protocol: 'permuted-mnist', tasks: 2 },
    methods: METHODS,
    seed: 0,
  });
  for (let s = 0; s < 10; s++) lockstep.step();
  await lockstep.switchTask(1);
  const refs = Array.from({ length: batchSize }, (_, pos) => ({ task: 1, pos }));
  const batch = makeBatch(lockstep.scenario, refs, 'train');
  const flush = (i: number) => lockstep.learners[i].model.consolidated()[0];
  const times: number[][] = METHODS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved rounds so a busy neighbour slows every method alike.
    METHODS.forEach((_, i) => {
      times[i].push(0);
    });
    for (let i = 0; i < METHODS.length; i++) {
      const learner = lockstep.learners[i];
      times[i][round] = await timeIt(() => {
        for (let s = 0; s < STEPS_PER_ROUND; s++) learner.step(batch);
        return tf.sum(flush(i));
      });
    }
  }
  const stepsPerSecond = times.map((t) => (1000 * STEPS_PER_ROUND) / median(t.slice(1)));
  console.log(`Engine benchmark: MLP 784-256-256-10, batch ${batchSize}, backend ${backend}`);
  console.log('\nmethod   steps/s   ms/step   vs SGD');
  METHODS.forEach((m, i) => {
    const slower = stepsPerSecond[0] / stepsPerSecond[i] - 1;
    console.log(
      `${METHOD_LABELS[m].padEnd(7)} ${stepsPerSecond[i].toFixed(1).padStart(8)} ${(1000 / stepsPerSecond[i]).toFixed(2).padStart(9)}   ${slower >= 0 ? '+' : ''}${(100 * slower).toFixed(1)}%`,
    );
  });
  const siCost = stepsPerSecond[0] / stepsPerSecond[METHODS.indexOf('si')] - 1;
  console.log(`\nSI costs ${(100 * siCost).toFixed(1)}% more than SGD per step (target ≤ 10%).`);

  const model = lockstep.learners[0].model;
  const fisherRefs = Array.from({ length: FISHER_EXAMPLES }, (_, pos) => ({ task: 1, pos }));
  const probe = makeBatch(lockstep.scenario, fisherRefs, 'train');
  const targets = await fisherTargets(model, probe.x, probe.y, 0, 'sampled', createRng(0));
  await timeIt(() => squaredGradientSums(model, probe.x, 0, targets)); // warm-up
  const batchedTimes: number[] = [];
  for (let r = 0; r < 3; r++)
    batchedTimes.push(await timeIt(() => squaredGradientSums(model, probe.x, 0, targets)));
  const loopTime = await timeIt(() => squaredGradientSumsOneByOne(model, probe.x, 0, targets));
  const batchedTime = median(batchedTimes);
  console.log(`\nFisher (sampled) on ${FISHER_EXAMPLES} examples:`);
  console.log(`  batched per-example trick  ${batchedTime.toFixed(0).padStart(7)} ms`);
  console.log(`  one example at a time      ${loopTime.toFixed(0).padStart(7)} ms`);
  console.log(
    `  speed-up                   ${(loopTime / batchedTime).toFixed(1).padStart(7)}× (target ≥ 10×)`,
  );
  tf.dispose([batch.x, batch.y, probe.x, probe.y, ...targets]);
  lockstep.dispose();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
