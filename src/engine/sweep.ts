/**
 * A strength sweep: K lanes of one method in lockstep, each at its own strength (a lane at 0, the
 * method switched off, then log-spaced strengths over the range the method's strength declares in
 * its module), and the table a sweep is read by: per strength, the accuracy on the first task
 * (stability), on the newest task (plasticity) and the average over the tasks seen.
 * No TensorFlow.js here: the page, the worker, the tests and the lesson all read it.
 */
import type { ScenarioKey } from './data/scenarios';
import type { LaneSpec } from './laneSettings';
import { METHOD_LABELS, METHOD_PARAMS, type MethodId, type OwnedParam } from './methods/registry';
import type { SweepRange } from './methods/types';

export const MIN_SWEEP_LANES = 2;
export const MAX_SWEEP_LANES = 8;
export const DEFAULT_SWEEP_LANES = 4;

type SweptParam = OwnedParam & { readonly sweep: SweepRange };

const SWEPT: ReadonlyMap<MethodId, SweptParam> = new Map(
  METHOD_PARAMS.flatMap((p) => (p.sweep ? [[p.owner, p as SweptParam] as const] : [])),
);

/** The methods with a strength to sweep, in registry order. */
export const SWEEP_METHODS: readonly MethodId[] = [...SWEPT.keys()];

/** The parameter a sweep of `method` varies; null for a method with no strength (SGD, replay, A-GEM, Joint). */
export function sweptParam(method: MethodId): SweptParam | null {
  return SWEPT.get(method) ?? null;
}

/** Two significant digits, so the lanes read as 0.01, 0.22, 4.6 rather than 0.2154…. */
const nice = (x: number) => Number(x.toPrecision(2));

/**
 * The strengths of a K-lane sweep of `method` in `scenario`: 0, then K − 1 strengths evenly spaced
 * in log from the range's low end to its high end (one lane above 0: the high end).
 */
export function sweepStrengths(method: MethodId, lanes: number, scenario: ScenarioKey): number[] {
  const param = sweptParam(method);
  if (!param) throw new RangeError(`${method} has no strength to sweep.`);
  if (!Number.isInteger(lanes) || lanes < MIN_SWEEP_LANES || lanes > MAX_SWEEP_LANES)
    throw new RangeError(`A sweep has ${MIN_SWEEP_LANES}–${MAX_SWEEP_LANES} lanes, not ${lanes}.`);
  const unit = param.sweep.relative ? param.recommended[scenario] : 1;
  const [lo, hi] = [Math.log10(param.sweep.from * unit), Math.log10(param.sweep.to * unit)];
  const n = lanes - 1;
  const logs = Array.from({ length: n }, (_, i) => (n === 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
  return [0, ...logs.map((l) => nice(10 ** l))];
}

/** The lockstep lanes of a sweep: one per strength, each fixing the swept parameter. */
export function sweepLanes(method: MethodId, lanes: number, scenario: ScenarioKey): LaneSpec[] {
  const strengths = sweepStrengths(method, lanes, scenario);
  const key = (sweptParam(method) as SweptParam).key; // sweepStrengths threw for a method without one
  return strengths.map((v) => ({ method, params: { [key]: v } }));
}

/** The value a lane fixes for its method's swept parameter (NaN for a lane that fixes none). */
export function laneStrength(lane: LaneSpec): number {
  const key = sweptParam(lane.method)?.key;
  const v = key && lane.params ? lane.params[key] : undefined;
  return v ?? Number.NaN;
}

/** A strength as a label writes it: 0, 0.01, 4.6, 1e+5 → "1e5". */
export const formatStrength = (v: number): string =>
  v !== 0 && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3) ? v.toExponential().replace('e+', 'e') : String(v);

/** A lane's name in tables and legends: "SI c=0.01" for a lane that fixes its strength, else the method's label. */
export function laneLabel(lane: LaneSpec): string {
  const symbol = sweptParam(lane.method)?.symbol;
  const v = laneStrength(lane);
  return symbol && Number.isFinite(v)
    ? `${METHOD_LABELS[lane.method]} ${symbol}=${formatStrength(v)}`
    : METHOD_LABELS[lane.method];
}

/** One lane of a sweep at one moment: accuracies in [0, 1]. */
export interface SweepRow {
  readonly strength: number;
  /** On the first task: what the penalty keeps (stability). */
  readonly first: number;
  /** On the task being trained (or trained last): what the penalty still lets in (plasticity). */
  readonly newest: number;
  /** Over the tasks seen so far, 1..newest. */
  readonly average: number;
}

/**
 * The sweep table from one evaluation: `accuracy[lane][task]` (NaN for a task not measured),
 * `newest` the 0-based task trained last. Tasks after it are not read.
 */
export function sweepRows(
  strengths: readonly number[],
  accuracy: readonly (readonly number[])[],
  newest: number,
): SweepRow[] {
  return strengths.map((strength, l) => {
    const seen = accuracy[l].slice(0, newest + 1);
    return {
      strength,
      first: seen[0],
      newest: seen[newest],
      average: seen.reduce((s, a) => s + a, 0) / seen.length,
    };
  });
}

/** The row with the best average (the first of equals: the weakest strength that reaches it). */
export function bestRow(rows: readonly SweepRow[]): SweepRow | null {
  return rows.reduce<SweepRow | null>((b, r) => (!b || r.average > b.average ? r : b), null);
}
