/** What every SVG panel does first: size the viewBox, and say what to do when there is nothing to draw. */
import * as d3 from 'd3';

export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

/** The panel's size and selection; null while it is not laid out (hidden or zero-sized). */
export function sizeSvg(el: SVGSVGElement): { svg: Svg; width: number; height: number } | null {
  const { width, height } = el.getBoundingClientRect();
  if (width === 0 || height === 0) return null;
  const svg = d3.select(el);
  svg.attr('viewBox', `0 0 ${width} ${height}`);
  return { svg, width, height };
}

/** Clears the panel and centres `message` in it (never an empty box); false when `message` is null. */
export function emptyState(svg: Svg, width: number, height: number, message: string | null): boolean {
  if (message === null) {
    svg.selectAll(':scope > .empty-state').remove();
    return false;
  }
  svg.selectAll('*').remove();
  svg
    .append('text')
    .attr('class', 'empty-state')
    .attr('x', width / 2)
    .attr('y', height / 2)
    .attr('text-anchor', 'middle')
    .text(message);
  return true;
}

/** An axis title, centred under a horizontal axis or rotated beside a vertical one. */
export function axisTitle(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
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

/** A `g` child of `parent` with class `cls`, created once and reused on every redraw. */
export function layer<P extends d3.BaseType>(
  parent: d3.Selection<P, unknown, null, undefined>,
  cls: string,
): d3.Selection<SVGGElement, unknown, null, undefined> {
  const found = parent.select<SVGGElement>(`:scope > g.${cls}`);
  return (found.empty() ? parent.append('g').attr('class', cls) : found) as unknown as d3.Selection<
    SVGGElement,
    unknown,
    null,
    undefined
  >;
}
