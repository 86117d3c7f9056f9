/**
 * The stability–plasticity trade-off, live: one method's lanes at log-spaced strengths (x, the lane
 * at 0 on a tick of its own left of the log axis) against accuracy (y), three curves: the first
 * task's accuracy (what the penalty keeps), the newest task's (what it still lets in) and the
 * average over the tasks seen. The method's recommended strength for the scenario is a vertical
 * line, the best average a ring. Curves are labelled at their right end; the legend says which is which.
 */
import * as d3 from 'd3';
import { scenarioKeyOf } from '../engine/data/scenarios';
import { METHOD_LABELS } from '../engine/methodIds';
import { METHOD_COLORS } from '../engine/methods/registry';
import type { SweepRow } from '../engine/sweep';
import { formatStrength } from '../engine/sweep';
import type { ResultsState } from '../store/results';
import { type KeptSweep, otherSweeps } from '../store/sweepHistory';
import { sweepView } from '../store/sweepView';
import { clearCorner, decadeTicks, drawAxis, fitTicks, percent, pow10 } from './axes';
import { axisTitle, emptyState, fitTitle, layer, sizeSvg } from './svgFrame';
import { fontSizes, textWidth } from './textMetrics';

type Metric = 'first' | 'newest' | 'average';

/**
 * The three curves, all in the method's colour (a shade of it would fade on one theme or the
 * other): told apart by their dash and their marker, which also survive grey print.
 */
const CURVES: readonly {
  metric: Metric;
  label: string;
  short: string;
  dash: string;
  width: number;
  symbol: d3.SymbolType;
}[] = [
  {
    metric: 'first',
    label: 'task 1 (stability)',
    short: 'task 1',
    dash: '',
    width: 2.5,
    symbol: d3.symbolCircle,
  },
  {
    metric: 'newest',
    label: 'newest task (plasticity)',
    short: 'newest',
    dash: '9 5',
    width: 2.5,
    symbol: d3.symbolTriangle,
  },
  {
    metric: 'average',
    label: 'average of tasks seen',
    short: 'average',
    dash: '2 4',
    width: 4,
    symbol: d3.symbolDiamond,
  },
];

export function drawStrengthSweep(el: SVGSVGElement, s: ResultsState): void {
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const view = sweepView(s);
  // The figure is shown for sweeps only; until the worker has built the lanes there is nothing to draw.
  const message = view ? null : 'Press Start (Space) to train the lanes.';
  if (emptyState(svg, width, height, message) || !view) return;
  const { small } = fontSizes(el);
  const color = METHOD_COLORS[view.method];
  const name = `${METHOD_LABELS[view.method]} ${view.symbol}`;
  // Finished sweeps of other methods in this scenario: their strengths share no unit with this one's,
  // so with them on the plot x is the strength ÷ each method's recommended value.
  const others = s.config ? otherSweeps(scenarioKeyOf(s.config), view.method) : [];
  const relative = others.length > 0;
  const scaled = (v: number, recommended: number) => (relative ? v / recommended : v);

  const legend = [
    ...CURVES.map((c) => ({
      key: c.metric,
      text: c.label,
      color,
      dash: c.dash,
      w: c.width,
      symbol: c.symbol as d3.SymbolType | null,
    })),
    {
      key: 'rec',
      text: relative
        ? `recommended (1×; ${view.symbol} = ${formatStrength(view.recommended)})`
        : `recommended ${view.symbol} = ${formatStrength(view.recommended)}`,
      color: 'currentColor',
      dash: '3 3',
      w: 1.5,
      symbol: null,
    },
    { key: 'best', text: 'best average', color: 'currentColor', dash: '', w: 0, symbol: null },
    ...others.map((o) => ({
      key: `other-${o.method}`,
      text: `${METHOD_LABELS[o.method]} average (its sweep)`,
      color: METHOD_COLORS[o.method],
      dash: '',
      w: 2,
      symbol: null,
    })),
  ];
  const swatch = small * 2.4;
  const legendW =
    Math.max(
      ...legend.map((l) => textWidth(l.text, small) + swatch),
      textWidth('after task 10, full test sets', small),
    ) +
    small * 1.5;
  const endLabelW = Math.max(...CURVES.map((c) => textWidth(`${c.short} 100.0`, small))) + small;
  const M = {
    top: small,
    right: legendW + endLabelW,
    bottom: small * 3.6,
    left: small * 1.8 + textWidth('100', small) + 10,
  };
  const w = Math.max(60, width - M.left - M.right);
  const h = Math.max(60, height - M.top - M.bottom);

  // x: a slot for the 0 lane, a gap (the axis break), then the log axis over the other lanes.
  const positive = [view, ...others].flatMap((o) =>
    [...o.rows.map((r) => r.strength), o.recommended]
      .filter((v) => v > 0)
      .map((v) => scaled(v, o.recommended)),
  );
  const lo = Math.log10(Math.min(...positive));
  const hi = Math.log10(Math.max(...positive));
  const pad = Math.max(0.3, (hi - lo) * 0.06);
  const zeroSlot = small * 3.5;
  const log = d3
    .scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([zeroSlot, w]);
  const xOf = (v: number, recommended: number) =>
    v > 0 ? log(Math.log10(scaled(v, recommended))) : zeroSlot * 0.35;
  const x = (v: number) => xOf(v, view.recommended);

  // y: accuracy, zoomed to the data in steps of 10 points (never below chance's neighbourhood of 0).
  const values = [
    ...view.rows.flatMap((r) => [r.first, r.newest, r.average]),
    ...others.flatMap((o) => o.rows.map((r) => r.average)),
  ].filter(Number.isFinite);
  const floor = Math.max(0, Math.min(0.9, Math.floor((Math.min(...values) - 0.02) * 10) / 10));
  const y = d3.scaleLinear().domain([floor, 1]).range([h, 0]);

  const g = layer(svg, 'plot').attr('transform', `translate(${M.left},${M.top})`);
  const ticks = decadeTicks(lo - pad, hi + pad);
  const xAxis = layer(g, 'x-axis axis').attr('transform', `translate(0,${h})`);
  drawAxis(
    xAxis,
    'bottom',
    d3.scaleLinear().domain([0, w]).range([0, w]),
    [x(0), ...ticks.map((k) => log(k))],
    (px) => (px === x(0) ? '0' : pow10(Math.round(log.invert(px)))),
  );
  // The break between the 0 lane and the log axis: two short slashes on the axis line.
  layer(xAxis, 'axis-break')
    .selectAll('path')
    .data([0, 5])
    .join('path')
    .attr('d', (dx) => `M${zeroSlot * 0.72 + dx - 3},${5} l6,-10`)
    .attr('stroke', 'currentColor')
    .attr('stroke-width', 1.5);
  // Whole 5 points at most: a tall plot would otherwise tick every 2.
  const yTicks = fitTicks(y, h, small, percent, true);
  const coarse = yTicks.length > 8 ? yTicks.filter((v) => Math.round(v * 100) % 5 === 0) : yTicks;
  drawAxis(layer(g, 'y-axis axis'), 'left', y, clearCorner(coarse, y, small), percent);
  axisTitle(
    g,
    'x-title',
    fitTitle(
      relative
        ? [
            "strength ÷ each method's recommended value (log scale; 0 = no penalty)",
            'strength ÷ recommended (log; 0 = none)',
            'strength ÷ recommended',
          ]
        : [`${name}, the penalty's strength (log scale; 0 = no penalty)`, `${name} (log; 0 = none)`, name],
      w,
      small,
    ),
    w / 2,
    h + small * 3,
  );
  axisTitle(
    g,
    'y-title',
    fitTitle([view.final ? 'accuracy at the end (%)' : 'accuracy now (%)', 'accuracy (%)'], h, small),
    -(M.left - small * 1.1),
    h / 2,
    true,
  );

  // The state of the sweep, atop the legend column: live (which task) or final.
  layer(svg, 'sweep-status')
    .attr('transform', `translate(${width - legendW + small * 0.5},${M.top + small})`)
    .selectAll('text')
    .data(
      view.final
        ? [`${METHOD_LABELS[view.method]} sweep: final`, `after task ${view.tasks}, full test sets`]
        : [
            `${METHOD_LABELS[view.method]} sweep: live`,
            `task ${view.task} of ${view.tasks}, step ${view.step}`,
          ],
    )
    .join('text')
    .attr('class', 'axis-label sweep-status')
    .attr('y', (_, i) => i * small * 1.3)
    .style('font-weight', (_, i) => (i === 0 ? 'bold' : null))
    .text((d) => d);

  const rec = x(view.recommended);
  layer(g, 'recommended')
    .selectAll('line')
    .data([view.recommended])
    .join('line')
    .attr('x1', rec)
    .attr('x2', rec)
    .attr('y1', 0)
    .attr('y2', h)
    .attr('stroke', 'currentColor')
    .attr('stroke-dasharray', '3 3');

  const line = d3
    .line<SweepRow & { v: number }>()
    .defined((r) => Number.isFinite(r.v))
    .x((r) => x(r.strength))
    .y((r) => y(r.v));
  const curves = CURVES.map((c) => ({
    ...c,
    color,
    points: view.rows.map((r) => ({ ...r, v: r[c.metric] })),
  }));
  // Other methods' finished sweeps: their average only, thin, under this sweep's curves.
  const otherLine = d3
    .line<SweepRow & { recommended: number }>()
    .defined((r) => Number.isFinite(r.average))
    .x((r) => xOf(r.strength, r.recommended))
    .y((r) => y(r.average));
  layer(g, 'other-sweeps')
    .selectAll<SVGPathElement, KeptSweep>('path')
    .data(others, (o) => o.method)
    .join('path')
    .attr('class', 'other-sweep')
    .attr('data-method', (o) => o.method)
    .attr('fill', 'none')
    .attr('stroke', (o) => METHOD_COLORS[o.method])
    .attr('stroke-width', 2)
    .attr('d', (o) => otherLine(o.rows.map((r) => ({ ...r, recommended: o.recommended }))));
  layer(g, 'curves')
    .selectAll<SVGPathElement, (typeof curves)[number]>('path')
    .data(curves, (c) => c.metric)
    .join('path')
    .attr('class', 'sweep-curve')
    .attr('data-metric', (c) => c.metric)
    .attr('fill', 'none')
    .attr('stroke', (c) => c.color)
    .attr('stroke-width', (c) => c.width)
    .attr('stroke-dasharray', (c) => c.dash)
    .attr('d', (c) => line(c.points));
  const dots = curves.flatMap((c) =>
    c.points.filter((p) => Number.isFinite(p.v)).map((p, i) => ({ key: `${c.metric}-${i}`, c, p })),
  );
  const marker = (type: d3.SymbolType) => d3.symbol(type, (small * 0.65) ** 2)() ?? '';
  layer(g, 'points')
    .selectAll<SVGPathElement, (typeof dots)[number]>('path')
    .data(dots, (d) => d.key)
    .join('path')
    .attr('class', 'sweep-point')
    .attr('data-metric', (d) => d.c.metric)
    .attr('data-strength', (d) => d.p.strength)
    .attr('data-accuracy', (d) => d.p.v)
    .attr('d', (d) => marker(d.c.symbol))
    .attr('transform', (d) => `translate(${x(d.p.strength)},${y(d.p.v)})`)
    .attr('fill', (d) => d.c.color);
  layer(g, 'best')
    .selectAll('circle')
    .data(view.best ? [view.best] : [])
    .join('circle')
    .attr('cx', (b) => x(b.strength))
    .attr('cy', (b) => y(b.average))
    .attr('r', small * 0.9)
    .attr('fill', 'none')
    .attr('stroke', 'currentColor')
    .attr('stroke-width', 2);

  // Each curve's value at the strongest lane, at its right end, spread so labels never overlap.
  const ends = curves
    .map((c) => ({ c, v: c.points.at(-1)?.v ?? Number.NaN }))
    .filter((e) => Number.isFinite(e.v))
    .sort((a, b) => b.v - a.v);
  let prev = -Infinity;
  const placed = ends.map((e) => {
    const at = Math.max(y(e.v), prev + small * 1.25);
    prev = at;
    return { ...e, at };
  });
  layer(g, 'end-labels')
    .selectAll<SVGTextElement, (typeof placed)[number]>('text')
    .data(placed, (e) => e.c.metric)
    .join('text')
    .attr('class', 'axis-label end-label')
    .attr('x', w + small * 0.6)
    .attr('y', (e) => e.at)
    .attr('dy', '0.35em')
    .text((e) => `${e.c.short} ${(e.v * 100).toFixed(1)}`);

  const items = layer(svg, 'legend')
    .attr('transform', `translate(${width - legendW + small * 0.5},${M.top + small * 4})`)
    .selectAll<SVGGElement, (typeof legend)[number]>('g.legend-item')
    .data(legend, (d) => d.key)
    .join((enter) => {
      const item = enter.append('g').attr('class', 'legend-item');
      item.append('path').attr('class', 'legend-line');
      item.append('path').attr('class', 'legend-marker');
      item.append('text').attr('class', 'axis-label');
      return item;
    })
    .attr('transform', (_, k) => `translate(0,${k * small * 1.6})`);
  items
    .select('path.legend-marker')
    .attr('d', (d) => (d.symbol ? marker(d.symbol) : ''))
    .attr('transform', `translate(${swatch / 2},0)`)
    .attr('fill', (d) => d.color);
  items
    .select('path.legend-line')
    .attr('d', (d) =>
      d.key === 'best'
        ? `M${swatch / 2 + small * 0.6},0 a${small * 0.6},${small * 0.6} 0 1,0 0.01,0`
        : d.key === 'rec'
          ? `M${swatch / 2},${-small * 0.6} v${small * 1.2}`
          : `M0,0 h${swatch}`,
    )
    .attr('fill', 'none')
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', (d) => d.w || 2)
    .attr('stroke-dasharray', (d) => d.dash);
  items
    .select('text')
    .attr('x', swatch + small * 0.5)
    .attr('dy', '0.35em')
    // Text in the theme's colour: a light method colour (SI's pink) is too faint for a room to read.
    .text((d) => d.text);
}
