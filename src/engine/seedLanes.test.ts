import { describe, expect, it } from 'vitest';
import { acrossSeeds, groupBySeed, MAX_SEED_LANES, seedLanesOf } from './seedLanes';
import { sweepLanes } from './sweep';

describe('seed lanes', () => {
  it('lays out K seeds of every method, method-major, from the run’s seed', () => {
    expect(seedLanesOf(['sgd', 'ewc'], 7, 3)).toEqual([
      { method: 'sgd', seed: 7 },
      { method: 'sgd', seed: 8 },
      { method: 'sgd', seed: 9 },
      { method: 'ewc', seed: 7 },
      { method: 'ewc', seed: 8 },
      { method: 'ewc', seed: 9 },
    ]);
    expect(seedLanesOf(['si'], 4, 1)).toEqual([{ method: 'si', seed: 4 }]);
  });

  it('puts any lanes on any listed seeds, lane-major, keeping what each lane fixes', () => {
    const sweep = sweepLanes('ewc', 2, 'permuted-10');
    expect(acrossSeeds(sweep, [0, 7])).toEqual([
      { ...sweep[0], seed: 0 },
      { ...sweep[0], seed: 7 },
      { ...sweep[1], seed: 0 },
      { ...sweep[1], seed: 7 },
    ]);
  });

  it.each([0, MAX_SEED_LANES + 1, 2.5])('refuses %s seeds', (k) => {
    expect(() => seedLanesOf(['sgd'], 0, k)).toThrow(RangeError);
  });

  it('groups the lanes that differ only by seed, with their indices and seeds', () => {
    const lanes = seedLanesOf(['sgd', 'l2', 'ewc'], 3, 4);
    const groups = groupBySeed(lanes, 3);
    expect(groups.map((g) => g.method)).toEqual(['sgd', 'l2', 'ewc']);
    for (const [i, g] of groups.entries()) {
      expect(g.lanes).toEqual([4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3]);
      expect(g.seeds).toEqual([3, 4, 5, 6]);
      expect(g.params).toBeUndefined();
    }
  });

  it('keeps lanes with other fixed parameters apart, and gives a lane without a seed the run’s', () => {
    const sweep = sweepLanes('si', 3, 'split-task');
    const lanes = [
      ...sweep,
      { ...sweep[1], seed: 9 },
      { method: 'sgd' as const },
      { method: 'sgd' as const, seed: 2 },
    ];
    const groups = groupBySeed(lanes, 2);
    expect(groups.map((g) => [g.method, g.params?.c, g.lanes, g.seeds])).toEqual([
      ['si', sweep[0].params?.c, [0], [2]],
      ['si', sweep[1].params?.c, [1, 3], [2, 9]],
      ['si', sweep[2].params?.c, [2], [2]],
      ['sgd', undefined, [4, 5], [2, 2]],
    ]);
  });

  it('groups by parameter values whatever order they were given in', () => {
    const groups = groupBySeed(
      [
        { method: 'ewc', params: { lambdaEwc: 5, c: 1 }, seed: 0 },
        { method: 'ewc', params: { c: 1, lambdaEwc: 5 }, seed: 1 },
      ],
      0,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].seeds).toEqual([0, 1]);
  });
});
