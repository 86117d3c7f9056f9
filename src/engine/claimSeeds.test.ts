import { describe, expect, it } from 'vitest';
import {
  checkClaimOnEachSeed,
  decidingValue,
  describeSpread,
  requiredSeeds,
  runsBySeed,
  tallyClaim,
  tallySweepClaim,
} from './claimSeeds';
import type { Claim, MethodMatrix } from './claims';
import { seedLanesOf } from './seedLanes';
import type { SweepResult } from './sweepClaims';

/** Two tasks: the method learns task 1 to `learned` % and ends with `drop` points less on it. */
const run = (method: MethodMatrix['method'], learned: number, drop: number): MethodMatrix => ({
  method,
  accuracy: [
    [learned / 100, 0.1],
    [(learned - drop) / 100, 0.95],
  ],
});

const SGD_DROP: Claim = { method: 'sgd', metric: 'drop', task: 1, atLeast: 15 };

/** 20 seeds of SGD whose drop on task 1 is 25 points, but `failing` of them drop only 10 + seed/10. */
const seeds = (failing: number) =>
  Array.from({ length: 20 }, (_, s) => [run('sgd', 95, s < failing ? 10 + s / 10 : 25)]);

describe('claims counted over seeds', () => {
  it('ask all but one in twenty seeds', () => {
    expect([1, 3, 19, 20, 39, 40, 100].map(requiredSeeds)).toEqual([1, 3, 19, 19, 38, 38, 95]);
  });

  it('hold on 19 of 20 seeds, not on 18', () => {
    const one = tallyClaim(SGD_DROP, seeds(1));
    expect(one).toMatchObject({ held: 19, seeds: 20, holds: true });
    const two = tallyClaim(SGD_DROP, seeds(2));
    expect(two).toMatchObject({ held: 18, seeds: 20, holds: false });
    expect(tallyClaim(SGD_DROP, seeds(0)).holds).toBe(true);
    // Three seeds allow no failure.
    expect(tallyClaim(SGD_DROP, seeds(1).slice(0, 3)).holds).toBe(false);
  });

  it('give the spread of the deciding value over the seeds', () => {
    const t = tallyClaim(SGD_DROP, seeds(2));
    expect(t.spread[0][0]).toBeCloseTo(10);
    expect(t.spread[0][1]).toBeCloseTo(25);
    expect(describeSpread(t.spread)).toBe('10 to 25');
    expect(t.line).toBe('SGD: drop on task 1 ≥ 15 points');
  });

  it('decide by the value nearest to failing the range', () => {
    expect(decidingValue({ atLeast: -3 }, [2, -2.5, 4])).toBe(-2.5);
    expect(decidingValue({ atMost: 3 }, [2, -2.5, 2.9])).toBe(2.9);
    expect(decidingValue({ between: [15, 25] }, [16, 24.5, 20])).toBe(24.5);
    expect(decidingValue({ atLeast: 0 }, [1, Number.NaN])).toBeNaN();
  });

  it('count an "any of" claim as held when one part holds, with a spread per part', () => {
    const claim: Claim = {
      anyOf: [
        { method: 'l2', metric: 'drop', task: 1, atMost: 3 },
        { method: 'l2', than: 'sgd', metric: 'drop', task: 1, atMost: -5 },
      ],
    };
    // Seed 0: L2 keeps task 1 (drop 2); seed 1: it forgets 10 but SGD 25; seed 2: both fail.
    const t = tallyClaim(claim, [
      [run('l2', 90, 2), run('sgd', 95, 25)],
      [run('l2', 90, 10), run('sgd', 95, 25)],
      [run('l2', 90, 22), run('sgd', 95, 25)],
    ]);
    expect(t).toMatchObject({ held: 2, seeds: 3, holds: false });
    expect(t.spread.map(([lo, hi]) => [Math.round(lo), Math.round(hi)])).toEqual([
      [2, 22],
      [-23, -3],
    ]);
  });

  it('count sweep claims the same way', () => {
    const sweep = (rise: number): SweepResult => ({
      symbol: 'λ',
      recommended: 100,
      rows: [
        { strength: 0, first: 0.5, newest: 0.95, average: 0.7 },
        { strength: 1000, first: 0.5 + rise / 100, newest: 0.9, average: 0.8 },
      ],
    });
    const rises = { kind: 'rises', metric: 'first', atLeast: 10 } as const;
    const t = tallySweepClaim(rises, [...Array(19).fill(sweep(30)), sweep(5)]);
    expect(t).toMatchObject({ held: 19, seeds: 20, holds: true });
    expect(t.line).toContain('rises by ≥ 10 points from λ = 0');
    expect(t.spread[0][0]).toBeCloseTo(5);
  });
});

describe('a claim on a run whose lanes are seeds', () => {
  // SGD and EWC on five seeds from 3, method-major: sgd@3…sgd@7, ewc@3…ewc@7.
  const lanes = seedLanesOf(['sgd', 'ewc'], 3, 5);
  /** The run's matrices: SGD drops 25 points on every seed but `weak`, where it drops 12. */
  const matrices = (weak: number | null) =>
    lanes.map((lane) => run(lane.method, 95, lane.method === 'ewc' ? 1 : lane.seed === weak ? 12 : 25));

  it('is checked seed by seed, each seed with every method of its own', () => {
    const bySeed = runsBySeed(matrices(null), lanes, 3);
    expect(bySeed).toHaveLength(5);
    for (const runs of bySeed) expect(runs.map((r) => r.method)).toEqual(['sgd', 'ewc']);
    // The weak seed's SGD sits with that seed's EWC, nowhere else.
    const drops = runsBySeed(matrices(6), lanes, 3).map(
      (runs) => checkClaimOnEachSeed(SGD_DROP, [runs]).values,
    );
    expect(drops).toEqual([[25], [25], [25], [12], [25]]);
  });

  it('holds only if it holds on each seed: one seed of five that fails fails it', () => {
    expect(checkClaimOnEachSeed(SGD_DROP, runsBySeed(matrices(null), lanes, 3)).holds).toBe(true);
    const one = checkClaimOnEachSeed(SGD_DROP, runsBySeed(matrices(7), lanes, 3));
    expect(one.holds).toBe(false);
    expect(one.line).toBe('SGD: drop on task 1 ≥ 15 points on each of 5 seeds (measured 25, 25, 25, 25, 12)');
    // A run of one seed (no lanes) is the plain check.
    expect(runsBySeed([run('sgd', 95, 12)], undefined, 0)).toHaveLength(1);
    expect(checkClaimOnEachSeed(SGD_DROP, [[run('sgd', 95, 12)]]).line).toBe(
      'SGD: drop on task 1 ≥ 15 points (measured 12)',
    );
  });
});
