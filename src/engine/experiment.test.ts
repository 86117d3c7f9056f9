import { beforeAll, describe, expect, it } from 'vitest';
import { type ExperimentOptions, runExperiment, runSeeds } from './experiment';
import { MAX_SEED_LANES } from './seedLanes';
import { fakeMnist, useCpuBackend } from './testSupport';

beforeAll(useCpuBackend);

const data = fakeMnist(20);
const options: ExperimentOptions = {
  spec: { protocol: 'permuted-mnist', tasks: 2 },
  methods: ['sgd', 'ewc', 'replay'],
  epochs: 1,
  seed: 0,
  hidden: [8, 6],
  hyperparameters: { batchSize: 16, fisherSamples: 20, memory: 20 },
  evalEvery: 4,
};

/** What a result says, without the time it took. */
const said = ({ seconds, ...rest }: Awaited<ReturnType<typeof runExperiment>>) => rest;

describe('several seeds as lanes of one run', () => {
  it('give each seed the result it has alone, also past one lockstep’s seeds', async () => {
    const seeds = [...Array.from({ length: MAX_SEED_LANES }, (_, k) => 2 * k), 30];
    const together = await runSeeds(data, options, seeds);
    expect(together.map((r) => r.seed)).toEqual(seeds);
    for (const k of [0, MAX_SEED_LANES - 1, MAX_SEED_LANES]) {
      const alone = await runExperiment(data, { ...options, seed: seeds[k] });
      expect(said(together[k]), `seed ${seeds[k]}`).toEqual(said(alone));
    }
    expect(together[1].methods[0].accuracy).not.toEqual(together[0].methods[0].accuracy);
  }, 120_000);
});
