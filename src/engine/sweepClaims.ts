/**
 * What a strength sweep is claimed to show, as data (the lesson's sweep scene): checked by the
 * scene tests on a headless run and by the page on its own run, against the final sweep table.
 * Numbers in percentage points.
 *   rises        metric at the largest strength − metric at strength 0 ≥ atLeast
 *   fallsAtLargest  the metric's best over the lanes − metric at the largest strength ≥ atLeast
 *   recommendedNearBest  |log₁₀ recommended − log₁₀ strength with the best average| ≤ decades
 */
import type { MethodMatrix } from './claims';
import { type ScenarioSpec, scenarioKeyOf } from './data/scenarios';
import type { LaneSpec } from './laneSettings';
import { bestRow, laneStrength, type SweepRow, sweepRows, sweptParam } from './sweep';

export type SweepMetric = 'first' | 'newest' | 'average';

export type SweepClaim =
  | { readonly kind: 'rises'; readonly metric: SweepMetric; readonly atLeast: number }
  | { readonly kind: 'fallsAtLargest'; readonly metric: SweepMetric; readonly atLeast: number }
  | { readonly kind: 'recommendedNearBest'; readonly decades: number };

/** The sweep a claim is checked on: its final rows, the swept symbol and the recommended strength. */
export interface SweepResult {
  readonly rows: readonly SweepRow[];
  readonly symbol: string;
  readonly recommended: number;
}

export interface SweepClaimOutcome {
  readonly value: number;
  readonly holds: boolean;
  readonly line: string;
}

const METRIC_TEXT: Readonly<Record<SweepMetric, string>> = {
  first: 'task 1 accuracy',
  newest: 'newest-task accuracy',
  average: 'average accuracy',
};

const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toFixed(1))) : '–');

/** The claim in words, e.g. "task 1 accuracy rises by ≥ 10 points from c = 0 to the largest c". */
export function describeSweepClaim(c: SweepClaim, symbol: string): string {
  switch (c.kind) {
    case 'rises':
      return `${METRIC_TEXT[c.metric]} rises by ≥ ${fmt(c.atLeast)} points from ${symbol} = 0 to the largest ${symbol}`;
    case 'fallsAtLargest':
      return `${METRIC_TEXT[c.metric]} at the largest ${symbol} is ≥ ${fmt(c.atLeast)} points below its best`;
    case 'recommendedNearBest':
      return `the recommended ${symbol} is within ${fmt(c.decades)} decade${c.decades === 1 ? '' : 's'} of the ${symbol} with the best average accuracy`;
  }
}

/** Checks one claim on a finished sweep (lanes in order of strength, 0 first). */
export function checkSweepClaim(c: SweepClaim, sweep: SweepResult): SweepClaimOutcome {
  const { rows } = sweep;
  const largest = rows[rows.length - 1];
  const best = bestRow(rows);
  let value = Number.NaN;
  if (largest && best) {
    if (c.kind === 'rises') value = 100 * (largest[c.metric] - rows[0][c.metric]);
    else if (c.kind === 'fallsAtLargest')
      value = 100 * (Math.max(...rows.map((r) => r[c.metric])) - largest[c.metric]);
    else value = Math.abs(Math.log10(sweep.recommended) - Math.log10(best.strength));
  }
  const holds = c.kind === 'recommendedNearBest' ? value <= c.decades : value >= c.atLeast;
  const unit = c.kind === 'recommendedNearBest' ? ' decades' : ' points';
  return { value, holds, line: `${describeSweepClaim(c, sweep.symbol)} (measured ${fmt(value)}${unit})` };
}

/** A sweep run's final table, as the page's sweep panel reads it (one matrix per lane); null for a run of methods. */
export function sweepResultOf(
  spec: ScenarioSpec,
  lanes: readonly LaneSpec[] | undefined,
  runs: readonly MethodMatrix[],
): SweepResult | null {
  const param = lanes?.[0] && sweptParam(lanes[0].method);
  if (!lanes || !param) return null;
  const last = runs.map((m) => m.accuracy[m.accuracy.length - 1]);
  return {
    rows: sweepRows(lanes.map(laneStrength), last, last[0].length - 1),
    symbol: param.symbol,
    recommended: param.recommended[scenarioKeyOf(spec)],
  };
}
