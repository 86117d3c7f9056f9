/**
 * The talk's sanity check: for every task boundary and method, the path integral's estimate −Σω
 * (x) against the loss change it should equal, ΔL = L(end) − L(start) (y), with the y = x line.
 * Finite, noisy steps make Σω overestimate the drop, which puts points above the line. Both axes
 * share one range (so the diagonal is y = x) and the plot takes the whole area; point labels move
 * aside or are left out where points crowd, and the legend gives each method's mean ratio.
 */
import * as d3 from 'd3';
import { METHOD_LABELS, type MethodId } from '../engine/methodIds';
import { METHOD_COLORS } from '../engine/methods/registry';
import type { ResultsState } from '../store/results';
import { clearCorner, drawAxis, fitTicks, minus } from './axes';
import { type CsvExport, csvExport } from './export';
import { type PathIntegralPoint, pathIntegralPoints } from './importanceData';
import { placeLabels } from './labelPlacement';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { axisTitle, emptyState, fitTitle, layer, plotBesideLegend, sizeSvg } from './svgFrame';
import { fontSizes, textWidth } from './textMetrics';

export function drawPathIntegral(el: SVGSVGElement, s: ResultsState): void {
  // Its points change only at task switches, not with every streamed evaluation.
  if (unchangedSinceLastDraw(el, [s.switches, ...frameInputs(el)])) return;
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const points = pathIntegralPoints(s.switches);
  if (
    emptyState(
      svg,
      width,
      height,
      points.length === 0 ? 'Switch to task 2 (key 2): each switch adds a point.' : null,
    )
  )
    return;
  const { small } = fontSizes(el);
  const methods = [...new Set(points.map((p) => p.method))];
  const ratio = (m: MethodId) =>
    d3.mean(
      points.filter((p) => p.method === m),
      (p) => p.ratio,
    ) ?? Number.NaN;
  const legend = [
    { key: 'head', text: 'ΔL / (−Σω), mean', color: 'currentColor' },
    ...methods.map((m) => ({
      key: m,
      text: `● ${METHOD_LABELS[m]}: ${ratio(m).toFixed(2)}`,
      color: METHOD_COLORS[m],
    })),
    { key: 'line', text: '- - y = x', color: 'currentColor' },
  ];
  const legendW = Math.max(...legend.map((l) => textWidth(l.text, small))) + small;
  const format = (v: number) => minus(d3.format('~g')(v));
  const { M, w, h } = plotBesideLegend(width, height, small, legendW);
  const values = points.flatMap((p) => [p.estimate, p.actual]);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const pad = (hi - lo) * 0.08 || 0.1;
  // One range on both axes, so the diagonal is y = x whatever the plot's shape.
  const domain = d3
    .scaleLinear()
    .domain([lo - pad, hi + pad])
    .nice()
    .domain();
  const x = d3.scaleLinear().domain(domain).range([0, w]);
  const y = d3.scaleLinear().domain(domain).range([h, 0]);
  const g = layer(svg, 'plot').attr('transform', `translate(${M.left},${M.top})`);
  const xAxis = layer(g, 'x-axis axis').attr('transform', `translate(0,${h})`);
  drawAxis(xAxis, 'bottom', x, fitTicks(x, w, small, format, false), format);
  drawAxis(
    layer(g, 'y-axis axis'),
    'left',
    y,
    clearCorner(fitTicks(y, h, small, format, true), y, small),
    format,
  );
  axisTitle(
    g,
    'x-title',
    fitTitle(
      ['−Σω, the path integral’s estimate of ΔL (nats)', '−Σω, path-integral estimate (nats)', '−Σω (nats)'],
      w,
      small,
    ),
    w / 2,
    h + small * 2.9,
  );
  axisTitle(
    g,
    'y-title',
    fitTitle(['ΔL = L(end) − L(start) (nats)', 'ΔL (nats)'], h, small),
    -(M.left - small * 1.1),
    h / 2,
    true,
  );
  const [d0, d1] = domain;
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

  const r = small * 0.5;
  const label = (p: PathIntegralPoint) => `T${p.task + 1}`;
  const key = (p: PathIntegralPoint) => `${p.method}-${p.step}`;
  // Methods that ended a task at the same spot share one label.
  const labelled = points.filter(
    (p, i) =>
      !points
        .slice(0, i)
        .some(
          (q) =>
            q.task === p.task && Math.hypot(x(q.estimate) - x(p.estimate), y(q.actual) - y(p.actual)) < 2 * r,
        ),
  );
  const placed = placeLabels(
    labelled.map((p) => ({
      key: key(p),
      x: x(p.estimate),
      y: y(p.actual),
      width: textWidth(label(p), small),
      height: small * 1.1,
    })),
    points.map((p) => ({ x: x(p.estimate) - r, y: y(p.actual) - r, width: 2 * r, height: 2 * r })),
    { x: 0, y: 0, width: w, height: h },
    r + 3,
  );
  layer(g, 'points')
    .selectAll<SVGGElement, PathIntegralPoint>('g.point')
    .data(points, key)
    .join((enter) => {
      const p = enter.append('g').attr('class', 'point');
      p.append('circle');
      p.append('text').attr('class', 'point-label');
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
    .call((p) =>
      p.select('text').each(function (d) {
        const at = placed.get(key(d));
        d3.select(this)
          .attr('x', at ? at.x - x(d.estimate) : 0)
          .attr('y', at ? at.y - y(d.actual) + small * 0.85 : 0)
          .text(at ? label(d) : '');
      }),
    );

  layer(svg, 'ratios')
    .attr('transform', `translate(${width - legendW},${M.top + small})`)
    .selectAll<SVGTextElement, (typeof legend)[number]>('text')
    .data(legend, (d) => d.key)
    .join('text')
    .attr('class', 'axis-label legend-item')
    .attr('y', (_, k) => k * small * 1.4)
    .style('fill', (d) => d.color)
    .text((d) => d.text);
}

export function pathIntegralCsv(s: ResultsState): CsvExport[] {
  return [
    csvExport('one row per task switch and method', '', () => [
      ['method', 'task', 'step', 'minus_sum_omega', 'loss_change', 'ratio'],
      ...pathIntegralPoints(s.switches).map((p) => [
        p.method,
        p.task + 1,
        p.step,
        p.estimate,
        p.actual,
        p.ratio,
      ]),
    ]),
  ];
}
