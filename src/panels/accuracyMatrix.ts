/**
 * The accuracy matrix R per method: row = after training task i (every boundary, revisits
 * included), column = test accuracy on task j, printed in each cell, with average accuracy, BWT
 * and FWT under it. One small heatmap per method, side by side.
 */
import * as d3 from 'd3';
import { METHOD_LABELS } from '../engine/methodIds';
import type { ResultsState } from '../store/results';
import { METHOD_COLORS } from '../ui/methodColors';
import { type MethodMatrix, methodMatrix } from './matrixData';
import { emptyState, sizeSvg } from './svgFrame';

const GAP = 24;
const ROW_LABEL = 84;
const TOP = 52;
const SCORES = 70;
const pct = d3.format('.0f');
const signedPct = (v: number) =>
  Number.isFinite(v) ? `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}` : '—';

export function matrices(s: ResultsState): MethodMatrix[] {
  const T = s.taskNames.length;
  return (s.config?.methods ?? []).map((_, m) => methodMatrix(s.switches, m, T, s.initialAccuracy));
}

export function drawAccuracyMatrix(el: SVGSVGElement, s: ResultsState): void {
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const methods = s.config?.methods ?? [];
  const all = matrices(s);
  const rowsCount = all[0]?.rows.length ?? 0;
  if (
    emptyState(
      svg,
      width,
      height,
      rowsCount === 0 ? 'Switch to task 2 (key 2) to fill the first row of R.' : null,
    )
  )
    return;
  const T = s.taskNames.length;
  const blockW = (width - GAP * (methods.length - 1)) / methods.length;
  const cell = Math.max(8, Math.min((blockW - ROW_LABEL) / T, (height - TOP - SCORES) / rowsCount));
  const color = d3.scaleSequential(d3.interpolateBlues).domain([0, 1.15]);

  const blocks = svg
    .selectAll<SVGGElement, string>('g.matrix')
    .data(methods, (d) => d)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'matrix');
      g.append('text').attr('class', 'matrix-title');
      g.append('g').attr('class', 'col-labels axis');
      g.append('g').attr('class', 'row-labels axis');
      g.append('g').attr('class', 'cells');
      g.append('text').attr('class', 'scores axis-label');
      g.append('text').attr('class', 'scores-2 axis-label');
      return g;
    })
    .attr('data-method', (d) => d)
    .attr('transform', (_, m) => `translate(${m * (blockW + GAP)},0)`);

  blocks
    .select('.matrix-title')
    .attr('x', ROW_LABEL)
    .attr('y', 20)
    .attr('fill', (d) => METHOD_COLORS[d])
    .attr('font-weight', 700)
    .text((d) => METHOD_LABELS[d]);
  blocks
    .select('.col-labels')
    .selectAll('text')
    .data(d3.range(T))
    .join('text')
    .attr('x', (j) => ROW_LABEL + (j + 0.5) * cell)
    .attr('y', TOP - 8)
    .attr('text-anchor', 'middle')
    .text((j) => `T${j + 1}`);
  blocks
    .select('.row-labels')
    .selectAll('text')
    .data((_, m) => all[m].rows)
    .join('text')
    .attr('x', ROW_LABEL - 6)
    .attr('y', (_, i) => TOP + (i + 0.5) * cell)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((r) => `after T${r.task + 1}${r.visit > 1 ? ` (${r.visit}×)` : ''}`);

  const cells = blocks
    .select('.cells')
    .selectAll<SVGGElement, { i: number; j: number; v: number }>('g.cell')
    .data((_, m) => all[m].rows.flatMap((r, i) => r.accuracy.map((v, j) => ({ i, j, v }))))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'cell');
      g.append('rect');
      g.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em');
      return g;
    })
    .attr('transform', (d) => `translate(${ROW_LABEL + d.j * cell},${TOP + d.i * cell})`);
  cells
    .select('rect')
    .attr('width', cell - 1)
    .attr('height', cell - 1)
    .attr('fill', (d) => color(d.v))
    // The diagonal (the task just trained) is outlined: BWT compares the last row with it.
    .attr('stroke', (d) => (all[0].rows[d.i].task === d.j ? 'currentColor' : 'none'));
  cells
    .select('text')
    .attr('x', cell / 2)
    .attr('y', cell / 2)
    .attr('class', 'cell-value')
    .attr('fill', (d) => (d.v > 0.6 ? '#fff' : '#000'))
    .text((d) => pct(d.v * 100));

  const scoresY = TOP + rowsCount * cell + 26;
  blocks
    .select('.scores')
    .attr('x', 0)
    .attr('y', scoresY)
    .text((_, m) => `avg ${Number.isFinite(all[m].average) ? (all[m].average * 100).toFixed(1) : '—'}%`);
  blocks
    .select('.scores-2')
    .attr('x', 0)
    .attr('y', scoresY + 24)
    .text((_, m) => `BWT ${signedPct(all[m].bwt)} · FWT ${signedPct(all[m].fwt)}`);
}

/** Every cell, then the scores, as rows of a CSV. */
export function accuracyMatrixCsv(s: ResultsState): (string | number)[][] {
  const methods = s.config?.methods ?? [];
  const all = matrices(s);
  return [
    ['method', 'after_task', 'visit', 'step', 'on_task', 'accuracy'],
    ...methods.flatMap((method, m) =>
      all[m].rows.flatMap((r) => r.accuracy.map((v, j) => [method, r.task + 1, r.visit, r.step, j + 1, v])),
    ),
    [],
    ['method', 'average_accuracy', 'bwt', 'fwt'],
    ...methods.map((method, m) => [method, all[m].average, all[m].bwt, all[m].fwt]),
  ];
}
