/** Pure helpers of the loss-landscape panel: contour levels and lines, grid-to-plane coordinates. */
import type { ResultsState } from '../store/results';

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

/**
 * The lines of a d3 contour (its rings, in grid coordinates of an nx × ny grid) without the parts
 * that run along the grid's edge: d3 closes each region along the border, which would draw the
 * plot's frame over and over. Each run of interior segments becomes its own polyline.
 */
export function contourLines(
  rings: readonly (readonly [number, number])[][],
  nx: number,
  ny: number,
): [number, number][][] {
  const onEdge = ([x, y]: readonly [number, number]) => x <= 0 || y <= 0 || x >= nx || y >= ny;
  const lines: [number, number][][] = [];
  for (const ring of rings) {
    // The ring is closed (last point = first): walk its segments starting after a border segment,
    // so a curve is never split where the ring happens to begin.
    const pts = ring.slice(0, -1);
    const n = pts.length;
    const border = (k: number) => onEdge(pts[k % n]) && onEdge(pts[(k + 1) % n]);
    const start = Array.from({ length: n }, (_, k) => k).find(border);
    const from = start === undefined ? 0 : start + 1;
    let line: [number, number][] = [];
    for (let k = from; k < from + n; k++) {
      if (border(k)) {
        if (line.length > 1) lines.push(line);
        line = [];
        continue;
      }
      if (line.length === 0) line.push([pts[k % n][0], pts[k % n][1]]);
      const b = pts[(k + 1) % n];
      line.push([b[0], b[1]]);
    }
    if (line.length > 1) lines.push(line);
  }
  return lines;
}

/** Whether the landscape can be computed: two methods, and a finished task followed by training on another. */
export function landscapeReady(s: Pick<ResultsState, 'config' | 'switches' | 'evaluations'>): boolean {
  if ((s.config?.methods.length ?? 0) < 2) return false;
  const finished = s.switches.filter((sw) => sw.boundary !== null).length;
  const sinceSwitch = (s.evaluations.at(-1)?.step ?? 0) > (s.switches.at(-1)?.step ?? 0);
  return finished >= 2 || (finished >= 1 && sinceSwitch);
}
