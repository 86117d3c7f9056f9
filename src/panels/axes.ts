/**
 * Axes that stay legible: log axes labelled at whole decades only (at most about seven, as 10ⁿ),
 * linear axes with as many nice ticks as their length holds without labels touching, drawn into a
 * persistent group so a redraw updates the same ticks.
 */
import * as d3 from 'd3';
import { textWidth } from './textMetrics';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 10ⁿ for a whole n, e.g. pow10(-5) = "10⁻⁵". */
export function pow10(n: number): string {
  return `10${[...String(Math.round(n))].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/**
 * Whole decades within [lo, hi] (log₁₀ units), every k-th one so that at most `max` remain; the
 * kept ones are multiples of k, so the labels step evenly (10⁻⁸, 10⁻⁶, …, 10⁰).
 */
export function decadeTicks(lo: number, hi: number, max = 7): number[] {
  const first = Math.ceil(lo - 1e-9) || 0; // never -0
  const last = Math.floor(hi + 1e-9);
  if (last < first) return [];
  const stride = Math.max(1, Math.ceil((last - first + 1) / max));
  const out: number[] = [];
  for (let k = first; k <= last; k++) if (((k % stride) + stride) % stride === 0) out.push(k);
  return out;
}

/** The minus sign, not a hyphen, in numbers on axes and labels. */
export const minus = (s: string): string => s.replace(/^-/, '−');

/**
 * Nice ticks of a linear scale for an axis `pixels` long: the most (up to one per ~4 label
 * heights) whose labels, measured at `px`, keep a gap between neighbours.
 */
export function fitTicks(
  scale: d3.ScaleLinear<number, number>,
  pixels: number,
  px: number,
  format: (v: number) => string,
  vertical: boolean,
): number[] {
  for (let n = Math.max(2, Math.floor(pixels / (px * (vertical ? 2.2 : 4)))); n >= 2; n--) {
    const ticks = scale.ticks(n);
    const size = (v: number) => (vertical ? px * 1.3 : textWidth(format(v), px));
    const fits = ticks.every(
      (v, i) =>
        i === 0 || Math.abs(scale(v) - scale(ticks[i - 1])) >= (size(v) + size(ticks[i - 1])) / 2 + px * 0.6,
    );
    if (fits) return ticks;
  }
  return scale.domain().slice(0, 2);
}

/** Draws (or updates) an axis in `g` with exactly these tick values and labels. */
export function drawAxis<D>(
  g: d3.Selection<SVGGElement, D, null, undefined>,
  orient: 'bottom' | 'left',
  scale: d3.ScaleLinear<number, number>,
  ticks: readonly number[],
  format: (v: number) => string,
): void {
  const axis = (orient === 'bottom' ? d3.axisBottom(scale) : d3.axisLeft(scale))
    .tickValues(ticks)
    .tickFormat((v) => format(Number(v)))
    .tickSizeOuter(0);
  g.call(axis);
}

/** Percent labels for accuracies in [0, 1]: "80" (the axis title carries the %). */
export const percent = (v: number): string => d3.format('.0f')(v * 100);

/**
 * The ticks of a vertical axis without one at its bottom end, where its label would meet the
 * horizontal axis' first label in the corner.
 */
export function clearCorner(
  ticks: readonly number[],
  scale: d3.ScaleLinear<number, number>,
  px: number,
): number[] {
  const bottom = scale.range()[0];
  return ticks.filter((v) => Math.abs(scale(v) - bottom) > px);
}
