/**
 * The real loss landscape: contours of L_A (grey) and L_B (gold) on the plane through θ_A spanned
 * by where two methods ended task B (or are now, while B trains), computed in the worker, with
 * every method's task-B path projected onto it. The ellipse picture again, on the actual network.
 * Contours are clipped to the plot and drawn without the grid's border, a few levels are
 * labelled, and the legend names every line; the plot fills the area (the two directions are
 * scaled separately, each axis says what it is).
 */
import * as d3 from 'd3';
import { METHOD_LABELS } from '../engine/methodIds';
import { METHOD_COLORS } from '../engine/methods/registry';
import type { ResultsState } from '../store/results';
import { clearCorner, drawAxis, fitTicks, minus } from './axes';
import { type CsvExport, csvExport } from './export';
import { placeLabels } from './labelPlacement';
import { contourLevels, contourLines, gridToPlane, landscapeReady } from './landscapeData';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { axisTitle, emptyState, fitTitle, layer, plotBesideLegend, sizeSvg } from './svgFrame';
import { fontSizes, textWidth, wrapText } from './textMetrics';

const LEVELS = 10;
/** Which levels (of LEVELS, low to high) carry their value. */
const LABELLED = [1, 4, 8];
let clipIds = 0;

function emptyMessage(s: ResultsState): string | null {
  if (s.landscape) return null;
  const progress = s.landscapeProgress;
  if (progress)
    return `Evaluating the losses on the plane… ${Math.round((100 * progress.done) / Math.max(1, progress.total))} %`;
  if ((s.config?.methods.length ?? 0) < 2) return 'The landscape needs two methods in the run.';
  if (!landscapeReady(s)) return 'Train task 1, then switch to task 2 (key 2) and train it.';
  return 'Starting the landscape…';
}

export function drawLossLandscape(el: SVGSVGElement, s: ResultsState): void {
  // It changes when a landscape (or its progress) arrives, not with every streamed evaluation.
  const inputs = [s.landscape, s.landscapeProgress, s.config, landscapeReady(s), ...frameInputs(el)];
  if (unchangedSinceLastDraw(el, inputs)) return;
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const ls = s.landscape;
  const message = emptyMessage(s);
  el.setAttribute('aria-busy', String(message !== null && landscapeReady(s) && !s.landscape));
  if (emptyState(svg, width, height, message) || !ls) return;
  const { small } = fontSizes(el);
  const { xs, ys } = ls;
  const nameA = `L_A (task ${ls.taskA + 1})`;
  const nameB = `L_B (task ${ls.taskB + 1}${ls.inProgress ? ', in training' : ''})`;
  const where = ls.inProgress ? 'is now' : `ended task ${ls.taskB + 1}`;
  const legend = [
    { key: 'a', label: nameA, color: 'var(--task-a)', dot: false },
    { key: 'b', label: nameB, color: 'var(--task-b)', dot: false },
    ...ls.trajectories.map((t) => ({
      key: t.method,
      label: METHOD_LABELS[t.method],
      color: METHOD_COLORS[t.method],
      dot: true,
    })),
  ];
  const swatch = small * 1.6;
  const legendW = Math.max(
    small * 10,
    Math.min(width * 0.3, Math.max(...legend.map((l) => textWidth(l.label, small))) + swatch + small),
  );
  const planeLines = wrapText(
    `Plane through θ_A (${METHOD_LABELS[ls.origin]} at the end of task ${ls.taskA + 1}); paths: task ${ls.taskB + 1}`,
    legendW,
    small,
  );
  const format = (v: number) => minus(d3.format('~g')(v));
  const { M, w, h } = plotBesideLegend(width, height, small, legendW);
  const x = d3
    .scaleLinear()
    .domain([xs[0], xs[xs.length - 1]])
    .range([0, w]);
  const y = d3
    .scaleLinear()
    .domain([ys[0], ys[ys.length - 1]])
    .range([h, 0]);
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
  const [m1, m2] = ls.spans.map((m) => METHOD_LABELS[m]);
  axisTitle(
    g,
    'x-title',
    fitTitle(
      [
        `direction 1: from θ_A to where ${m1} ${where} (weight distance)`,
        `direction 1: θ_A → ${m1}`,
        'direction 1',
      ],
      w,
      small,
    ),
    w / 2,
    h + small * 2.9,
  );
  axisTitle(
    g,
    'y-title',
    fitTitle([`direction 2: towards ${m2}, ⟂ direction 1`, `direction 2: → ${m2}`, 'direction 2'], h, small),
    -(M.left - small * 1.1),
    h / 2,
    true,
  );

  // Everything drawn on the plane is clipped to it.
  const clip = layer(svg, 'clip-defs');
  const clipId = clip.attr('data-id') ?? `landscape-clip-${++clipIds}`;
  clip
    .attr('data-id', clipId)
    .selectAll('clipPath')
    .data([0])
    .join((enter) =>
      enter
        .append('clipPath')
        .attr('id', clipId)
        .call((c) => c.append('rect')),
    )
    .select('rect')
    .attr('width', w)
    .attr('height', h);
  const plane = layer(g, 'plane').attr('clip-path', `url(#${clipId})`);
  const toScreen = ([gx, gy]: [number, number]): [number, number] => [
    x(gridToPlane(xs, gx)),
    y(gridToPlane(ys, gy)),
  ];
  const line = d3.line();
  const losses = [
    { key: 'a', values: ls.lossA, color: 'var(--task-a)' },
    { key: 'b', values: ls.lossB, color: 'var(--task-b)' },
  ].map((l) => {
    const levels = contourLevels(l.values, LEVELS);
    const rings = d3.contours().size([xs.length, ys.length]).thresholds(levels)(Array.from(l.values));
    return {
      ...l,
      contours: rings.map((c, k) => ({
        level: k,
        value: c.value,
        lines: contourLines(
          c.coordinates.flat() as unknown as [number, number][][],
          xs.length,
          ys.length,
        ).map((pts) => pts.map(toScreen)),
      })),
    };
  });
  layer(plane, 'contours')
    .selectAll<SVGGElement, (typeof losses)[number]>('g.loss')
    .data(losses, (d) => d.key)
    .join('g')
    .attr('class', 'loss')
    .attr('data-loss', (d) => d.key)
    .selectAll('path.contour')
    .data((d) => d.contours.map((c) => ({ ...c, color: d.color })))
    .join('path')
    .attr('class', 'contour')
    .attr('d', (d) => d.lines.map((pts) => line(pts)).join(''))
    .attr('fill', 'none')
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', 'calc(var(--line-width) * 0.6)');

  const paths = ls.trajectories.map((t) => ({
    method: t.method,
    pts: Array.from({ length: t.steps.length }, (_, i): [number, number] => [
      x(t.coords[2 * i]),
      y(t.coords[2 * i + 1]),
    ]),
  }));
  layer(plane, 'trajectories')
    .selectAll<SVGGElement, (typeof paths)[number]>('g.trajectory')
    .data(paths, (d) => d.method)
    .join((enter) => {
      const t = enter.append('g').attr('class', 'trajectory');
      t.append('path').attr('fill', 'none');
      t.append('circle').attr('class', 'end');
      return t;
    })
    .attr('data-method', (d) => d.method)
    .each(function (d) {
      const t = d3.select(this);
      t.select('path')
        .attr('d', line(d.pts))
        .attr('stroke', METHOD_COLORS[d.method])
        .attr('stroke-width', 'var(--line-width)');
      const end = d.pts[d.pts.length - 1];
      t.select('circle')
        .attr('cx', end[0])
        .attr('cy', end[1])
        .style('r', 'var(--mark-size)')
        .attr('fill', METHOD_COLORS[d.method]);
    });

  // Level values on a few contours of each loss, at the middle of their longest line, where free.
  const format2 = (v: number) => (v >= 10 ? v.toFixed(0) : v.toPrecision(2));
  const candidates = losses.flatMap((l) =>
    l.contours
      .filter((c) => LABELLED.includes(c.level))
      .flatMap((c) => {
        const longest = c.lines.reduce<[number, number][]>((a, b) => (b.length > a.length ? b : a), []);
        const at = longest[Math.floor(longest.length / 2)];
        const text = format2(c.value);
        return at
          ? [
              {
                key: `${l.key}${c.level}`,
                x: at[0],
                y: at[1],
                width: textWidth(text, small),
                height: small * 1.1,
                text,
                color: l.color,
              },
            ]
          : [];
      }),
  );
  const origin = { x: x(0) + 8, y: y(0) - 8 - small, width: textWidth('θ_A', small), height: small * 1.2 };
  const marks = [
    origin,
    ...paths.flatMap((p) => p.pts.map(([px, py]) => ({ x: px - 4, y: py - 4, width: 8, height: 8 }))),
  ];
  const placed = placeLabels(candidates, marks, { x: 0, y: 0, width: w, height: h }, 0);
  layer(plane, 'level-labels')
    .selectAll<SVGTextElement, (typeof candidates)[number]>('text')
    .data(
      candidates.filter((c) => placed.get(c.key)),
      (d) => d.key,
    )
    .join('text')
    .attr('class', 'axis-label level-label')
    .attr('x', (d) => placed.get(d.key)!.x)
    .attr('y', (d) => placed.get(d.key)!.y + small * 0.85)
    .style('fill', (d) => d.color)
    .style('paint-order', 'stroke')
    .style('stroke', 'var(--panel-bg)')
    .style('stroke-width', '4px')
    .text((d) => d.text);
  layer(g, 'origin')
    .selectAll('text')
    .data(['θ_A'])
    .join('text')
    .attr('class', 'axis-label')
    .attr('x', origin.x)
    .attr('y', origin.y + small)
    .style('paint-order', 'stroke')
    .style('stroke', 'var(--panel-bg)')
    .style('stroke-width', '4px')
    .text((d) => d);

  const key = layer(svg, 'legend').attr('transform', `translate(${width - legendW},${M.top + small})`);
  const items = key
    .selectAll<SVGGElement, (typeof legend)[number]>('g.legend-item')
    .data(legend, (d) => d.key)
    .join((enter) => {
      const item = enter.append('g').attr('class', 'legend-item');
      item
        .append('line')
        .attr('y1', -small * 0.35)
        .attr('y2', -small * 0.35);
      item.append('circle').attr('cy', -small * 0.35);
      item.append('text').attr('class', 'axis-label');
      return item;
    })
    .attr('transform', (_, k) => `translate(0,${k * small * 1.4})`);
  items
    .select('line')
    .attr('x2', swatch)
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', 'var(--line-width)');
  items
    .select('circle')
    .attr('cx', swatch)
    .style('r', (d) => (d.dot ? 'var(--mark-size)' : '0'))
    .attr('fill', (d) => d.color);
  items
    .select('text')
    .attr('x', swatch + small * 0.7)
    .text((d) => d.label);
  key
    .selectAll<SVGTextElement, string>('text.plane-note')
    .data(planeLines)
    .join('text')
    .attr('class', 'axis-label plane-note')
    .attr('y', (_, k) => (legend.length + 0.5 + k) * small * 1.4)
    .text((d) => d);
}

export function lossLandscapeCsv(s: ResultsState): CsvExport[] {
  const ls = s.landscape;
  if (!ls) return [];
  const n = ls.xs.length;
  return [
    csvExport('both losses on the grid', 'grid', () => [
      ['x', 'y', 'loss_A', 'loss_B'],
      ...Array.from(ls.lossA, (a, i) => [ls.xs[i % n], ls.ys[Math.floor(i / n)], a, ls.lossB[i]]),
    ]),
    csvExport('every method’s path on the plane', 'paths', () => [
      ['method', 'step', 'x', 'y'],
      ...ls.trajectories.flatMap((t) =>
        Array.from(t.steps, (step, i) => [t.method, step, t.coords[2 * i], t.coords[2 * i + 1]]),
      ),
    ]),
  ];
}
