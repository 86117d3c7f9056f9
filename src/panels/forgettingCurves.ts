/**
 * Forgetting curves: one small chart per task (task = small multiple, method = colour), each
 * method's test accuracy on that task against the training step, with a dashed marker at every task
 * switch, chance level, a legend of the methods above, and on hover every method's accuracy at that
 * step. The SI paper's split-MNIST figure, growing live. Many tasks wrap into rows; the accuracy
 * axis can zoom to the data (the differences permuted MNIST shows are a few points wide). With seed
 * lanes each method's line is the mean over its seeds, over a band from their min to their max.
 */
import * as d3 from 'd3';
import { METHOD_COLORS } from '../engine/methods/registry';
import { laneSeeds } from '../engine/runConfig';
import type { ResultsState } from '../store/results';
import { drawAxis, fitTicks, percent } from './axes';
import { type CsvExport, type CsvRows, csvExport } from './export';
import {
  accuracyDomain,
  type CurvePoint,
  chanceLevel,
  forgettingCurves,
  nearestEvaluation,
} from './forgettingData';
import { bandNote, groupSpread, type LaneGroup, laneGroups, rangeText, seedCount } from './seedSpreadData';
import { chooseGrid } from './smallMultiples';
import {
  drawLineLegend,
  drawSwitchMarkers,
  type LegendLine,
  legendWidth,
  switchLabelsKept,
} from './stepPlotParts';
import { axisTitle, emptyState, layer, sizeSvg } from './svgFrame';
import { fontSizes, textWidth, wrapText } from './textMetrics';

/** The hovered step of each panel and the task chart under the pointer, kept across redraws. */
const hovered = new WeakMap<SVGSVGElement, { step: number; task: number }>();

interface Frame {
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  cellW: number;
  cellH: number;
  /** Top-left corner of task t's plot area. */
  origin: (t: number) => [number, number];
  cellAt: (px: number, py: number) => number | null;
}

export function drawForgettingCurves(svgEl: SVGSVGElement, s: ResultsState, zoom: boolean): void {
  const frame = sizeSvg(svgEl);
  if (!frame) return;
  const { svg, width, height } = frame;
  const groups = s.config ? laneGroups(s.config) : [];
  const seeds = seedCount(groups);
  const T = s.taskNames.length;
  const empty = T === 0 || s.evaluations.length === 0;
  if (emptyState(svg, width, height, empty ? 'Press Start (Space) to train.' : null)) return;
  const { small } = fontSizes(svgEl);
  const curves = forgettingCurves(s.evaluations, s.switches, groups, T);
  const byTask = new Map(curves.map((c) => [c.task, c]));
  const chance = chanceLevel(s.config);

  // Margins: the legend above (and the band's note, in a row of its own when the legend is full),
  // tick labels and axis titles left and below.
  const legend = legendItems(groups, chance);
  const note = seeds > 1 ? bandNote(seeds) : null;
  const noteOwnRow = note !== null && legendWidth(legend, small) + textWidth(note, small) > width;
  const legendH = small * (noteOwnRow ? 3.6 : 2.2);
  const titleH = small * 1.8;
  const left = small * 1.8 + textWidth('100', small) + 8;
  const bottom = small * 1.6 + small * 1.8;
  // Room for half of the last step label, which is centred on the right edge.
  const lastStep = s.evaluations.at(-1)?.step ?? 1;
  const right = textWidth(String(lastStep), small) / 2 + small * 0.3;
  const gapX = small * 1.2;
  const gapY = small * 0.6;
  const grid = chooseGrid(T, width - left - right, height - legendH - bottom, gapX, gapY, titleH);
  const cellW = Math.max(10, grid.cellWidth);
  const cellH = Math.max(10, grid.cellHeight);
  const origin = (t: number): [number, number] => [
    left + (t % grid.cols) * (cellW + gapX),
    legendH + Math.floor(t / grid.cols) * (cellH + titleH + gapY) + titleH,
  ];
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(1, lastStep)])
    .range([0, cellW]);
  const y = d3
    .scaleLinear()
    .domain(accuracyDomain(curves, zoom ? chance : null))
    .range([cellH, 0]);
  // The accuracy range shown, for tests and tools.
  svg.attr('data-y-domain', y.domain().join(','));
  const f: Frame = {
    x,
    y,
    cellW,
    cellH,
    origin,
    cellAt: (px, py) => {
      for (let t = 0; t < T; t++) {
        const [ox, oy] = origin(t);
        if (px >= ox && px <= ox + cellW && py >= oy - titleH && py <= oy + cellH) return t;
      }
      return null;
    },
  };
  drawLineLegend(svg, legend, small, small * 0.5);
  // What the band is, said on the figure: after the legend, or under it.
  layer(svg, 'band-note')
    .selectAll('text')
    .data(note ? [note] : [])
    .join('text')
    .attr('class', 'axis-label band-note')
    .attr('x', noteOwnRow ? small * 0.5 : small * 0.5 + legendWidth(legend, small))
    .attr('y', noteOwnRow ? small * 2.6 : small * 1.2)
    .text((d) => d);

  const xTicks = fitTicks(x, cellW, small, String, false);
  const yTicks = fitTicks(y, cellH, small, percent, true);
  const cells = svg
    .selectAll<SVGGElement, number>('g.task-cell')
    .data(d3.range(T), (d) => String(d))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'task-cell');
      g.append('text').attr('class', 'cell-title');
      g.append('g').attr('class', 'y-grid');
      g.append('g').attr('class', 'x-axis axis');
      g.append('g').attr('class', 'y-axis axis');
      g.append('line').attr('class', 'chance');
      g.append('g').attr('class', 'switches');
      g.append('g').attr('class', 'bands');
      g.append('g').attr('class', 'lines');
      g.append('text').attr('class', 'cell-empty').attr('text-anchor', 'middle');
      return g;
    })
    .attr('transform', (t) => `translate(${origin(t)[0]},${origin(t)[1]})`)
    .attr('data-task', (t) => t);

  cells
    .select('.cell-title')
    .attr('x', cellW / 2)
    .attr('y', -small * 0.6)
    .attr('text-anchor', 'middle')
    .text((t) => cellTitle(t, s.taskNames[t], cellW, small));
  cells
    .select<SVGGElement>('.y-grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x2', cellW)
    .attr('y1', (v) => y(v))
    .attr('y2', (v) => y(v));
  // Tick labels on the left column and the bottom row only: the cells share their scales.
  const bottomRow = (t: number) => t + grid.cols >= T;
  cells
    .select<SVGGElement>('.x-axis')
    .attr('transform', `translate(0,${cellH})`)
    .each(function (t) {
      drawAxis(d3.select(this), 'bottom', x, xTicks, (v) => (bottomRow(t) ? String(v) : ''));
    });
  cells.select<SVGGElement>('.y-axis').each(function (t) {
    drawAxis(d3.select(this), 'left', y, yTicks, (v) => (t % grid.cols === 0 ? percent(v) : ''));
  });
  const [y0, y1] = y.domain();
  cells
    .select('.chance')
    .attr('x2', cellW)
    .attr('y1', y(chance))
    .attr('y2', y(chance))
    .attr('display', chance >= y0 && chance <= y1 ? null : 'none');
  cells
    .select('.cell-empty')
    .attr('x', cellW / 2)
    .attr('y', cellH / 2)
    .each(function (t) {
      const lines = byTask.has(t) ? [] : untrainedHint(t, cellW, small);
      d3.select(this)
        .selectAll('tspan')
        .data(lines)
        .join('tspan')
        .attr('x', cellW / 2)
        .attr('dy', (_, i) => (i === 0 ? `${-0.6 * (lines.length - 1)}em` : '1.2em'))
        .text((l) => l);
    });

  // Task switches, in the charts of tasks trained by then; labels thinned so none overlap.
  const kept = switchLabelsKept(s.switches, x, small);
  drawSwitchMarkers(
    cells.select<SVGGElement>('.switches'),
    (t) => (byTask.has(t) ? s.switches : []),
    x,
    cellH,
    small,
    kept,
  );

  const clamp = (v: number) => Math.max(y0, Math.min(y1, v));
  const series = (t: number) => {
    const c = byTask.get(t);
    return c ? groups.map((group, g) => ({ group, points: c.lines[g] })) : [];
  };
  // The band under each mean line, the method's colour at low opacity (none without seed lanes).
  cells
    .select('.bands')
    .selectAll<SVGPathElement, { group: LaneGroup; points: CurvePoint[] }>('path.band')
    .data((t) => (seeds > 1 ? series(t) : []))
    .join('path')
    .attr('class', 'band')
    .attr('data-method', (d) => d.group.method)
    .attr('fill', (d) => METHOD_COLORS[d.group.method])
    .attr('fill-opacity', 0.2)
    .attr(
      'd',
      (d) =>
        d3
          .area<CurvePoint>()
          .defined((p) => Number.isFinite(p.accuracy))
          .x((p) => x(p.step))
          .y0((p) => y(clamp(p.lo)))
          .y1((p) => y(clamp(p.hi)))(d.points) ?? '',
    );
  cells
    .select('.lines')
    .selectAll<SVGPathElement, { group: LaneGroup; points: CurvePoint[] }>('path.curve')
    .data(series)
    .join('path')
    .attr('class', 'curve')
    .attr('data-method', (d) => d.group.method)
    .attr('stroke', (d) => METHOD_COLORS[d.group.method])
    .attr(
      'd',
      (d) =>
        d3
          .line<CurvePoint>()
          .defined((p) => Number.isFinite(p.accuracy))
          .x((p) => x(p.step))
          .y((p) => y(clamp(p.accuracy)))(d.points) ?? '',
    );

  const plotsBottom = origin(T - 1)[1] + cellH;
  const gridH = plotsBottom - legendH - titleH;
  const titles = layer(svg, 'titles');
  axisTitle(titles, 'y-title', 'test accuracy (%)', small * 0.9, legendH + titleH + gridH / 2, true);
  axisTitle(
    titles,
    'x-title',
    'training step',
    left + (grid.cols * (cellW + gapX) - gapX) / 2,
    plotsBottom + small * 1.5 + small * 1.4,
  );
  drawHover(svgEl, s, f, small);
}

/** What an untrained task's chart says, in lines that fit its width (nothing when none fits). */
function untrainedHint(t: number, width: number, px: number): string[] {
  for (const hint of [`not trained yet${t < 9 ? ` (key ${t + 1})` : ''}`, 'not trained yet', 'untrained']) {
    const lines = wrapText(hint, width - px * 0.5, px);
    if (lines.length <= 3 && lines.every((l) => textWidth(l, px) <= width - px * 0.5)) return lines;
  }
  return [];
}

/** "Task 3: 4/5", or shorter when the cell is narrow. */
function cellTitle(t: number, name: string, width: number, px: number): string {
  for (const title of [`Task ${t + 1}: ${name}`, `T${t + 1}: ${name}`, `T${t + 1}`])
    if (textWidth(title, px, true) <= width) return title;
  return `T${t + 1}`;
}

/** One legend entry per method (per lane group), and chance. */
function legendItems(groups: readonly LaneGroup[], chance: number): LegendLine[] {
  return [
    ...groups.map((g) => ({
      key: g.label,
      label: g.label,
      color: METHOD_COLORS[g.method],
      dash: false,
      method: g.method,
    })),
    { key: 'chance', label: `chance (${percent(chance)} %)`, color: 'var(--muted)', dash: true },
  ];
}

/**
 * A rule at the hovered step in every task's chart, and in the chart under the pointer each
 * method's accuracy on that task at that step. The pointer handlers redraw only the hover.
 */
function drawHover(svgEl: SVGSVGElement, s: ResultsState, f: Frame, px: number): void {
  const svg = d3.select(svgEl);
  const redraw = () => drawHover(svgEl, s, f, px);
  svg
    .on('pointermove', (event: PointerEvent) => {
      const [mx, my] = d3.pointer(event, svgEl);
      const task = f.cellAt(mx, my);
      if (task === null) hovered.delete(svgEl);
      else hovered.set(svgEl, { step: f.x.invert(mx - f.origin(task)[0]), task });
      redraw();
    })
    .on('pointerleave', () => {
      hovered.delete(svgEl);
      redraw();
    });
  const at = hovered.get(svgEl);
  const e = at === undefined ? null : nearestEvaluation(s.evaluations, at.step);
  const groups = s.config ? laneGroups(s.config) : [];
  const banded = seedCount(groups) > 1;
  const T = s.taskNames.length;
  svg.selectAll<SVGGElement, number>('g.task-cell').each(function (t) {
    const g = layer(d3.select<SVGGElement, unknown>(this), 'hover');
    g.selectAll('*').remove();
    // A task not trained yet shows its hint instead.
    if (!e || d3.select(this).select('.cell-empty').text() !== '') return;
    g.attr('transform', `translate(${f.x(e.step)},0)`).attr('pointer-events', 'none');
    g.append('line').attr('class', 'hover-rule').attr('y2', f.cellH).attr('stroke', 'currentColor');
    const values = groups.map((group) => ({ group, ...groupSpread(e.accuracy, group, T, t) }));
    g.selectAll('circle')
      .data(values.filter((v) => Number.isFinite(v.mean)))
      .join('circle')
      .attr('cy', (v) => f.y(v.mean))
      .style('r', 'var(--mark-size)')
      .attr('fill', (v) => METHOD_COLORS[v.group.method]);
    if (t !== at?.task) return;
    // With seed lanes: the mean, and the band's ends in brackets.
    const lines = [
      `step ${e.step}`,
      ...values.map(
        (v) =>
          `${v.group.label} ${Number.isFinite(v.mean) ? (v.mean * 100).toFixed(1) : '—'}%${banded ? ` (${rangeText(v)})` : ''}`,
      ),
    ];
    const flip = f.x(e.step) > f.cellW / 2;
    g.selectAll('text')
      .data(lines)
      .join('text')
      .attr('class', 'axis-label hover-value')
      .attr('x', flip ? -8 : 8)
      .attr('text-anchor', flip ? 'end' : 'start')
      .attr('y', (_, k) => px * 1.1 + k * px * 1.25)
      .style('fill', (_, k) => (k === 0 ? 'currentColor' : METHOD_COLORS[groups[k - 1].method]))
      .style('paint-order', 'stroke')
      .style('stroke', 'var(--panel-bg)')
      .style('stroke-width', '4px')
      .text((d) => d);
  });
}

/**
 * Every lane's accuracy on every task at every evaluation, one row per evaluation and lane (every
 * seed's own, with its seed).
 */
export function forgettingCurvesCsv(s: ResultsState): CsvExport[] {
  return [csvExport('every evaluation', '', () => curveRows(s))];
}

function curveRows(s: ResultsState): CsvRows {
  const methods = s.config?.methods ?? [];
  const seeds = laneSeeds(s.config);
  const T = s.taskNames.length;
  return [
    ['step', 'training_task', 'test_set', 'method', 'seed', ...s.taskNames.map((_, t) => `task_${t + 1}`)],
    ...s.evaluations.flatMap((e) =>
      methods.map((method, m) => [
        e.step,
        e.task + 1,
        e.full ? 'full' : 'live subset',
        method,
        seeds[m],
        ...Array.from({ length: T }, (_, t) => e.accuracy[m * T + t]),
      ]),
    ),
  ];
}
