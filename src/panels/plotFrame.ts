import { type ScaleLinear, scaleLinear } from 'd3';

/** The smallest parameter window the plot always shows; the longer screen side shows more. */
const MIN_HALF_X = 4;
const MIN_HALF_Y = 3;
const MARGIN = 28;

export interface PlotFrame {
  readonly width: number;
  readonly height: number;
  /** Pixel box trajectories are kept inside. */
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
}

/**
 * Equal scales on both axes (one pixel is the same Δθ either way), or L2's circle and the task
 * ellipses would be drawn distorted.
 */
export function plotFrame(width: number, height: number): PlotFrame {
  const left = MARGIN;
  const top = 8;
  const right = Math.max(left + 1, width - 8);
  const bottom = Math.max(top + 1, height - MARGIN);
  const k = Math.min((right - left) / (2 * MIN_HALF_X), (bottom - top) / (2 * MIN_HALF_Y));
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const halfX = (right - left) / (2 * k);
  const halfY = (bottom - top) / (2 * k);
  return {
    width,
    height,
    left,
    top,
    right,
    bottom,
    x: scaleLinear()
      .domain([-halfX, halfX])
      .range([cx - halfX * k, cx + halfX * k]),
    y: scaleLinear()
      .domain([-halfY, halfY])
      .range([cy + halfY * k, cy - halfY * k]),
  };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function pathThrough(
  f: PlotFrame,
  points: Float64Array,
  from: number,
  to: number,
  stopAtEdge: boolean,
): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const px = f.x(points[2 * i]!);
    const py = f.y(points[2 * i + 1]!);
    const outside = !(px >= f.left && px <= f.right && py >= f.top && py <= f.bottom); // NaN counts as outside
    const x = stopAtEdge && outside ? clamp(px, f.left, f.right) : px;
    const y = stopAtEdge && outside ? clamp(py, f.top, f.bottom) : py;
    parts.push(`${i === from ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`);
    if (stopAtEdge && outside) break;
  }
  return parts.join('');
}

/**
 * Open path through points[from..to) (x, y interleaved, parameter space). It ends where it first
 * leaves the plot (at the edge), so a diverging or very noisy run never draws outside the plot area
 * nor scribbles along its border.
 */
export const trajectoryPath = (f: PlotFrame, points: Float64Array, from: number, to: number): string =>
  pathThrough(f, points, from, to, true);

/** Closed path around a contour; not clamped (that would distort it), the layer is clipped instead. */
export const closedPath = (f: PlotFrame, points: Float64Array): string =>
  `${pathThrough(f, points, 0, points.length / 2, false)}Z`;
