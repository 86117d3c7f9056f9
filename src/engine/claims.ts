/**
 * What a run is claimed to show, as data: the scenario lines, the lesson's scenes, `npm run
 * experiment` and the end-to-end test all check the same claims against an accuracy matrix.
 * No TensorFlow.js here: the UI shows the claims, the tests evaluate them.
 *
 * Every number is in percentage points. A claim names a method and a metric of its accuracy
 * matrix R (R[i][j]: accuracy on task j after training tasks 1..i+1):
 *   final    R[T−1][j]      the accuracy on task j at the end;
 *   learned  R[j][j]        the accuracy on task j just after training it;
 *   drop     R[j][j] − R[T−1][j]   how much of task j was forgotten;
 *   average  mean_j R[T−1][j]      the average accuracy at the end;
 *   bwt      mean_{j<T−1} (R[T−1][j] − R[j][j])   backward transfer (negative: forgetting);
 *   pathIntegral   Σω ÷ (L(start) − L(end)) over task j: the path integral against the loss drop
 *                  it estimates (a ratio, not points);
 *   projected      the share of task j's steps with a reference batch whose update was projected
 *                  (A-GEM: gᵀg_ref < 0), in %.
 * `task` is 1-based; 'later' means every task after the first, each on its own (the claim holds
 * for each). With `than`, the claim is about the difference method − times·than, task by task
 * (`times` 1 unless given: "BWT at most a third of SGD's" is BWT(ewc) − ⅓·BWT(sgd) ≥ 0).
 */

import { METHOD_LABELS, type MethodId } from './methods/registry';
import { averageAccuracy, backwardTransfer } from './metrics';

export type ClaimMetric = 'final' | 'learned' | 'drop' | 'average' | 'bwt' | 'pathIntegral' | 'projected';

export type ClaimRange =
  | { readonly between: readonly [number, number] }
  | { readonly atLeast: number }
  | { readonly atMost: number };

export type MetricClaim = {
  readonly method: MethodId;
  readonly metric: ClaimMetric;
  /** 1-based; 'later': every task after the first; 'every': every task. Not used by 'average' and 'bwt'. */
  readonly task?: number | 'later' | 'every';
  /** Compare with this method: the claim is about method − times·than. */
  readonly than?: MethodId;
  readonly times?: number;
} & ClaimRange;

/** One of several claims must hold (e.g. L2 is either too rigid or protects less). */
export interface AnyOfClaim {
  readonly anyOf: readonly MetricClaim[];
}

export type Claim = MetricClaim | AnyOfClaim;

/** A method's full-test accuracy matrix, fractions in [0, 1] (as the engine and the store keep them). */
export interface MethodMatrix {
  readonly method: MethodId;
  readonly accuracy: number[][];
  /** Per task: the path integral and the loss drop (only 'pathIntegral' claims read them). */
  readonly tasks?: readonly { readonly sumOmega: number; readonly lossDrop: number }[];
  /** Per task: the method's diagnostics summed over its steps (only 'projected' claims read them). */
  readonly diagnostics?: readonly (Readonly<Record<string, number>> | null)[];
}

export interface ClaimOutcome {
  readonly claim: Claim;
  /** The measured value(s) in points, one per task the claim covers (the worst decides). */
  readonly values: readonly number[];
  readonly holds: boolean;
  /** The claim and what was measured, in one line. */
  readonly line: string;
}

const label = (id: MethodId) => METHOD_LABELS[id];

export const isAnyOf = (c: Claim): c is AnyOfClaim => 'anyOf' in c;

/** Method diagnostics summed key by key (a task's, from its evaluations' sums); null when there are none. */
export function sumDiagnostics(
  parts: readonly (Readonly<Record<string, number>> | null)[],
): Record<string, number> | null {
  const given = parts.filter((d) => d !== null);
  if (given.length === 0) return null;
  const total: Record<string, number> = {};
  for (const d of given) for (const [k, v] of Object.entries(d)) total[k] = (total[k] ?? 0) + v;
  return total;
}

/** The methods a claim reads: it can only be checked on a run that trained all of them. */
export function claimMethods(c: Claim): MethodId[] {
  if (isAnyOf(c)) return [...new Set(c.anyOf.flatMap(claimMethods))];
  return c.than ? [c.method, c.than] : [c.method];
}

function tasksOf(c: MetricClaim, T: number): number[] {
  if (c.metric === 'average' || c.metric === 'bwt') return [0];
  if (c.task === 'later') return Array.from({ length: T - 1 }, (_, j) => j + 1);
  if (c.task === 'every') return Array.from({ length: T }, (_, j) => j);
  return [(c.task ?? 1) - 1];
}

function metricValue(run: MethodMatrix, metric: ClaimMetric, j: number): number {
  const R = run.accuracy;
  const last = R[R.length - 1];
  switch (metric) {
    case 'final':
      return 100 * last[j];
    case 'learned':
      return 100 * R[j][j];
    case 'drop':
      return 100 * (R[j][j] - last[j]);
    case 'average':
      return 100 * averageAccuracy(R);
    case 'bwt':
      return 100 * backwardTransfer(R);
    case 'pathIntegral': {
      const t = run.tasks?.[j];
      return t ? t.sumOmega / t.lossDrop : Number.NaN;
    }
    case 'projected': {
      const d = run.diagnostics?.[j];
      return d && d.references > 0 ? (100 * d.projected) / d.references : Number.NaN;
    }
  }
}

const fmt = (x: number) => String(Number(x.toFixed(1)));

/** A range in words: "40–60", "≥ 15", "≤ 3". */
export function describeRange(r: ClaimRange): string {
  if ('between' in r) return `${fmt(r.between[0])}–${fmt(r.between[1])}`;
  return 'atLeast' in r ? `≥ ${fmt(r.atLeast)}` : `≤ ${fmt(r.atMost)}`;
}

export function inRange(r: ClaimRange, x: number): boolean {
  if ('between' in r) return x >= r.between[0] && x <= r.between[1];
  return 'atLeast' in r ? x >= r.atLeast : x <= r.atMost;
}

const METRIC_TEXT: Readonly<Record<ClaimMetric, string>> = {
  final: 'final accuracy',
  learned: 'accuracy when learned',
  drop: 'drop',
  average: 'average accuracy',
  bwt: 'BWT',
  pathIntegral: 'Σω ÷ loss drop',
  projected: 'share of updates projected',
};

/** The claim in words a room can read, e.g. "SGD: drop on task 1 ≥ 15 points". */
export function describeClaim(c: Claim): string {
  if (isAnyOf(c)) return c.anyOf.map(describeClaim).join(', or ');
  const times = c.times === undefined || c.times === 1 ? '' : `${Number(c.times.toFixed(2))}×`;
  const who = c.than ? `${label(c.method)} − ${times}${label(c.than)}` : label(c.method);
  const on =
    c.metric === 'average' || c.metric === 'bwt'
      ? ''
      : c.task === 'later'
        ? ' on every later task'
        : c.task === 'every'
          ? ' on every task'
          : ` on task ${c.task ?? 1}`;
  const unit =
    c.metric === 'pathIntegral' ? '' : c.metric === 'drop' || c.metric === 'bwt' || c.than ? ' points' : ' %';
  return `${who}: ${METRIC_TEXT[c.metric]}${on} ${describeRange(c)}${unit}`;
}

/** Checks one claim against the runs' matrices (every method it names must be there). */
export function checkClaim(c: Claim, runs: readonly MethodMatrix[]): ClaimOutcome {
  if (isAnyOf(c)) {
    const parts = c.anyOf.map((part) => checkClaim(part, runs));
    const holds = parts.some((p) => p.holds);
    return {
      claim: c,
      values: parts.flatMap((p) => p.values),
      holds,
      line: parts.map((p) => p.line).join(' | '),
    };
  }
  const matrix = (id: MethodId) => {
    const run = runs.find((r) => r.method === id);
    if (!run) throw new Error(`The claim "${describeClaim(c)}" needs ${label(id)}, which this run lacks.`);
    return run;
  };
  const run = matrix(c.method);
  const other = c.than ? matrix(c.than) : null;
  const values = tasksOf(c, run.accuracy.length).map(
    (j) => metricValue(run, c.metric, j) - (other ? (c.times ?? 1) * metricValue(other, c.metric, j) : 0),
  );
  const holds = values.every((x) => inRange(c, x));
  return { claim: c, values, holds, line: `${describeClaim(c)} (measured ${values.map(fmt).join(', ')})` };
}

/** The claims whose methods all ran, checked; the others are left out. */
export function checkClaims(claims: readonly Claim[], runs: readonly MethodMatrix[]): ClaimOutcome[] {
  const ran = new Set(runs.map((r) => r.method));
  return claims.filter((c) => claimMethods(c).every((m) => ran.has(m))).map((c) => checkClaim(c, runs));
}
