/**
 * What the "A-GEM & LwF" figure plots, from the evaluations the worker streams: per A-GEM lane and
 * evaluation interval, the share of steps whose update was projected and the angle between the
 * current batch's gradient g and the memory's g_ref; per LwF lane and evaluation, what its frozen
 * old network says on the current task's digits against the network now. Pure, so it is tested
 * without a page.
 */
import type { MethodId } from '../engine/methodIds';
import { methodModule } from '../engine/methods/registry';
import type { EvaluationPoint } from '../store/results';

/** One evaluation interval (steps after `from` up to `to`) of one A-GEM lane, with reference batches. */
export interface ProjectionInterval {
  from: number;
  to: number;
  /** Steps with a reference batch in the interval. */
  references: number;
  /** Their share whose update was projected (gᵀg_ref < 0), in [0, 1]. */
  share: number;
  /** The mean of cos(g, g_ref) over the interval and its standard deviation. */
  meanCos: number;
  sdCos: number;
  /** The mean cosine as an angle, and the angles of mean ∓ 1 s.d. (degrees, lo ≤ angle ≤ hi). */
  angle: number;
  angleLo: number;
  angleHi: number;
}

export interface ProjectionSeries {
  lane: number;
  method: MethodId;
  intervals: ProjectionInterval[];
}

/** One evaluation of one LwF lane after its first boundary. */
export interface FrozenPoint {
  step: number;
  /** The mean probability the frozen old network gives its own top class on the current digits. */
  old: number;
  /** The mean probability the network now gives that class. */
  current: number;
  /** The share of digits on which both name the same class. */
  agreement: number;
}

export interface FrozenSeries {
  lane: number;
  method: MethodId;
  points: FrozenPoint[];
}

const degrees = (cos: number) => (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;

/**
 * A lane's diagnostics summed over one interval as the figure shows them. The spread of cos is the
 * population s.d. from the sums, √(Σcos²/n − (Σcos/n)²); arccos falls, so mean + s.d. is the lower angle.
 */
export function projectionInterval(
  from: number,
  to: number,
  d: Readonly<Record<string, number>>,
): ProjectionInterval | null {
  const n = d.references ?? 0;
  if (!(n > 0)) return null;
  const meanCos = d.cosine / n;
  const sdCos = Math.sqrt(Math.max(0, d.cosineSquared / n - meanCos * meanCos));
  return {
    from,
    to,
    references: n,
    share: d.projected / n,
    meanCos,
    sdCos,
    angle: degrees(meanCos),
    angleLo: degrees(meanCos + sdCos),
    angleHi: degrees(meanCos - sdCos),
  };
}

/**
 * Per A-GEM lane, its intervals that had reference batches. Every evaluation, live or full, takes
 * the sums since the one before, so the intervals tile the steps.
 */
export function projectionSeries(
  evaluations: readonly EvaluationPoint[],
  methods: readonly MethodId[],
): ProjectionSeries[] {
  return methods.flatMap((method, lane) => {
    if (!projects(method)) return [];
    const intervals = evaluations.flatMap((e, i) => {
      const d = e.diagnostics[lane];
      const at = d && i > 0 ? projectionInterval(evaluations[i - 1].step, e.step, d) : null;
      return at && at.to > at.from ? [at] : [];
    });
    return [{ lane, method, intervals }];
  });
}

/** Per lane that keeps a frozen copy (LwF), what it said at each evaluation after its first boundary. */
export function frozenSeries(
  evaluations: readonly EvaluationPoint[],
  methods: readonly MethodId[],
): FrozenSeries[] {
  return methods.flatMap((method, lane) => {
    const points = evaluations.flatMap((e) => {
      const f = e.frozen?.[lane];
      return f ? [{ step: e.step, ...f }] : [];
    });
    return keepsFrozenCopy(method) ? [{ lane, method, points }] : [];
  });
}

/** The methods the figure is about, by what they declare: a frozen copy (LwF), a reference batch (A-GEM). */
export const keepsFrozenCopy = (m: MethodId) => methodModule(m).step?.frozenCopy === true;
export const projects = (m: MethodId) => methodModule(m).step?.reference !== undefined;

/**
 * The share of steps projected over all the intervals that end after `fromStep` (steps with a
 * reference batch, pooled): the number the lesson scene and the e2e test read.
 */
export function pooledShare(series: ProjectionSeries, fromStep = 0): number {
  const kept = series.intervals.filter((i) => i.to > fromStep);
  const n = kept.reduce((s, i) => s + i.references, 0);
  return n > 0 ? kept.reduce((s, i) => s + i.share * i.references, 0) / n : Number.NaN;
}
