/**
 * The real loss landscape: contours of L_A (grey) and L_B (gold) on the plane through θ_A spanned
 * by where two methods ended task B, computed in the worker, with every method's task-B path
 * projected onto it. The ellipse picture again, on the actual network; equal scales on both axes.
 */
import * as d3 from 'd3';
import { METHOD_LABELS } from '../engine/methodIds';
import type { ResultsState } from '../store/results';
import { METHOD_COLORS } from '../ui/methodColors';
import { consolidatedBoundaries } from './importanceData';
import { contourLevels, gridToPlane } from './landscapeData';
import { emptyState, layer, sizeSvg } from './svgFrame';

const M = { top: 34, right: 210, bottom: 40, left: 56 };
const LEVELS = 10;

function emptyMessage(s: ResultsState): string | null {
  if (s.landscape) return null;
  const progress = s.landscapeProgress;
  if (progress)
    return `Evaluating the losses on the plane in the worker… ${Math.round((100 * progress.done) / Math.max(1, progress.total))}%`;
  if (consolidatedBoundaries(s.switches).length < 2)
    return 'Train task 1, switch to task 2, then to task 3: the landscape needs two finished tasks.';
  return 'Press “Compute landscape” to evaluate L_A and L_B on the plane (in the worker).';
}

export function drawLossLandscape(el: SVGSVGElement, s: ResultsState): void {
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const ls = s.landscape;
  if (emptyState(svg, width, height, emptyMessage(s)) || !ls) return;
  const { xs, ys } = ls;
  const w0 = width - M.left - M.right;
  const h0 = height - M.top - M.bottom;
  const spanX = xs[xs.length - 1] - xs[0];
  const spanY = ys[ys.length - 1] - ys[0];
  const k = Math.min(w0 / spanX, h0 / spanY);
  const x = d3
    .scaleLinear()
    .domain([xs[0], xs[xs.length - 1]])
    .range([0, spanX * k]);
  const y = d3
    .scaleLinear()
    .domain([ys[0], ys[ys.length - 1]])
    .range([spanY * k, 0]);
  const g = layer(svg, 'plot').attr('transform', `translate(${M.left},${M.top})`);
  layer(g, 'x-axis axis')
    .attr('transform', `translate(0,${spanY * k})`)
    .call(d3.axisBottom(x).ticks(5));
  layer(g, 'y-axis axis').call(d3.axisLeft(y).ticks(5));
  const toScreen = d3.geoTransform({
    point(gx, gy) {
      this.stream.point(x(gridToPlane(xs, gx)), y(gridToPlane(ys, gy)));
    },
  });
  const path = d3.geoPath(toScreen);
  const losses = [
    { key: 'a', values: ls.lossA, color: 'var(--task-a)', label: `L_A (task ${ls.taskA + 1})` },
    { key: 'b', values: ls.lossB, color: 'var(--task-b)', label: `L_B (task ${ls.taskB + 1})` },
  ];
  layer(g, 'contours')
    .selectAll<SVGGElement, (typeof losses)[number]>('g.loss')
    .data(losses, (d) => d.key)
    .join('g')
    .attr('class', 'loss')
    .attr('data-loss', (d) => d.key)
    .selectAll('path.contour')
    .data((d) =>
      d3
        .contours()
        .size([xs.length, ys.length])
        .thresholds(contourLevels(d.values, LEVELS))(Array.from(d.values))
        .map((c) => ({ c, color: d.color })),
    )
    .join('path')
    .attr('class', 'contour')
    .attr('d', (d) => path(d.c))
    .attr('fill', 'none')
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', 'var(--line-width)');
  layer(g, 'trajectories')
    .selectAll<SVGGElement, (typeof ls.trajectories)[number]>('g.trajectory')
    .data(ls.trajectories, (d) => d.method)
    .join((enter) => {
      const t = enter.append('g').attr('class', 'trajectory');
      t.append('path').attr('fill', 'none');
      t.append('circle').attr('class', 'end');
      return t;
    })
    .attr('data-method', (d) => d.method)
    .each(function (d) {
      const pts = Array.from({ length: d.steps.length }, (_, i): [number, number] => [
        x(d.coords[2 * i]),
        y(d.coords[2 * i + 1]),
      ]);
      const t = d3.select(this);
      t.select('path')
        .attr('d', d3.line()(pts))
        .attr('stroke', METHOD_COLORS[d.method])
        .attr('stroke-width', 'var(--line-width)');
      const end = pts[pts.length - 1];
      t.select('circle')
        .attr('cx', end[0])
        .attr('cy', end[1])
        .style('r', 'var(--mark-size)')
        .attr('fill', METHOD_COLORS[d.method]);
    });
  layer(g, 'origin')
    .selectAll('text')
    .data(['θ_A'])
    .join('text')
    .attr('class', 'axis-label')
    .attr('x', x(0) + 8)
    .attr('y', y(0) - 8)
    .text((d) => d);
  layer(svg, 'title')
    .selectAll('text')
    .data([
      `Plane through ${METHOD_LABELS[ls.origin]}’s θ_A, spanned by where ${METHOD_LABELS[ls.spans[0]]} and ${METHOD_LABELS[ls.spans[1]]} ended task ${ls.taskB + 1}`,
    ])
    .join('text')
    .attr('class', 'axis-label')
    .attr('x', M.left)
    .attr('y', 20)
    .text((d) => d);
  const legend = [
    ...losses.map((l) => ({ label: l.label, color: l.color })),
    ...ls.trajectories.map((t) => ({ label: METHOD_LABELS[t.method], color: METHOD_COLORS[t.method] })),
  ];
  layer(g, 'legend')
    .attr('transform', `translate(${spanX * k + 20},10)`)
    .selectAll('text')
    .data(legend)
    .join('text')
    .attr('class', 'axis-label legend-item')
    .attr('y', (_, i) => i * 24)
    .style('fill', (d) => d.color)
    .text((d) => `━ ${d.label}`);
}

export function lossLandscapeCsv(s: ResultsState): (string | number)[][] {
  const ls = s.landscape;
  if (!ls) return [['no landscape computed yet']];
  const n = ls.xs.length;
  return [
    ['x', 'y', 'loss_A', 'loss_B'],
    ...Array.from(ls.lossA, (a, i) => [ls.xs[i % n], ls.ys[Math.floor(i / n)], a, ls.lossB[i]]),
    [],
    ['method', 'step', 'x', 'y'],
    ...ls.trajectories.flatMap((t) =>
      Array.from(t.steps, (step, i) => [t.method, step, t.coords[2 * i], t.coords[2 * i + 1]]),
    ),
  ];
}
