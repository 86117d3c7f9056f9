/**
 * Parts of the plots over training steps (the forgetting curves, the A-GEM & LwF figure): a
 * legend of line swatches in one row, and the task-switch markers with their thinned labels.
 */
import type * as d3 from 'd3';
import type { TaskSwitch } from '../store/results';
import { thinLabels } from './labelPlacement';
import { layer, type Svg } from './svgFrame';
import { textWidth } from './textMetrics';

export interface LegendLine {
  key: string;
  label: string;
  color: string;
  dash: boolean;
  /** The method it stands for, as `data-method` (tests find the methods' items by it). */
  method?: string;
}

/** The dash pattern of dashed lines in these plots and their legends. */
export const DASH = '6 4';

const swatchOf = (px: number) => px * 1.5;

/** The legend's width in one row at `px`. */
export function legendWidth(items: readonly LegendLine[], px: number): number {
  return items.reduce((w, d) => w + swatchOf(px) + 6 + textWidth(d.label, px) + px * 1.2, 0);
}

/** The legend in one row, its first swatch at `x`, its text's baseline at px × 1.2. */
export function drawLineLegend(svg: Svg, items: readonly LegendLine[], px: number, x: number): void {
  const swatch = swatchOf(px);
  const at = items.map((_, k) => legendWidth(items.slice(0, k), px));
  const g = layer(svg, 'legend')
    .attr('transform', `translate(${x},${px * 1.2})`)
    .selectAll<SVGGElement, LegendLine>('g.legend-item')
    .data(items, (d) => d.key)
    .join((enter) => {
      const item = enter.append('g').attr('class', 'legend-item');
      item
        .append('line')
        .attr('y1', -px * 0.35)
        .attr('y2', -px * 0.35);
      item.append('text').attr('class', 'axis-label');
      return item;
    })
    .attr('data-method', (d) => d.method ?? null)
    .attr('transform', (_, k) => `translate(${at[k]},0)`);
  g.select('line')
    .attr('x2', swatch)
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', 'var(--line-width)')
    .attr('stroke-dasharray', (d) => (d.dash ? DASH : null));
  g.select('text')
    .attr('x', swatch + 6)
    .text((d) => d.label);
}

/** Which switches keep their "T2" label (none overlap), by index. */
export function switchLabelsKept(
  switches: readonly TaskSwitch[],
  x: d3.ScaleLinear<number, number>,
  px: number,
): Set<number> {
  return new Set(
    thinLabels(
      switches.map((d) => x(d.step)),
      switches.map((d) => textWidth(switchLabel(d), px)),
      px * 0.4,
    ),
  );
}

const switchLabel = (d: TaskSwitch) => `T${d.to + 1}`;

/**
 * A dashed marker `h` tall at each switch in `g`, with its label at the top when `kept` has it.
 * `switches` may be a function of the parent's datum (each cell of small multiples its own).
 */
export function drawSwitchMarkers<P>(
  g: d3.Selection<SVGGElement, P, SVGGElement | null, unknown>,
  switches: (parent: P) => readonly TaskSwitch[],
  x: d3.ScaleLinear<number, number>,
  h: number,
  px: number,
  kept: ReadonlySet<number>,
): void {
  g.selectAll<SVGGElement, TaskSwitch>('g.switch')
    .data((p) => [...switches(p)])
    .join((enter) => {
      const sw = enter.append('g').attr('class', 'switch');
      sw.append('line').attr('y1', 0);
      sw.append('text').attr('text-anchor', 'middle');
      return sw;
    })
    .attr('transform', (d) => `translate(${x(d.step)},0)`)
    .call((sw) => sw.select('line').attr('y2', h))
    .call((sw) =>
      sw
        .select('text')
        .attr('y', px)
        .text((d, k) => (kept.has(k) ? switchLabel(d) : '')),
    );
}
