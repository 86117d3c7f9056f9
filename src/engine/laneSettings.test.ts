import { beforeAll, describe, expect, it } from 'vitest';
import { Lockstep } from './lockstep';
import { fakeMnist, useCpuBackend } from './testSupport';

beforeAll(useCpuBackend);

const data = fakeMnist(20);

describe('lanes of one method', () => {
  it('train each lane at its own strength while the run’s sliders still move the rest', async () => {
    const ls = new Lockstep({
      data,
      spec: { protocol: 'split-mnist', scenario: 'task' },
      seed: 2,
      lanes: [{ method: 'si', params: { c: 0 } }, { method: 'si', params: { c: 10 } }, { method: 'si' }],
      hidden: [8, 6],
      evalSubset: 20,
      hyperparameters: { batchSize: 16, c: 1 },
    });
    expect(ls.methods).toEqual(['si', 'si', 'si']);
    for (let s = 0; s < 6; s++) ls.step();
    await ls.switchTask(1);
    for (let s = 0; s < 6; s++) ls.step();
    const before = (await ls.evaluate()).penalty;
    // Lane 0 holds c = 0: no penalty at all. Lane 1 (c = 10) and lane 2 (the run's c = 1) share
    // the same Ω only up to their paths, but both are penalised.
    expect(before[0]).toBe(0);
    expect(before[1]).toBeGreaterThan(0);
    expect(before[2]).toBeGreaterThan(0);
    ls.setHyperparameters({ c: 0 });
    const after = (await ls.evaluate()).penalty;
    expect(after[2]).toBe(0); // the run's slider reaches the lane that fixes nothing
    expect(after[1]).toBeCloseTo(before[1], 5); // and not the lane that fixes c
    ls.dispose();
  });

  it('refuses a parameter no method declares', () => {
    expect(
      () =>
        new Lockstep({
          data,
          spec: { protocol: 'split-mnist', scenario: 'task' },
          seed: 0,
          lanes: [{ method: 'si', params: { constructor: 1 } as never }],
        }),
    ).toThrow(/No method parameter/);
  });
});
