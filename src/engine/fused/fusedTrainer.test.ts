import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskBoundaryReport } from '../boundary';
import type { ScenarioSpec } from '../data/scenarios';
import type { LaneSpec } from '../laneSettings';
import { Lockstep, type LockstepOptions } from '../lockstep';
import { METHOD_IDS, METHODS, type MethodId } from '../methods/registry';
import { seedLanesOf } from '../seedLanes';
import { fakeMnist, relativeError } from '../testSupport';
import { perLearner } from './referenceTrainer';

const data = fakeMnist(30);
const TOLERANCE = 1e-4;
const SEED = 5;
const lanesOf = (methods: readonly MethodId[]): LaneSpec[] => methods.map((method) => ({ method }));

afterAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * 100 steps over two switches, the second back to the first task (its head and its optimizer
 * state in use again), with every method and one lane halted midway, then
 * everything the run exposes: weights, ω, every boundary's importances (ω, Ω, F, MAS's Ω), the
 * losses at the boundaries, and the evaluation's penalties, training losses and accuracies.
 */
async function run(spec: ScenarioSpec, lanes: readonly LaneSpec[], trainer: LockstepOptions['trainer']) {
  const options: LockstepOptions = {
    data,
    spec,
    seed: SEED,
    lanes,
    hidden: [24, 16],
    evalSubset: 30,
    trainer,
    hyperparameters: {
      batchSize: 12,
      fisherSamples: 40,
      lambdaEwc: 50,
      c: 0.5,
      lambdaL2: 0.05,
      lambdaMas: 0.5,
      memory: 40,
    },
  };
  const ls = new Lockstep(options);
  const reports: TaskBoundaryReport[] = [];
  for (const [steps, next] of [
    [40, 1],
    [40, 0],
  ] as const) {
    for (let s = 0; s < steps; s++) {
      ls.step();
      if (ls.stepCount === 60) ls.halt(1);
    }
    reports.push((await ls.switchTask(next))!);
  }
  for (let s = 0; s < 20; s++) ls.step();
  const evaluation = await ls.evaluate();
  const weights = await Promise.all(
    ls.learners.map((l) => Promise.all(l.model.variables().map((v) => v.data()))),
  );
  const omega = await Promise.all(ls.learners.map((l) => Promise.all(l.pathOmega.map((w) => w.data()))));
  ls.dispose();
  return { reports, evaluation, weights, omega };
}

type Run = Awaited<ReturnType<typeof run>>;

/** The largest relative difference over everything two runs expose, and where it is. */
async function largestDifference(
  lanes: readonly LaneSpec[],
  a: Run,
  b: Run,
): Promise<{ error: number; where: string }> {
  let worst = { error: 0, where: '' };
  const see = async (x: ArrayLike<number>, y: ArrayLike<number>, where: string) => {
    const error = await relativeError(x, y);
    if (!(error <= worst.error)) worst = { error, where };
  };
  for (const [m, lane] of lanes.entries()) {
    const id = `${lane.method} (seed ${lane.seed ?? SEED})`;
    for (const [k, w] of a.weights[m].entries()) await see(w, b.weights[m][k], `${id} weights ${k}`);
    for (const [k, w] of a.omega[m].entries()) await see(w, b.omega[m][k], `${id} ω ${k}`);
    for (const [r, report] of a.reports.entries()) {
      const other = b.reports[r].methods[m];
      const mine = report.methods[m];
      await see(
        [mine.lossStart, mine.lossEnd, mine.sumOmega],
        [other.lossStart, other.lossEnd, other.sumOmega],
        `${id} boundary ${r} losses`,
      );
      for (const [l, layer] of mine.layers.entries())
        for (const [i, measure] of layer.measures.entries())
          await see(
            measure.values,
            other.layers[l].measures[i].values,
            `${id} boundary ${r} ${layer.layer} ${measure.id}`,
          );
    }
  }
  await see(a.evaluation.penalty, b.evaluation.penalty, 'penalties');
  await see(a.evaluation.trainLoss, b.evaluation.trainLoss, 'training losses');
  await see(a.evaluation.accuracy.flat(), b.evaluation.accuracy.flat(), 'accuracies');
  return worst;
}

describe('the fused step', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const [spec, lanes, what] of [
      [
        { protocol: 'split-mnist', scenario: 'task' },
        lanesOf(METHOD_IDS),
        'task-incremental: Joint and replay mix heads',
      ],
      [
        { protocol: 'split-mnist', scenario: 'class' },
        lanesOf(METHOD_IDS),
        'class-incremental: replay’s batch is twice as long',
      ],
      [
        { protocol: 'permuted-mnist', tasks: 3 },
        lanesOf(METHODS.filter((m) => m.data.kind === 'current').map((m) => m.id)),
        'permuted: one minibatch for every lane',
      ],
      [
        { protocol: 'permuted-mnist', tasks: 3 },
        seedLanesOf(METHOD_IDS, SEED, 2),
        'permuted, two seeds: each its own weights, permutations, minibatches, memories and Fisher samples',
      ],
    ] as const) {
      it(`matches the per-learner reference for every method (${backend}, ${what})`, async () => {
        expect(await tf.setBackend(backend)).toBe(true);
        const reference = await run(spec, lanes, perLearner);
        for (const how of ['looped', 'batched'] as const) {
          const { error, where } = await largestDifference(lanes, await run(spec, lanes, how), reference);
          expect(error, `${how}: largest difference at ${where}`).toBeLessThan(TOLERANCE);
        }
      }, 240_000);
    }
  }

  it('moves the weights: the fused run is not the initial network', async () => {
    await tf.setBackend('cpu');
    const ls = new Lockstep({
      data,
      spec: { protocol: 'split-mnist', scenario: 'task' },
      seed: 1,
      methods: ['sgd'],
      hidden: [8],
    });
    const before = await ls.learners[0].model.variables()[0].data();
    for (let s = 0; s < 5; s++) ls.step();
    const after = await ls.learners[0].model.variables()[0].data();
    expect(await relativeError(after, before)).toBeGreaterThan(1e-3);
    ls.dispose();
  });
});
