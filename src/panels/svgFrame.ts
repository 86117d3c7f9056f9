/** What every SVG panel does first: size the viewBox, and say what to do when there is nothing to draw. */
import * as d3 from 'd3';
import { fontSizes, textWidth, wrapText } from './textMetrics';

export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

/** The panel's size and selection; null while it is not laid out (hidden or zero-sized). */
export function sizeSvg(el: SVGSVGElement): { svg: Svg; width: number; height: number } | null {
  const { width, height } = el.getBoundingClientRect();
  if (width === 0 || height === 0) return null;
  const svg = d3.select(el);
  svg.attr('viewBox', `0 0 ${width} ${height}`);
  return { svg, width, height };
}

/**
 * With a message: clears the panel and shows the figure's place (a dashed frame) with `message`
 * centred in it, at the theme's body size, in every panel alike. Never an empty box. Returns
 * whether it did; null clears a message drawn before.
 */
export function emptyState(svg: Svg, width: number, height: number, message: string | null): boolean {
  if (message === null) {
    svg.selectAll(':scope > .empty-state, :scope > .empty-frame').remove();
    return false;
  }
  svg.selectAll('*').remove();
  svg
    .append('rect')
    .attr('class', 'empty-frame')
    .attr('x', 1)
    .attr('y', 1)
    .attr('width', Math.max(0, width - 2))
    .attr('height', Math.max(0, height - 2))
    .attr('rx', 6);
  const px = fontSizes(svg.node()!).base;
  const lines = wrapText(message, width - 2 * px, px);
  svg
    .append('text')
    .attr('class', 'empty-state')
    .attr('text-anchor', 'middle')
    .selectAll('tspan')
    .data(lines)
    .join('tspan')
    .attr('x', width / 2)
    .attr('y', (_, i) => height / 2 + (i - (lines.length - 1) / 2) * px * 1.3)
    .attr('dy', '0.35em')
    .text((d) => d);
  return true;
}

/** An axis title, centred under a horizontal axis or rotated beside a vertical one. */
export function axisTitle<D>(
  g: d3.Selection<SVGGElement, D, null, undefined>,
  cls: string,
  text: string,
  x: number,
  y: number,
  vertical = false,
): void {
  g.selectAll(`text.${cls}`)
    .data([text])
    .join('text')
    .attr('class', `axis-label ${cls}`)
    .attr('text-anchor', 'middle')
    .attr('transform', `translate(${x},${y})${vertical ? ' rotate(-90)' : ''}`)
    .text((d) => d);
}

/** The first of `candidates` (longest first) that fits `width` at `px`, else the last. */
export function fitTitle(candidates: readonly string[], width: number, px: number): string {
  return candidates.find((c) => textWidth(c, px) <= width) ?? candidates[candidates.length - 1];
}

/**
 * A `g` child of `parent` with the classes in `cls` (space-separated), created once and reused on
 * every redraw: a redraw never appends a second one.
 */
export function layer<P extends d3.BaseType>(
  parent: d3.Selection<P, unknown, null, undefined>,
  cls: string,
): d3.Selection<SVGGElement, unknown, null, undefined> {
  const classes = cls.trim().split(/\s+/).join('.');
  const found = parent.select<SVGGElement>(`:scope > g.${classes}`);
  return (found.empty() ? parent.append('g').attr('class', cls) : found) as unknown as d3.Selection<
    SVGGElement,
    unknown,
    null,
    undefined
  >;
}

/** Margins for a plot with linear ticks (to "−0.00") and axis titles, its legend column on the right. */
export function plotBesideLegend(width: number, height: number, small: number, legendW: number) {
  const M = {
    top: small * 0.8,
    right: legendW + small,
    bottom: small * 3.4,
    left: small * 1.8 + textWidth('−0.00', small) + 8,
  };
  return { M, w: Math.max(40, width - M.left - M.right), h: Math.max(40, height - M.top - M.bottom) };
}
