/**
 * The spread over seeds: a run with seed lanes trains K lanes of every method, each with its own
 * seed; the panels show, per method, the mean over those lanes and the band from their minimum to
 * their maximum. A run without seed lanes is the same with one lane per group (a band of width 0).
 */
import type { MethodId } from '../engine/methodIds';
import type { RunConfig } from '../engine/runConfig';
import { groupBySeed } from '../engine/seedLanes';
import { laneLabels } from './sweepData';

/** The lanes that differ only by seed: one method (with its fixed parameters, in a sweep). */
export interface LaneGroup {
  method: MethodId;
  /** The name in legends and tables: the method's label, or a sweep lane's ("SI c=0.01"). */
  label: string;
  /** Indices into the run's lanes (rows of every methods × tasks array), in seed order. */
  lanes: number[];
  /** Each lane's seed, in the same order. */
  seeds: number[];
}

/** Mean, minimum and maximum over a group's lanes; `n` counts the lanes with a finite value. */
export interface Spread {
  mean: number;
  lo: number;
  hi: number;
  n: number;
}

/** The run's lanes grouped by method and fixed parameters (one lane a group without seed lanes). */
export function laneGroups(config: RunConfig): LaneGroup[] {
  const labels = laneLabels(config);
  const lanes = config.lanes ?? config.methods.map((method) => ({ method }));
  return groupBySeed(lanes, config.seed).map((g) => ({
    method: g.method,
    label: labels[g.lanes[0]],
    lanes: [...g.lanes],
    seeds: [...g.seeds],
  }));
}

/** The number of seeds each method is trained on (1 without seed lanes). */
export const seedCount = (groups: readonly LaneGroup[]): number =>
  Math.max(1, ...groups.map((g) => g.lanes.length));

/** Mean, minimum and maximum of the finite values (NaN for all three when none is finite). */
export function spreadOf(values: Iterable<number>): Spread {
  let sum = 0;
  let n = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    sum += v;
    n++;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return n === 0 ? { mean: Number.NaN, lo: Number.NaN, hi: Number.NaN, n } : { mean: sum / n, lo, hi, n };
}

/** A group's spread on task `task` of a lanes × tasks row-major array (an evaluation's accuracy). */
export function groupSpread(
  values: ArrayLike<number>,
  group: LaneGroup,
  taskCount: number,
  task: number,
): Spread {
  return spreadOf(group.lanes.map((l) => values[l * taskCount + task]));
}

/** What the figures and the table say the band is. */
export function bandNote(seeds: number): string {
  return `band: min–max over ${seeds} seeds`;
}

/**
 * The band's ends in %, one decimal: "88.0–89.7", or signed, "−35.0 to −25.0" (a dash between
 * two minus signs would read as a third); "—" when undefined.
 */
export function rangeText(s: Spread, signed = false): string {
  if (!Number.isFinite(s.lo)) return '—';
  if (!signed) return `${(s.lo * 100).toFixed(1)}–${(s.hi * 100).toFixed(1)}`;
  const sign = (v: number) => `${v < 0 ? '−' : '+'}${Math.abs(v * 100).toFixed(1)}`;
  return `${sign(s.lo)} to ${sign(s.hi)}`;
}
