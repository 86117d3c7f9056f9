/**
 * The importance figures' heavy arithmetic, on up to ~270,000 values per layer set: log
 * transforms, the range where the data lives, binning and correlations. Pure functions, run in a
 * worker (transforms.worker.ts) so the page never stalls on them.
 */
import { pearson, spearman } from '../engine/metrics';

/** How many decades under the largest value the figures show; smaller values are counted, not spread. */
export const DECADES = 8;

/** The top of a log axis: the decade at or above the largest positive value (NaN when there is none). */
function topDecade(arrays: readonly ArrayLike<number>[]): number {
  let max = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
  return max > 0 ? Math.ceil(Math.log10(max) - 1e-9) : Number.NaN;
}

export interface ScatterLayerInput {
  name: string;
  /** Two importance measures (x, y) of the same parameters. */
  x: Float32Array;
  y: Float32Array;
}

export interface ScatterView {
  /** log₁₀ of each value, raised to the floor of its axis when under it (drawn on the floor). */
  x: Float32Array;
  y: Float32Array;
  /** The layer index of every point (for its colour). */
  layer: Uint8Array;
  /** Each axis from its floor to its top decade, log₁₀ units. */
  xDomain: [number, number];
  yDomain: [number, number];
  /** Points at or under the floor of x, of y, of either (zeros and negatives included). */
  belowX: number;
  belowY: number;
  below: number;
  /** Pearson of the log values as drawn (what the eye sees), Spearman of the raw values. */
  pearsonLog: number;
  spearman: number;
}

/**
 * The ω-vs-Fisher scatter on log axes that span the `decades` under each axis' top decade: the
 * range where the data lives, not down to 1e-35. Values under the floor sit on it and are counted.
 */
export function scatterView(layers: readonly ScatterLayerInput[], decades = DECADES): ScatterView {
  const n = layers.reduce((s, l) => s + l.x.length, 0);
  const xTop = topDecade(layers.map((l) => l.x));
  const yTop = topDecade(layers.map((l) => l.y));
  const xTopOr = Number.isFinite(xTop) ? xTop : 0;
  const yTopOr = Number.isFinite(yTop) ? yTop : 0;
  const xFloor = xTopOr - decades;
  const yFloor = yTopOr - decades;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const layer = new Uint8Array(n);
  const rawX = new Float64Array(n);
  const rawY = new Float64Array(n);
  let belowX = 0;
  let belowY = 0;
  let below = 0;
  let o = 0;
  layers.forEach((l, k) => {
    for (let i = 0; i < l.x.length; i++, o++) {
      rawX[o] = l.x[i];
      rawY[o] = l.y[i];
      const lx = l.x[i] > 0 ? Math.log10(l.x[i]) : Number.NEGATIVE_INFINITY;
      const ly = l.y[i] > 0 ? Math.log10(l.y[i]) : Number.NEGATIVE_INFINITY;
      const ux = lx < xFloor;
      const uy = ly < yFloor;
      x[o] = ux ? xFloor : lx;
      y[o] = uy ? yFloor : ly;
      layer[o] = k;
      if (ux) belowX++;
      if (uy) belowY++;
      if (ux || uy) below++;
    }
  });
  return {
    x,
    y,
    layer,
    xDomain: [xFloor, xTopOr],
    yDomain: [yFloor, yTopOr],
    belowX,
    belowY,
    below,
    pearsonLog: pearson(x, y),
    spearman: spearman(rawX, rawY),
  };
}

export interface HistogramView {
  /** log₁₀ bin edges, bins + 1 of them, over the group's shared domain. */
  edges: number[];
  counts: number[];
  /** Values left out: zeros (and negatives), and positive values under the floor. */
  zeros: number;
  below: number;
}

/**
 * Log-binned histograms of several value sets that share one axis (the layers of one quantity):
 * `bins` equal bins over the `decades` under their common top decade.
 */
export function histogramViews(
  sets: readonly ArrayLike<number>[],
  bins: number,
  decades = DECADES,
): HistogramView[] {
  const top = topDecade(sets);
  const hi = Number.isFinite(top) ? top : 0;
  const lo = hi - decades;
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  return sets.map((values) => {
    const counts = new Array<number>(bins).fill(0);
    let zeros = 0;
    let below = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!(v > 0)) zeros++;
      else {
        const l = Math.log10(v);
        if (l < lo) below++;
        else counts[Math.min(bins - 1, Math.floor((l - lo) / width))]++;
      }
    }
    return { edges, counts, zeros, below };
  });
}
