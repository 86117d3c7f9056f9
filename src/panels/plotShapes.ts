import type { Selection } from 'd3';

/** Line weights relative to the theme's --line-width, so projector mode thickens everything. */
const WIDTHS = {
  thin: 'calc(var(--line-width) * 0.5)',
  normal: 'var(--line-width)',
  bold: 'calc(var(--line-width) * 1.5)',
} as const;

/** One path on the plot, keyed so D3 keeps the same element across redraws. */
export interface Shape {
  readonly key: string;
  readonly d: string;
  readonly className: string;
  readonly stroke: string;
  readonly width: keyof typeof WIDTHS;
  readonly fill?: string;
  readonly fillOpacity?: number;
  readonly strokeOpacity?: number;
  readonly dash?: string;
  /** data-method, so tests and styles can find a method's drawings. */
  readonly method?: string;
}

export type Layer = Selection<SVGGElement, unknown, null, undefined>;

export function joinShapes(layer: Layer, shapes: readonly Shape[]): void {
  layer
    .selectAll<SVGPathElement, Shape>('path')
    .data(shapes, (s) => s.key)
    .join('path')
    .attr('class', (s) => s.className)
    .attr('data-method', (s) => s.method ?? null)
    .attr('d', (s) => s.d)
    .style('stroke', (s) => s.stroke)
    .style('stroke-width', (s) => WIDTHS[s.width])
    .style('stroke-dasharray', (s) => s.dash ?? null)
    .style('stroke-linejoin', 'round')
    .style('stroke-linecap', 'round')
    .style('fill', (s) => s.fill ?? 'none')
    .style('fill-opacity', (s) => s.fillOpacity ?? null)
    .style('stroke-opacity', (s) => s.strokeOpacity ?? null);
}

/** Task A, B, C: the EWC paper's grey and cream, then the theme's third task colour. */
export const TASK_NAMES = ['A', 'B', 'C'] as const;
export const taskColour = (index: number): string => `var(--task-${['a', 'b', 'c'][index] ?? 'c'})`;
