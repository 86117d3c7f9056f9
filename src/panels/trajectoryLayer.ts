import { METHOD_COLORS } from '../engine/methods/registry';
import { CL_METHODS, REGULARISED_METHODS } from '../engine/quadratic/methods';
import { type PlotContext, playhead } from './plotContext';
import { trajectoryPath } from './plotFrame';
import { joinShapes, type Layer, type Shape } from './plotShapes';

/**
 * Task A's shared path from θ₀, then each method's path through the later tasks, cut at the
 * playhead; and, when swept, the curve of each regulariser's end points over its strength.
 */
export function drawTrajectories(layer: Layer, ctx: PlotContext): void {
  const { frame, result, view, sweep } = ctx;
  const { pointsA, pointsMethods } = playhead(ctx);
  const shapes: Shape[] = [];
  if (sweep && view.overlays.sweep) {
    for (const m of REGULARISED_METHODS) {
      if (!view.visible[m]) continue;
      const curve = sweep[m];
      const d = trajectoryPath(frame, curve, 0, curve.length / 2);
      shapes.push({
        key: `sweep-${m}`,
        d,
        className: 'sweep',
        stroke: METHOD_COLORS[m],
        width: 'bold',
        strokeOpacity: 0.4, // a translucent band under the trajectories: the family of trade-offs
        method: m,
      });
    }
  }
  shapes.push({
    key: 'task-a',
    d: trajectoryPath(frame, result.pathA, 0, pointsA),
    className: 'trajectory',
    stroke: 'var(--fg)',
    width: 'thin',
    dash: '5 4',
    method: 'task-a',
  });
  for (const m of CL_METHODS) {
    if (!view.visible[m]) continue;
    const d = trajectoryPath(frame, result.methods[m].path, 0, pointsMethods);
    shapes.push({ key: m, d, className: 'trajectory', stroke: METHOD_COLORS[m], width: 'normal', method: m });
  }
  joinShapes(layer, shapes);
}

interface Point {
  readonly x: number;
  readonly y: number;
}

/** Each method's point at the playhead (its end point when drawn whole), and the joint optimum. */
export function drawMarks(layer: Layer, ctx: PlotContext): void {
  const { frame, result, view } = ctx;
  const { pointsA, pointsMethods } = playhead(ctx);
  const at = (x: number, y: number): Point => ({ x: frame.x(x), y: frame.y(y) });
  const inside = (p: Point): boolean =>
    p.x >= frame.left && p.x <= frame.right && p.y >= frame.top && p.y <= frame.bottom;
  // A point off the plot (a diverged run) gets no mark: its trajectory already ends at the edge.
  const ends = CL_METHODS.filter((m) => view.visible[m])
    .map((method) => {
      const [path, i] =
        pointsMethods > 0 ? [result.methods[method].path, pointsMethods - 1] : [result.pathA, pointsA - 1];
      return { method, ...at(path[2 * i]!, path[2 * i + 1]!) };
    })
    .filter(inside);
  layer
    .selectAll<SVGCircleElement, (typeof ends)[number]>('circle')
    .data(ends, (k) => k.method)
    .join('circle')
    .attr('class', 'end-point')
    .attr('data-method', (k) => k.method)
    .attr('cx', (k) => k.x.toFixed(1))
    .attr('cy', (k) => k.y.toFixed(1))
    .style('r', 'var(--mark-size)')
    .style('fill', (k) => METHOD_COLORS[k.method])
    .style('stroke', 'var(--panel-bg)')
    .style('stroke-width', 1.5);
  const joint = (result.joint && view.overlays.joint ? [at(result.joint[0], result.joint[1])] : []).filter(
    inside,
  );
  // A cross, so the joint optimum never reads as one more method's end point.
  const cross = layer
    .selectAll<SVGGElement, Point>('g.joint-optimum')
    .data(joint)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'joint-optimum');
      g.append('path')
        .attr('d', 'M-7,-7L7,7M-7,7L7,-7')
        .style('stroke', 'var(--fg)')
        .style('stroke-width', 'var(--line-width)');
      g.append('text')
        .attr('x', 10)
        .attr('y', 18)
        .text('joint optimum')
        .style('fill', 'var(--fg)')
        .style('font-size', 'var(--font-size-small)');
      return g;
    });
  cross.attr('transform', (k) => `translate(${k.x.toFixed(1)},${k.y.toFixed(1)})`);
}
