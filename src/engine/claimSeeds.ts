/**
 * Claims counted over seeds (issue 21): a claim stated as a general truth must hold on almost every
 * seed, not only on the ones it was tuned on. Over M seeds it must hold on required(M) = M − ⌊M/20⌋
 * of them: 19 of 20, all of 3. Beside the count, the spread of what was measured (the lowest and
 * highest deciding value over the seeds) shows how far each seed was from the claim's bound.
 */
import {
  type Claim,
  type ClaimOutcome,
  type ClaimRange,
  checkClaim,
  describeClaim,
  isAnyOf,
  type MethodMatrix,
  type MetricClaim,
} from './claims';
import type { LaneSpec } from './laneSettings';
import { laneSeed } from './seedLanes';
import { checkSweepClaim, describeSweepClaim, type SweepClaim, type SweepResult } from './sweepClaims';

/** The seeds of the claims' benchmark: 0 … 19 (`npm run evidence -- --seeds 0-19`). */
export const BENCHMARK_SEEDS: readonly number[] = Array.from({ length: 20 }, (_, i) => i);

/** On how many of M seeds a claim must hold: all but one in twenty. */
export function requiredSeeds(M: number): number {
  return M - Math.floor(M / 20);
}

/** The rule in words, for the tables that print it. */
export function requiredRule(M: number): string {
  return `each claim must hold on at least ${requiredSeeds(M)} of the ${M} seeds (M − ⌊M/20⌋)`;
}

/** How far inside its range a value is (negative: outside); NaN stays NaN. */
function margin(r: ClaimRange, x: number): number {
  if ('between' in r) return Math.min(x - r.between[0], r.between[1] - x);
  return 'atLeast' in r ? x - r.atLeast : r.atMost - x;
}

/** Of a claim's measured values (one per task it covers), the one nearest to failing it: the worst decides. */
export function decidingValue(r: ClaimRange, values: readonly number[]): number {
  if (values.some((x) => !Number.isFinite(x))) return Number.NaN;
  return values.reduce((worst, x) => (margin(r, x) < margin(r, worst) ? x : worst));
}

/** A claim's parts: one, or each alternative of an "any of" claim (each has its own spread). */
const partsOf = (c: Claim): readonly MetricClaim[] => (isAnyOf(c) ? c.anyOf : [c]);

/** One seed's verdict on a claim and the deciding value of each of its parts. */
export interface SeedOutcome {
  readonly holds: boolean;
  readonly deciding: readonly number[];
}

export function seedOutcome(c: Claim, runs: readonly MethodMatrix[]): SeedOutcome {
  return {
    holds: checkClaim(c, runs).holds,
    deciding: partsOf(c).map((part) => decidingValue(part, checkClaim(part, runs).values)),
  };
}

export function sweepSeedOutcome(c: SweepClaim, sweep: SweepResult): SeedOutcome {
  const o = checkSweepClaim(c, sweep);
  return { holds: o.holds, deciding: [o.value] };
}

/** A claim over M seeds. */
export interface SeedTally {
  /** The claim in words. */
  readonly line: string;
  readonly held: number;
  readonly seeds: number;
  /** Per part of the claim, the lowest and highest deciding value over the seeds (NaN where none was measured). */
  readonly spread: readonly (readonly [number, number])[];
  /** Held on at least requiredSeeds(seeds) of them (and on some seed at all). */
  readonly holds: boolean;
}

export function tally(line: string, outcomes: readonly SeedOutcome[]): SeedTally {
  const held = outcomes.filter((o) => o.holds).length;
  const parts = outcomes[0]?.deciding.length ?? 0;
  const spread = Array.from({ length: parts }, (_, p) => {
    const xs = outcomes.map((o) => o.deciding[p]).filter(Number.isFinite);
    return xs.length ? ([Math.min(...xs), Math.max(...xs)] as const) : ([Number.NaN, Number.NaN] as const);
  });
  const seeds = outcomes.length;
  return { line, held, seeds, spread, holds: seeds > 0 && held >= requiredSeeds(seeds) };
}

/** A claim checked on every seed's runs (each seed: the matrices of every method the claim names). */
export function tallyClaim(c: Claim, seeds: readonly (readonly MethodMatrix[])[]): SeedTally {
  return tally(
    describeClaim(c),
    seeds.map((runs) => seedOutcome(c, runs)),
  );
}

/** A sweep claim checked on every seed's final sweep table. */
export function tallySweepClaim(c: SweepClaim, sweeps: readonly SweepResult[]): SeedTally {
  return tally(
    describeSweepClaim(c, sweeps[0]?.symbol ?? 'strength'),
    sweeps.map((s) => sweepSeedOutcome(c, s)),
  );
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toFixed(1))) : '–');

/** A spread in words: "11.2 to 32.9", or "11.2 to 32.9 | -8.1 to -2" for an "any of" claim. */
export function describeSpread(spread: SeedTally['spread']): string {
  return spread.map(([lo, hi]) => (lo === hi ? fmt(lo) : `${fmt(lo)} to ${fmt(hi)}`)).join(' | ');
}

/**
 * A run's matrices seed by seed: a run whose lanes differ by seed (seeds as lanes) is one run per
 * seed, each of that seed's lanes in lane order; any other run (no lanes, a sweep) is one run.
 */
export function runsBySeed(
  runs: readonly MethodMatrix[],
  lanes: readonly LaneSpec[] | undefined,
  seed: number,
): MethodMatrix[][] {
  if (!lanes) return [[...runs]];
  const bySeed = new Map<number, MethodMatrix[]>();
  lanes.forEach((lane, m) => {
    const s = laneSeed(lane, seed);
    bySeed.set(s, [...(bySeed.get(s) ?? []), runs[m]]);
  });
  return [...bySeed.values()];
}

/**
 * A claim on a run of several seeds means "on every seed": it holds only if it holds on each seed's
 * runs, and its values are every seed's (the worst decides). On one seed it is the plain check.
 */
export function checkClaimOnEachSeed(c: Claim, seeds: readonly (readonly MethodMatrix[])[]): ClaimOutcome {
  const outcomes = seeds.map((runs) => checkClaim(c, runs));
  if (outcomes.length === 1) return outcomes[0];
  const values = outcomes.flatMap((o) => o.values);
  return {
    claim: c,
    values,
    holds: outcomes.every((o) => o.holds),
    line: `${describeClaim(c)} on each of ${seeds.length} seeds (measured ${values.map(fmt).join(', ')})`,
  };
}
