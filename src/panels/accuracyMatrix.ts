/**
 * The accuracy matrix R per method: row = after training task i (every boundary, revisits
 * included, and last the task being trained, marked as in progress), column = test accuracy on
 * task j, printed in each cell when the cell is large enough, with average accuracy, BWT and FWT of
 * the latest row under it. One heatmap per method, in as many columns and rows as make the cells
 * largest. With seed lanes each cell is the mean over the method's seeds, its min–max in the cell's
 * tooltip (and under the mean when the cell is tall enough), and the scores are each seed's, spread.
 */
import * as d3 from 'd3';
import { METHOD_COLORS } from '../engine/methods/registry';
import { laneSeeds } from '../engine/runConfig';
import type { ResultsState } from '../store/results';
import { type CsvExport, csvExport } from './export';
import {
  type GroupMatrix,
  groupMatrix,
  latestEvaluation,
  type MatrixRow,
  type MethodMatrix,
  methodMatrix,
  standardMatrix,
} from './matrixData';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { type LaneGroup, laneGroups, rangeText, type Spread, seedCount } from './seedSpreadData';
import { chooseGrid } from './smallMultiples';
import { emptyState, layer, sizeSvg } from './svgFrame';
import { fontSizes, textWidth, wrapText } from './textMetrics';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');
const signedPp = (v: number) =>
  Number.isFinite(v) ? `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)} pp` : '—';

/** Every lane's matrix, by lane. */
export function matrices(s: ResultsState): MethodMatrix[] {
  const T = s.taskNames.length;
  const latest = latestEvaluation(s.evaluations, s.switches);
  // Each lane's FWT against its own seed's untrained network (seeds differ on permuted MNIST).
  return (s.config?.methods ?? []).map((_, m) =>
    methodMatrix(s.switches, m, T, s.laneInitialAccuracy[m] ?? s.initialAccuracy, latest),
  );
}

/** One matrix per method (per group of seed lanes), with its group. */
function groupMatrices(s: ResultsState): { group: LaneGroup; matrix: GroupMatrix }[] {
  const byLane = matrices(s);
  return s.config ? laneGroups(s.config).map((group) => ({ group, matrix: groupMatrix(byLane, group) })) : [];
}

/** A score with, when `ranged`, its min–max over the seeds: "avg 88.9 % (88.0–89.7)". */
const withRange = (s: Spread, text: (v: number) => string, ranged: boolean, signed = false) =>
  ranged && Number.isFinite(s.mean) ? `${text(s.mean)} (${rangeText(s, signed)})` : text(s.mean);

const rowLabel = (r: MatrixRow, short: boolean) =>
  `${short ? '' : 'T'}${r.task + 1}${r.visit > 1 ? ` (${r.visit}×)` : ''}${r.kind === 'now' ? '…' : ''}`;

export function drawAccuracyMatrix(el: SVGSVGElement, s: ResultsState): void {
  const latest = latestEvaluation(s.evaluations, s.switches);
  if (unchangedSinceLastDraw(el, [s.switches, latest, s.config, ...frameInputs(el)])) return;
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const all = groupMatrices(s);
  const seeds = seedCount(all.map((a) => a.group));
  const banded = seeds > 1;
  const rows = all[0]?.matrix.rows ?? [];
  if (emptyState(svg, width, height, rows.length === 0 ? 'Train a task to fill the first row of R.' : null))
    return;
  const { small } = fontSizes(el);
  const T = s.taskNames.length;
  const R = rows.length;
  const inProgress = rows.at(-1)?.kind === 'now' ? rows.at(-1) : undefined;

  // The note under the blocks says what rows and columns are (the axis titles of every block).
  const note = [
    'rows: after training task i (full test set)',
    inProgress ? `T${inProgress.task + 1}…: task ${inProgress.task + 1} in progress (live subset)` : null,
    'columns: accuracy (%) on task j',
    banded ? `cells: mean over ${seeds} seeds, min–max below it or on hover` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const noteLines = wrapText(note, width - small, small);
  const noteH = noteLines.length * small * 1.3 + small * 0.4;

  // Each block: method name, column labels, the cells, the scores (two lines, or three when narrow).
  const short = textWidth(`T${T}`, small) > 28;
  const labelW = Math.max(...rows.map((r) => textWidth(rowLabel(r, short), small))) + small * 0.5;
  const titleH = small * 1.5;
  const colH = small * 1.3;
  const gap = small * 1.4;
  // Over several seeds a score on a line of its own, with its range when the block is wide enough.
  const scoreLines = (blockW: number) =>
    banded || textWidth('BWT −100.0 pp · FWT −100.0 pp', small) > blockW ? 3 : 2;
  const scoreRanges = (blockW: number) =>
    banded && textWidth('BWT −100.0 pp (−100.0 to −100.0)', small) <= blockW;
  const cellOf = (w: number, h: number) => Math.min((w - labelW) / T, h / R);
  let grid = chooseGrid(all.length, width, height - noteH, gap, gap, titleH + colH + 3 * small * 1.3, cellOf);
  const scoresH = scoreLines(grid.cellWidth) * small * 1.3 + small * 0.3;
  grid = chooseGrid(all.length, width, height - noteH, gap, gap, titleH + colH + scoresH, cellOf);
  // Cells as wide as the block allows, as tall as the area allows (up to twice their width).
  const cell = Math.max(4, (grid.cellWidth - labelW) / T);
  const cellH = Math.max(4, Math.min(grid.cellHeight / R, 2 * cell));
  // Values in the cells at the largest size that fits (at most the small font, at least 2 px less).
  const valuePx = [small, small - 1, small - 2].find(
    (px) => textWidth('100', px) <= cell - 4 && px * 1.1 <= cellH - 2,
  );
  // The min–max under the mean ("88–90"), as large as the mean, when the cell has room for it.
  const ranged =
    banded &&
    valuePx !== undefined &&
    textWidth('100–100', valuePx) <= cell - 4 &&
    valuePx * 2.3 <= cellH - 2;
  const blockH = titleH + colH + R * cellH + scoresH;
  const color = d3.scaleSequential(d3.interpolateBlues).domain([0, 1.15]);

  const blocks = svg
    .selectAll<SVGGElement, { group: LaneGroup; matrix: GroupMatrix }>('g.matrix')
    .data(all, (d) => d.group.label)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'matrix');
      g.append('text').attr('class', 'matrix-title axis-label');
      g.append('g').attr('class', 'col-labels axis');
      g.append('g').attr('class', 'row-labels axis');
      g.append('g').attr('class', 'cells');
      g.append('g').attr('class', 'scores');
      return g;
    })
    .attr('data-method', (d) => d.group.method)
    .attr(
      'transform',
      (_, m) =>
        `translate(${(m % grid.cols) * (grid.cellWidth + gap)},${Math.floor(m / grid.cols) * (blockH + gap)})`,
    );

  blocks
    .select('.matrix-title')
    .attr('x', labelW)
    .attr('y', small * 1.15)
    .style('fill', (d) => METHOD_COLORS[d.group.method])
    .attr('font-weight', 700)
    .text((d) => d.group.label);
  blocks
    .select('.col-labels')
    .selectAll('text')
    .data(d3.range(T))
    .join('text')
    .attr('x', (j) => labelW + (j + 0.5) * cell)
    .attr('y', titleH + colH - small * 0.35)
    .attr('text-anchor', 'middle')
    // Every column labelled when the labels fit, else every other one.
    .text((j) =>
      textWidth(short ? `${T}` : `T${T}`, small) + 4 <= cell || j % 2 === 0
        ? `${short ? '' : 'T'}${j + 1}`
        : '',
    );
  blocks
    .select('.row-labels')
    .selectAll('text')
    .data((d) => d.matrix.rows)
    .join('text')
    .attr('x', labelW - small * 0.4)
    .attr('y', (_, i) => titleH + colH + (i + 0.5) * cellH)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((r) => rowLabel(r, short));

  const cells = blocks
    .select('.cells')
    .selectAll<SVGGElement, { i: number; j: number; v: number; spread: Spread; now: boolean }>('g.cell')
    .data((d) =>
      d.matrix.rows.flatMap((r, i) =>
        r.accuracy.map((v, j) => ({ i, j, v, spread: r.spread[j], now: r.kind === 'now' })),
      ),
    )
    .join((enter) => {
      const g = enter.append('g').attr('class', 'cell');
      g.append('title');
      g.append('rect');
      g.append('text').attr('class', 'cell-value').attr('text-anchor', 'middle').attr('dy', '0.35em');
      g.append('text').attr('class', 'cell-range').attr('text-anchor', 'middle');
      return g;
    })
    .attr('transform', (d) => `translate(${labelW + d.j * cell},${titleH + colH + d.i * cellH})`)
    .attr('data-now', (d) => (d.now ? '' : null));
  cells
    .select('rect')
    .attr('width', Math.max(1, cell - 1))
    .attr('height', Math.max(1, cellH - 1))
    .attr('fill', (d) => (Number.isFinite(d.v) ? color(d.v) : 'none'))
    // The diagonal (the task just trained) is outlined: BWT compares the last row with it. The row
    // in progress is dashed.
    .attr('stroke', (d) => (rows[d.i].task === d.j || d.now ? 'currentColor' : 'none'))
    .attr('stroke-dasharray', (d) => (d.now ? '3 2' : null));
  cells
    .select('title')
    .text((d) =>
      Number.isFinite(d.v)
        ? `${(d.v * 100).toFixed(1)} %${banded ? `, mean over ${seeds} seeds (min–max ${rangeText(d.spread)})` : ''}`
        : '',
    );
  // With the range under it, the mean moves up by half a line.
  const lineShift = ranged ? (valuePx ?? 0) * 0.6 : 0;
  cells
    .select('.cell-value')
    .attr('x', cell / 2)
    .attr('y', cellH / 2 - lineShift)
    .style('font-size', () => (valuePx ? `${valuePx}px` : null))
    .attr('fill', (d) => (d.v > 0.6 ? '#fff' : '#000'))
    .text((d) => (valuePx && Number.isFinite(d.v) ? (d.v * 100).toFixed(0) : ''));
  cells
    .select('.cell-range')
    .attr('x', cell / 2)
    .attr('y', cellH / 2 + lineShift)
    .attr('dy', '0.35em')
    .style('font-size', () => (ranged ? `${valuePx}px` : null))
    .attr('fill', (d) => (d.v > 0.6 ? '#fff' : '#000'))
    .attr('data-lo', (d) => d.spread.lo)
    .attr('data-hi', (d) => d.spread.hi)
    .text((d) =>
      ranged && Number.isFinite(d.v)
        ? `${(d.spread.lo * 100).toFixed(0)}–${(d.spread.hi * 100).toFixed(0)}`
        : '',
    );

  const scoresY = titleH + colH + R * cellH + small * 1.2;
  blocks
    .select('.scores')
    .attr('transform', `translate(0,${scoresY})`)
    .selectAll('text')
    .data((d) => {
      const { average, bwt, fwt } = d.matrix;
      const ranged = scoreRanges(grid.cellWidth);
      const lines = [
        `avg ${withRange(average, pct, ranged)}`,
        `BWT ${withRange(bwt, signedPp, ranged, true)}`,
        `FWT ${withRange(fwt, signedPp, ranged, true)}`,
      ];
      return scoreLines(grid.cellWidth) === 2 ? [lines[0], `${lines[1]} · ${lines[2]}`] : lines;
    })
    .join('text')
    .attr('class', 'axis-label')
    .attr('y', (_, k) => k * small * 1.3)
    .text((d) => d);

  const top = Math.ceil(all.length / grid.cols) * (blockH + gap) - gap + small * 1.3;
  layer(svg, 'note')
    .selectAll('text')
    .data(noteLines)
    .join('text')
    .attr('class', 'axis-label matrix-note')
    .attr('x', 0)
    .attr('y', (_, k) => top + k * small * 1.3)
    .text((d) => d);
}

/**
 * Two tables: every cell in long format (one row per lane, row of R and task), and the scores; each
 * seed's lane its own rows, with its seed.
 */
export function accuracyMatrixCsv(s: ResultsState): CsvExport[] {
  const methods = s.config?.methods ?? [];
  const seeds = laneSeeds(s.config);
  return [
    csvExport('every cell of R, long format', 'cells', () => {
      const all = matrices(s);
      return [
        ['method', 'seed', 'after_task', 'visit', 'step', 'row', 'task', 'accuracy'],
        ...methods.flatMap((method, m) =>
          all[m].rows.flatMap((r) =>
            r.accuracy.map((v, j) => [
              method,
              seeds[m],
              r.task + 1,
              r.visit,
              r.step,
              r.kind === 'now' ? 'in progress (live subset)' : 'full test set',
              j + 1,
              v,
            ]),
          ),
        ),
      ];
    }),
    csvExport('average accuracy, BWT and FWT', 'scores', () => {
      const all = matrices(s);
      return [
        ['method', 'seed', 'tasks_scored', 'average_accuracy', 'bwt', 'fwt'],
        ...methods.map((method, m) => {
          const mm = all[m];
          return [method, seeds[m], standardMatrix(mm.rows).length, mm.average, mm.bwt, mm.fwt];
        }),
      ];
    }),
  ];
}
