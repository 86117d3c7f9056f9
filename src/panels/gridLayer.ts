import type { PlotFrame } from './plotFrame';
import type { Layer } from './plotShapes';
import { fontSizes } from './textMetrics';

interface Tick {
  readonly key: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly label: string;
  readonly lx: number;
  readonly ly: number;
  readonly zero: boolean;
}

/** Unit grid lines with their values, and the axis names θ₁, θ₂. */
export function drawGrid(layer: Layer, f: PlotFrame): void {
  // A label at the top edge is moved down just enough to show whole.
  const px = fontSizes(layer.node()!).small;
  const ticks: Tick[] = [];
  const [x0, x1] = f.x.domain() as [number, number];
  const [y0, y1] = f.y.domain() as [number, number];
  for (let v = Math.ceil(x0); v <= x1; v++) {
    const px = f.x(v);
    const label = String(v);
    ticks.push({
      key: `x${v}`,
      x1: px,
      y1: f.top,
      x2: px,
      y2: f.bottom,
      label,
      lx: px,
      ly: f.bottom + 16,
      zero: v === 0,
    });
  }
  for (let v = Math.ceil(y0); v <= y1; v++) {
    const py = f.y(v);
    const label = String(v);
    ticks.push({
      key: `y${v}`,
      x1: f.left,
      y1: py,
      x2: f.right,
      y2: py,
      label,
      lx: f.left - 6,
      ly: Math.max(py + 4, px * 0.9),
      zero: v === 0,
    });
  }
  layer
    .selectAll<SVGLineElement, Tick>('line')
    .data(ticks, (t) => t.key)
    .join('line')
    .attr('x1', (t) => t.x1)
    .attr('y1', (t) => t.y1)
    .attr('x2', (t) => t.x2)
    .attr('y2', (t) => t.y2)
    .style('stroke', (t) => (t.zero ? 'var(--border)' : 'var(--grid)'))
    .style('stroke-width', 1);
  const labels = [
    ...ticks.map((t) => ({
      key: t.key,
      text: t.label,
      x: t.lx,
      y: t.ly,
      anchor: t.key[0] === 'x' ? 'middle' : 'end',
    })),
    { key: 'θ1', text: 'θ₁', x: f.right - 6, y: f.bottom - 6, anchor: 'end' },
    { key: 'θ2', text: 'θ₂', x: f.left + 6, y: f.top + 18, anchor: 'start' },
  ].filter((l) => l.x >= 0 && l.y <= f.height);
  layer
    .selectAll<SVGTextElement, (typeof labels)[number]>('text')
    .data(labels, (l) => l.key)
    .join('text')
    .attr('x', (l) => l.x)
    .attr('y', (l) => l.y)
    .attr('text-anchor', (l) => l.anchor)
    .text((l) => l.text)
    .style('fill', 'var(--muted)')
    .style('font-size', 'var(--font-size-small)');
}
