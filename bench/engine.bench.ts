/**
 * Engine benchmark (not a test): `npx tsx bench/engine.bench.ts`.
 * Steps per second of each method on the default MLP at batch 64 (Node, WASM backend), past a
 * task boundary so every penalty is on and the replay memory is full; SI's cost relative to SGD
 * (target ≤ 10% slower); the importances every learner measures at a boundary (the Fisher, MAS's
 * Ω); and the batched per-example Fisher against a one-example-at-a-time loop (target ≥ 10×).
 */
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { readMnistPackage } from '../scripts/mnist-asset-plugin';
import { selectNodeBackend } from '../scripts/tfBackend';
import { makeBatch } from '../src/engine/data/batches';
import { DEFAULT_HYPERPARAMETERS } from '../src/engine/defaults';
import {
  fisherLosses,
  fisherTargets,
  perExampleGradientSums,
  perExampleGradientSumsOneByOne,
  squaredGradientSums,
} from '../src/engine/fisher';
import { Lockstep } from '../src/engine/lockstep';
import { METHOD_IDS, METHOD_LABELS } from '../src/engine/methods/registry';
import { createRng } from '../src/engine/random';

const ROUNDS = 15;
const STEPS_PER_ROUND = 40;
const FISHER_EXAMPLES = 200;
/** The importances' probe at a boundary: the default Fisher sample count. */
const PROBE_EXAMPLES = DEFAULT_HYPERPARAMETERS.fisherSamples;

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
  // One lockstep per method, so each step is that method's whole step (its batch included:
  // replay's is twice as large), all past one task boundary.
  const runs = await Promise.all(
    METHOD_IDS.map(async (id) => {
      const ls = new Lockstep({
        data,
        spec: { protocol: 'permuted-mnist', tasks: 2 },
        methods: [id],
        seed: 0,
      });
      for (let s = 0; s < 10; s++) ls.step();
      await ls.switchTask(1);
      return ls;
    }),
  );
  const times: number[][] = METHOD_IDS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved rounds so a busy neighbour slows every method alike.
    for (const [i, ls] of runs.entries()) {
      times[i].push(
        await timeIt(() => {
          for (let s = 0; s < STEPS_PER_ROUND; s++) ls.step();
          return tf.sum(ls.learners[0].model.consolidated()[0]);
        }),
      );
    }
  }
  // The fastest round: on a shared machine the neighbours only ever add time.
  const stepsPerSecond = times.map((t) => (1000 * STEPS_PER_ROUND) / Math.min(...t.slice(1)));
  console.log(`Engine benchmark: MLP 784-256-256-10, batch ${batchSize}, backend ${backend}`);
  console.log('\nmethod   steps/s   ms/step   vs SGD');
  METHOD_IDS.forEach((m, i) => {
    const slower = stepsPerSecond[0] / stepsPerSecond[i] - 1;
    console.log(
      `${METHOD_LABELS[m].padEnd(7)} ${stepsPerSecond[i].toFixed(1).padStart(8)} ${(1000 / stepsPerSecond[i]).toFixed(2).padStart(9)}   ${slower >= 0 ? '+' : ''}${(100 * slower).toFixed(1)}%`,
    );
  });
  const siCost = stepsPerSecond[0] / stepsPerSecond[METHOD_IDS.indexOf('si')] - 1;
  console.log(`\nSI costs ${(100 * siCost).toFixed(1)}% more than SGD per step (target ≤ 10%).`);
  console.log(
    `Replay (memory ${runs[METHOD_IDS.indexOf('replay')].replayMemory.length}) trains on ${2 * batchSize} examples a step, half from the memory.`,
  );

  // At every boundary every learner measures every declared importance on its own weights.
  const model = runs[0].learners[0].model;
  const probe = makeBatch(
    runs[0].scenario,
    Array.from({ length: PROBE_EXAMPLES }, (_, pos) => ({ task: 1, pos })),
    'train',
  );
  const fisher = async () => {
    const targets = await fisherTargets(model, probe.x, probe.y, 0, 'sampled', createRng(0));
    const sums = squaredGradientSums(model, probe.x, 0, targets);
    tf.dispose(targets);
    return sums;
  };
  const mas = () => perExampleGradientSums(model, probe.x, 0, [(logits) => tf.sum(tf.square(logits))], 1);
  const timeAsync = async (run: () => Promise<tf.Tensor[]>) => {
    const start = performance.now();
    const out = await run();
    await Promise.all(out.map((t) => t.data()));
    tf.dispose(out);
    return performance.now() - start;
  };
  await timeAsync(fisher); // warm-up
  const fisherTimes: number[] = [];
  const masTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    fisherTimes.push(await timeAsync(fisher));
    masTimes.push(await timeAsync(async () => mas()));
  }
  console.log(`\nImportances per learner at a task boundary (${PROBE_EXAMPLES} examples):`);
  console.log(`  Fisher (sampled labels)    ${median(fisherTimes).toFixed(0).padStart(7)} ms`);
  console.log(`  MAS Ω (|∂‖f‖²/∂θ|)         ${median(masTimes).toFixed(0).padStart(7)} ms`);

  const fisherRefs = Array.from({ length: FISHER_EXAMPLES }, (_, pos) => ({ task: 1, pos }));
  const small = makeBatch(runs[0].scenario, fisherRefs, 'train');
  const targets = await fisherTargets(model, small.x, small.y, 0, 'sampled', createRng(0));
  await timeIt(() => squaredGradientSums(model, small.x, 0, targets)); // warm-up
  const batchedTimes: number[] = [];
  for (let r = 0; r < 3; r++)
    batchedTimes.push(await timeIt(() => squaredGradientSums(model, small.x, 0, targets)));
  const loopTime = await timeIt(() =>
    perExampleGradientSumsOneByOne(model, small.x, 0, fisherLosses(targets), 2),
  );
  const batchedTime = median(batchedTimes);
  console.log(`\nFisher (sampled) on ${FISHER_EXAMPLES} examples:`);
  console.log(`  batched per-example trick  ${batchedTime.toFixed(0).padStart(7)} ms`);
  console.log(`  one example at a time      ${loopTime.toFixed(0).padStart(7)} ms`);
  console.log(
    `  speed-up                   ${(loopTime / batchedTime).toFixed(1).padStart(7)}× (target ≥ 10×)`,
  );
  tf.dispose([probe.x, probe.y, small.x, small.y, ...targets]);
  for (const ls of runs) ls.dispose();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
