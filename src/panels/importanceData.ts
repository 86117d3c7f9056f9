import type { MethodId } from '../engine/methodIds';
import { pearson, spearman } from '../engine/metrics';
import { KEPT_IMPORTANCES, type TaskSwitch } from '../store/results';
import type { LayerImportances } from '../worker/protocol';

/** SI's importance: this task's path integral ω, or the cumulative Ω = Σ ω/(Δ²+ξ) the penalty uses. */
export type SiQuantity = 'omega' | 'Omega';

/** The boundaries that consolidated something, with their index into `switches`. */
export function consolidatedBoundaries(switches: readonly TaskSwitch[]): { index: number; sw: TaskSwitch }[] {
  return switches.flatMap((sw, index) => (sw.boundary ? [{ index, sw }] : []));
}

/** What an importance panel says for a boundary whose values were let go (see KEPT_IMPORTANCES). */
export const RELEASED_MESSAGE = `This boundary's per-parameter importances were let go to save memory (the latest ${KEPT_IMPORTANCES} are kept): pick a later boundary.`;

/** One method's layers at one boundary (all layers when `layer` is null; none once let go). */
export function layersAt(
  sw: TaskSwitch | undefined,
  method: MethodId,
  layer: string | null,
): LayerImportances[] {
  if (sw?.released) return [];
  const b = sw?.boundary?.find((x) => x.method === method);
  return (b?.layers ?? []).filter((l) => layer === null || l.layer === layer);
}

export interface LogScatter {
  /** log₁₀ of the values, clipped at the floor; x = Fisher, y = SI's importance. */
  x: Float32Array;
  y: Float32Array;
  /** The layer index of every point (for its colour). */
  layer: Uint8Array;
  /** Points with at least one value at or below the floor (zero or negative included). */
  clipped: number;
  floor: number;
  /** Pearson of the log values as drawn (what the eye sees on a log-log plot). */
  pearsonLog: number;
  /** Spearman of the raw values (ranks do not care about the log). */
  spearman: number;
}

/** Values at or below this count as zero on a log axis (exact zeros, negatives). */
export const LOG_FLOOR = 1e-30;

/**
 * A decade below the smallest positive value: where zeros go on a log axis, so they sit just
 * under the data instead of stretching the axis down to an arbitrary constant.
 */
export function floorBelow(...arrays: ArrayLike<number>[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (a[i] > LOG_FLOOR && a[i] < min) min = a[i];
  return Number.isFinite(min) ? min / 10 : 1e-12;
}

const log10Clipped = (v: number, floor: number) => Math.log10(Math.max(v, floor));

/** The ω-vs-Fisher scatter of the given layers, on log axes with a floor. */
export function logScatter(
  layers: readonly LayerImportances[],
  quantity: SiQuantity,
  floor = floorBelow(...layers.flatMap((l) => [l.fisher, l[quantity]])),
): LogScatter {
  const n = layers.reduce((s, l) => s + l.fisher.length, 0);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const layer = new Uint8Array(n);
  const rawX = new Float64Array(n);
  const rawY = new Float64Array(n);
  let clipped = 0;
  let o = 0;
  layers.forEach((l, k) => {
    const si = l[quantity];
    for (let i = 0; i < l.fisher.length; i++, o++) {
      rawX[o] = l.fisher[i];
      rawY[o] = si[i];
      x[o] = log10Clipped(l.fisher[i], floor);
      y[o] = log10Clipped(si[i], floor);
      layer[o] = k;
      if (!(l.fisher[i] > floor && si[i] > floor)) clipped++;
    }
  });
  return { x, y, layer, clipped, floor, pearsonLog: pearson(x, y), spearman: spearman(rawX, rawY) };
}

export interface LogHistogram {
  /** log₁₀ bin edges, bins + 1 of them. */
  edges: number[];
  counts: number[];
  /** Values at or below the floor, which a log axis cannot show. */
  nonPositive: number;
}

/** Histogram of log₁₀(values) with `bins` equal-width bins between the smallest and largest positive value. */
export function logHistogram(values: ArrayLike<number>, bins: number, floor = LOG_FLOOR): LogHistogram {
  const logs: number[] = [];
  let nonPositive = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > floor) logs.push(Math.log10(values[i]));
    else nonPositive++;
  }
  if (logs.length === 0) return { edges: [], counts: [], nonPositive };
  let lo = logs[0];
  let hi = lo;
  for (const v of logs) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo < 1e-9) [lo, hi] = [lo - 0.5, hi + 0.5];
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  const counts = new Array<number>(bins).fill(0);
  for (const v of logs) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  return { edges, counts, nonPositive };
}

export interface PathIntegralPoint {
  method: MethodId;
  /** The task that ended. */
  task: number;
  step: number;
  /** −Σω: the path integral's estimate of the loss change L(end) − L(start). */
  estimate: number;
  /** The actual loss change L(end) − L(start) on the task's loss probe (negative: it dropped). */
  actual: number;
  /** actual / estimate: 1 on the line; below 1 when the path integral overestimates the drop. */
  ratio: number;
}

/**
 * The talk's sanity check, one point per boundary and method. The engine's Σω ≈ L(start) − L(end)
 * (SI Eq. 3: ∫g·dθ = L(end) − L(start) = −Σω), so −Σω is compared with ΔL = L(end) − L(start).
 */
export function pathIntegralPoints(switches: readonly TaskSwitch[]): PathIntegralPoint[] {
  return consolidatedBoundaries(switches).flatMap(({ sw }) =>
    (sw.boundary ?? []).map((b) => {
      const estimate = -b.sumOmega;
      const actual = b.lossEnd - b.lossStart;
      return { method: b.method, task: sw.from, step: sw.step, estimate, actual, ratio: actual / estimate };
    }),
  );
}
