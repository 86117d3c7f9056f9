/**
 * Forgetting curves: one small chart per task (task = small multiple, method = colour), each
 * method's test accuracy on that task against the training step, with a marker at every task
 * switch, a legend of the methods above, and on hover every method's accuracy at that step.
 * The SI paper's split-MNIST figure, growing live.
 */
import * as d3 from 'd3';
import type { MethodId } from '../engine/methodIds';
import { METHOD_LABELS } from '../engine/methodIds';
import type { ResultsState } from '../store/results';
import { METHOD_COLORS } from '../ui/methodColors';
import { forgettingCurves, nearestEvaluation } from './forgettingData';
import { emptyState, layer, sizeSvg } from './svgFrame';

const MARGIN = { top: 64, right: 10, bottom: 40, left: 56 };
/** The hovered step of each panel, kept across redraws. */
const hovered = new WeakMap<SVGSVGElement, number>();

export function drawForgettingCurves(svgEl: SVGSVGElement, s: ResultsState): void {
  const frame = sizeSvg(svgEl);
  if (!frame) return;
  const { svg, width, height } = frame;
  const methods: MethodId[] = s.config?.methods ?? [];
  const T = s.taskNames.length;
  const empty = T === 0 || s.evaluations.length === 0;
  if (
    emptyState(
      svg,
      width,
      height,
      empty ? 'Press Start (Space) to train; the accuracy on each task appears here.' : null,
    )
  )
    return;
  drawLegend(svg, methods);

  const curves = forgettingCurves(s.evaluations, s.switches, methods.length, T);
  const byTask = new Map(curves.map((c) => [c.task, c]));
  const cellW = width / T;
  const innerW = Math.max(10, cellW - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const lastStep = s.evaluations.at(-1)?.step ?? 1;
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(1, lastStep)])
    .range([0, innerW]);
  const y = d3.scaleLinear().domain([0, 1]).range([innerH, 0]);

  const cells = svg
    .selectAll<SVGGElement, number>('g.task-cell')
    .data(d3.range(T), (d) => String(d))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'task-cell');
      g.append('text').attr('class', 'cell-title');
      g.append('g').attr('class', 'x-axis axis');
      g.append('g').attr('class', 'y-axis axis');
      g.append('g').attr('class', 'switches');
      g.append('g').attr('class', 'lines');
      g.append('text').attr('class', 'cell-empty').attr('text-anchor', 'middle');
      return g;
    })
    .attr('transform', (t) => `translate(${t * cellW + MARGIN.left},${MARGIN.top})`)
    .attr('data-task', (t) => t);

  cells
    .select('.cell-title')
    .attr('x', innerW / 2)
    .attr('y', -10)
    .attr('text-anchor', 'middle')
    .text((t) => `Task ${t + 1}: ${s.taskNames[t]}`);
  cells
    .select<SVGGElement>('.x-axis')
    .attr('transform', `translate(0,${innerH})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(innerW / 70))));
  cells.select<SVGGElement>('.y-axis').call(d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
  cells
    .select('.cell-empty')
    .attr('x', innerW / 2)
    .attr('y', innerH / 2)
    // Two short lines: a small multiple is narrow on a projector.
    .each(function (t) {
      const lines = byTask.has(t) ? [] : ['Not trained yet:', `press ${t + 1}`];
      d3.select(this)
        .selectAll('tspan')
        .data(lines)
        .join('tspan')
        .attr('x', innerW / 2)
        .attr('dy', (_, i) => (i === 0 ? 0 : '1.2em'))
        .text((l) => l);
    });

  cells
    .select('.switches')
    .selectAll<SVGGElement, ResultsState['switches'][number]>('g.switch')
    .data(s.switches)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'switch');
      g.append('line').attr('y1', 0);
      g.append('text').attr('y', 12).attr('dx', 3);
      return g;
    })
    .attr('transform', (d) => `translate(${x(d.step)},0)`)
    .call((g) => g.select('line').attr('y2', innerH))
    .call((g) => g.select('text').text((d) => `T${d.to + 1}`));

  cells
    .select('.lines')
    .selectAll<SVGPathElement, { method: MethodId; points: { step: number; accuracy: number }[] }>(
      'path.curve',
    )
    .data((t) => {
      const c = byTask.get(t);
      return c ? methods.map((method, m) => ({ method, points: c.lines[m] })) : [];
    })
    .join('path')
    .attr('class', 'curve')
    .attr('data-method', (d) => d.method)
    .attr('stroke', (d) => METHOD_COLORS[d.method])
    .attr(
      'd',
      (d) =>
        d3
          .line<{ step: number; accuracy: number }>()
          .defined((p) => Number.isFinite(p.accuracy))
          .x((p) => x(p.step))
          .y((p) => y(p.accuracy))(d.points) ?? '',
    );
  drawHover(svgEl, s, x, y, innerW, innerH, cellW);
}

function drawLegend(
  svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
  methods: readonly MethodId[],
): void {
  const items = layer(svg, 'legend')
    .attr('transform', `translate(${MARGIN.left},20)`)
    .selectAll<SVGGElement, MethodId>('g.legend-item')
    .data(methods, (d) => d)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'legend-item');
      g.append('line').attr('x1', 0).attr('x2', 22).attr('y1', -5).attr('y2', -5);
      g.append('text').attr('class', 'axis-label').attr('x', 28);
      return g;
    })
    .attr('transform', (_, k) => `translate(${k * 120},0)`);
  items
    .select('line')
    .attr('stroke', (d) => METHOD_COLORS[d])
    .attr('stroke-width', 'var(--line-width)');
  items.select('text').text((d) => METHOD_LABELS[d]);
}

/**
 * A rule at the hovered step in every task's chart, with each method's accuracy on that task at
 * that step. The pointer handlers redraw only the hover, not the whole panel.
 */
function drawHover(
  svgEl: SVGSVGElement,
  s: ResultsState,
  x: d3.ScaleLinear<number, number>,
  y: d3.ScaleLinear<number, number>,
  innerW: number,
  innerH: number,
  cellW: number,
): void {
  const svg = d3.select(svgEl);
  const redraw = () => drawHover(svgEl, s, x, y, innerW, innerH, cellW);
  svg
    .on('pointermove', (event: PointerEvent) => {
      const [px] = d3.pointer(event, svgEl);
      const cell = Math.floor(px / cellW);
      hovered.set(svgEl, x.invert(px - cell * cellW - MARGIN.left));
      redraw();
    })
    .on('pointerleave', () => {
      hovered.delete(svgEl);
      redraw();
    });
  const step = hovered.get(svgEl);
  const e = step === undefined ? null : nearestEvaluation(s.evaluations, step);
  const methods = s.config?.methods ?? [];
  const T = s.taskNames.length;
  svg.selectAll<SVGGElement, number>('g.task-cell').each(function (t) {
    const g = layer(d3.select<SVGGElement, unknown>(this), 'hover');
    g.selectAll('*').remove();
    // A task not trained yet shows its empty-state hint instead.
    if (!e || d3.select(this).select('.cell-empty').text() !== '') return;
    g.attr('transform', `translate(${x(e.step)},0)`).attr('pointer-events', 'none');
    g.append('line').attr('class', 'hover-rule').attr('y2', innerH).attr('stroke', 'currentColor');
    g.selectAll('circle')
      .data(methods)
      .join('circle')
      .attr('cy', (_, m) => y(e.accuracy[m * T + t]))
      .style('r', 'var(--mark-size)')
      .attr('fill', (d) => METHOD_COLORS[d]);
    const flip = x(e.step) > innerW / 2;
    g.selectAll('text')
      .data([
        `step ${e.step}`,
        ...methods.map((d, m) => `${METHOD_LABELS[d]} ${(e.accuracy[m * T + t] * 100).toFixed(1)}%`),
      ])
      .join('text')
      .attr('class', 'axis-label hover-value')
      .attr('x', flip ? -8 : 8)
      .attr('text-anchor', flip ? 'end' : 'start')
      .attr('y', (_, k) => innerH - 8 - (methods.length - k) * 20)
      .style('fill', (_, k) => (k === 0 ? 'currentColor' : METHOD_COLORS[methods[k - 1]]))
      .style('paint-order', 'stroke')
      .style('stroke', 'var(--panel-bg)')
      .style('stroke-width', '4px')
      .text((d) => d);
  });
}

/** Every method's accuracy on every task at every evaluation. */
export function forgettingCurvesCsv(s: ResultsState): (string | number)[][] {
  const methods = s.config?.methods ?? [];
  const T = s.taskNames.length;
  return [
    ['step', 'training_task', 'method', ...s.taskNames.map((_, t) => `task_${t + 1}`)],
    ...s.evaluations.flatMap((e) =>
      methods.map((method, m) => [
        e.step,
        e.task + 1,
        method,
        ...Array.from({ length: T }, (_, t) => e.accuracy[m * T + t]),
      ]),
    ),
  ];
}
