/** Pure helpers of the loss-landscape panel: contour levels and grid-to-plane coordinates. */

/**
 * `n` contour levels spaced evenly in log(loss − min), so the basin's floor and its steep walls
 * both get lines; the lowest level sits just above the minimum.
 */
export function contourLevels(values: ArrayLike<number>, n: number): number[] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  if (!(hi > lo)) return [];
  const span = hi - lo;
  const first = span * 0.01;
  return Array.from({ length: n }, (_, k) => lo + first * (span / first) ** (k / (n - 1)));
}

/**
 * d3.contours treats value k as the centre of cell [k, k+1]; this maps its coordinate back to the
 * plane's coordinate along an evenly spaced axis.
 */
export function gridToPlane(axis: ArrayLike<number>, g: number): number {
  const step = axis.length > 1 ? (axis[axis.length - 1] - axis[0]) / (axis.length - 1) : 1;
  return axis[0] + (g - 0.5) * step;
}
