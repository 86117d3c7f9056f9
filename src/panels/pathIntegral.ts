/**
 * The talk's sanity check: for every task boundary and method, the path integral's estimate −Σω
 * (x) against the loss change it should equal, ΔL = L(end) − L(start) (y), with the y = x line.
 * Finite, noisy steps make Σω overestimate the drop, which puts points above the line.
 */
import * as d3 from 'd3';
import { METHOD_LABELS, type MethodId } from '../engine/methodIds';
import type { ResultsState } from '../store/results';
import { METHOD_COLORS } from '../ui/methodColors';
import { type PathIntegralPoint, pathIntegralPoints } from './importanceData';
import { axisTitle, emptyState, layer, sizeSvg } from './svgFrame';

const M = { top: 16, right: 230, bottom: 56, left: 76 };

export function drawPathIntegral(el: SVGSVGElement, s: ResultsState): void {
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const points = pathIntegralPoints(s.switches);
  if (
    emptyState(
      svg,
      width,
      height,
      points.length === 0 ? 'Switch to task 2 (key 2): each task boundary adds a point per method.' : null,
    )
  )
    return;
  const size = Math.max(40, Math.min(width - M.left - M.right, height - M.top - M.bottom));
  const values = points.flatMap((p) => [p.estimate, p.actual]);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const pad = (hi - lo) * 0.08 || 0.1;
  const scale = () =>
    d3
      .scaleLinear()
      .domain([lo - pad, hi + pad])
      .nice();
  const x = scale().range([0, size]);
  const y = scale().range([size, 0]);
  const g = layer(svg, 'plot').attr('transform', `translate(${M.left},${M.top})`);
  layer(g, 'x-axis axis').attr('transform', `translate(0,${size})`).call(d3.axisBottom(x).ticks(5));
  layer(g, 'y-axis axis').call(d3.axisLeft(y).ticks(5));
  axisTitle(g, 'x-title', '−Σω (path-integral estimate)', size / 2, size + 44);
  axisTitle(g, 'y-title', 'ΔL = L(end) − L(start)', -56, size / 2, true);
  const [d0, d1] = x.domain();
  layer(g, 'identity')
    .selectAll('line')
    .data([0])
    .join('line')
    .attr('x1', x(d0))
    .attr('y1', y(d0))
    .attr('x2', x(d1))
    .attr('y2', y(d1))
    .attr('stroke', 'currentColor')
    .attr('stroke-dasharray', '6 4');
  layer(g, 'points')
    .selectAll<SVGGElement, PathIntegralPoint>('g.point')
    .data(points)
    .join((enter) => {
      const p = enter.append('g').attr('class', 'point');
      p.append('circle');
      p.append('text').attr('class', 'point-label').attr('dx', 9).attr('dy', '0.35em');
      return p;
    })
    .attr('data-method', (d) => d.method)
    .attr('transform', (d) => `translate(${x(d.estimate)},${y(d.actual)})`)
    .call((p) =>
      p
        .select('circle')
        .style('r', 'var(--mark-size)')
        .attr('fill', (d) => METHOD_COLORS[d.method]),
    )
    .call((p) => p.select('text').text((d) => `T${d.task + 1}`));

  // Per method: the mean ratio ΔL / (−Σω) over its boundaries (1 = on the line).
  const methods = [...new Set(points.map((p) => p.method))];
  const ratio = (m: MethodId) =>
    d3.mean(
      points.filter((p) => p.method === m),
      (p) => p.ratio,
    ) ?? Number.NaN;
  layer(g, 'ratios')
    .attr('transform', `translate(${size + 24},0)`)
    .selectAll('text')
    .data(['ΔL / (−Σω), mean', ...methods])
    .join('text')
    .attr('class', 'axis-label legend-item')
    .attr('y', (_, k) => 18 + k * 26)
    .style('fill', (d, k) => (k === 0 ? 'currentColor' : METHOD_COLORS[d as MethodId]))
    .text((d, k) => (k === 0 ? d : `${METHOD_LABELS[d as MethodId]}: ${ratio(d as MethodId).toFixed(2)}`));
}

export function pathIntegralCsv(s: ResultsState): (string | number)[][] {
  return [
    ['method', 'task', 'step', 'minus_sum_omega', 'loss_change', 'ratio'],
    ...pathIntegralPoints(s.switches).map((p) => [
      p.method,
      p.task + 1,
      p.step,
      p.estimate,
      p.actual,
      p.ratio,
    ]),
  ];
}
