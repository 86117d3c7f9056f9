/**
 * Where the answers go: per method, a confusion matrix (rows: the true digit, columns: the answer,
 * each cell the share of its row) on the full test sets of the tasks trained so far, at the latest
 * task switch or a schedule's end. Class-incremental: every seen digit in one 10×10 matrix, with
 * the share of the first pair's digits answered as the latest pair (the collapse onto the last
 * task); otherwise one chosen task's matrix and its share right.
 */
import * as d3 from 'd3';
import { METHOD_COLORS, METHOD_LABELS } from '../engine/methods/registry';
import { useResults } from '../store/results';
import type { SynapseState } from '../store/synapses';
import { type ConfusionMatrix, confusionMatrices, shareAnsweredAs, shareRight } from './confusionData';
import { type CsvExport, csvExport } from './export';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { chooseGrid } from './smallMultiples';
import { emptyState, layer, sizeSvg } from './svgFrame';
import { fontSizes, textWidth, wrapText } from './textMetrics';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(0)} %` : '—');

interface Shown {
  matrices: ConfusionMatrix[];
  /** One line under each matrix, and the number it states. */
  summary: { text: string; value: number }[];
  note: string;
}

/** The latest confusion counts as the figure shows them (null before the first switch). */
function shown(s: SynapseState, task: number): Shown | null {
  const c = s.confusion.at(-1);
  const { config, taskNames } = useResults.getState();
  if (!c || !config || !s.setup) return null;
  const classIncremental = config.protocol === 'split-mnist' && config.scenario === 'class';
  const t = Math.min(Math.max(0, task), c.evaluated.length - 1);
  const matrices = confusionMatrices(c, config.methods, classIncremental, t, s.setup.classOffset[t] ?? 0);
  const last = [2 * c.task, 2 * c.task + 1];
  const summary = matrices.map((m) => {
    if (classIncremental && c.task > 0) {
      const value = shareAnsweredAs(m, [0, 1], last);
      return { text: `0/1 → ${last.join('/')}: ${pct(value)}`, value };
    }
    const value = shareRight(m);
    return { text: `right: ${pct(value)}`, value };
  });
  const which = classIncremental ? 'every digit trained so far' : `T${t + 1} (${taskNames[t] ?? ''})`;
  const note = `rows: true digit · columns: the answer · cells: % of the row · ${which}, full test set, step ${c.step}`;
  return { matrices, summary, note };
}

export function drawConfusion(el: SVGSVGElement, s: SynapseState, task: number): void {
  const config = useResults.getState().config;
  if (unchangedSinceLastDraw(el, [s.confusion, s.setup, config, task, ...frameInputs(el)])) return;
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const data = shown(s, task);
  if (
    emptyState(svg, width, height, data ? null : 'Switch tasks: each switch counts where every answer went.')
  )
    return;
  const { matrices, summary, note } = data!;
  const { small } = fontSizes(el);
  const lineH = small * 1.3;
  const noteLines = wrapText(note, width - small, small);
  const noteH = noteLines.length * lineH + small * 0.4;
  const C = matrices[0]?.labels.length ?? 0;
  const labelW = textWidth('10', small) + small * 0.6;
  const titleH = lineH * 2.2;
  const colH = lineH;
  const gap = small * 1.4;
  const cellOf = (w: number, h: number) => Math.min((w - labelW) / C, h / C);
  const grid = chooseGrid(matrices.length, width, height - noteH, gap, gap, titleH + colH, cellOf);
  // Cells as tall as the area allows, as wide as the block allows: neither over twice the other.
  const fitW = Math.max(4, (grid.cellWidth - labelW) / C);
  const fitH = Math.max(4, grid.cellHeight / C);
  const cell = Math.min(fitW, 2 * fitH);
  const cellH = Math.min(fitH, 2 * cell);
  const valuePx = [small, small - 1, small - 2].find(
    (px) => textWidth('100', px) <= cell - 4 && px * 1.1 <= cellH - 2,
  );
  const blockH = titleH + colH + C * cellH;
  const color = d3.scaleSequential(d3.interpolateBlues).domain([0, 1.15]);
  // Every label when they fit the cells, else every other (or every fifth) one.
  const every = (room: number) => [1, 2, 5].find((k) => k * cell >= room) ?? 10;
  const colEvery = every(textWidth('10', small) + 3);
  const rowEvery = [1, 2, 5].find((k) => k * cellH >= small * 1.1) ?? 10;

  const blocks = svg
    .selectAll<SVGGElement, ConfusionMatrix>('g.confusion')
    .data(matrices, (d) => d.method)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'confusion');
      g.append('text').attr('class', 'confusion-title axis-label').attr('font-weight', 700);
      g.append('text').attr('class', 'confusion-summary axis-label');
      g.append('g').attr('class', 'col-labels axis');
      g.append('g').attr('class', 'row-labels axis');
      g.append('g').attr('class', 'cells');
      return g;
    })
    .attr('data-method', (d) => d.method)
    .attr('data-summary', (_, m) => summary[m].value.toFixed(4))
    .attr(
      'transform',
      (_, m) =>
        `translate(${(m % grid.cols) * (grid.cellWidth + gap)},${Math.floor(m / grid.cols) * (blockH + gap)})`,
    );
  blocks
    .select('.confusion-title')
    .attr('x', labelW)
    .attr('y', small * 1.1)
    .style('fill', (d) => METHOD_COLORS[d.method])
    .text((d) => METHOD_LABELS[d.method]);
  blocks
    .select('.confusion-summary')
    .attr('x', labelW)
    .attr('y', small * 1.1 + lineH)
    .text((_, m) => summary[m].text);
  blocks
    .select('.col-labels')
    .selectAll('text')
    .data((d) => d.labels)
    .join('text')
    .attr('x', (_, j) => labelW + (j + 0.5) * cell)
    .attr('y', titleH + colH - small * 0.35)
    .attr('text-anchor', 'middle')
    .text((d, j) => (j % colEvery === 0 ? d : ''));
  blocks
    .select('.row-labels')
    .selectAll('text')
    .data((d) => d.labels)
    .join('text')
    .attr('x', labelW - small * 0.4)
    .attr('y', (_, i) => titleH + colH + (i + 0.5) * cellH)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((d, i) => (i % rowEvery === 0 ? d : ''));
  const cells = blocks
    .select('.cells')
    .selectAll<SVGGElement, { i: number; j: number; v: number }>('g.cell')
    .data((d) => d.shares.flatMap((row, i) => row.map((v, j) => ({ i, j, v }))))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'cell');
      g.append('rect');
      g.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').attr('class', 'cell-value');
      return g;
    })
    .attr('transform', (d) => `translate(${labelW + d.j * cell},${titleH + colH + d.i * cellH})`);
  cells
    .select('rect')
    .attr('width', Math.max(1, cell - 1))
    .attr('height', Math.max(1, cellH - 1))
    .attr('fill', (d) => (Number.isFinite(d.v) ? color(d.v) : 'none'))
    .attr('stroke', (d) => (d.i === d.j ? 'currentColor' : 'none'));
  cells
    .select('text')
    .attr('x', cell / 2)
    .attr('y', cellH / 2)
    .style('font-size', () => (valuePx ? `${valuePx}px` : null))
    .attr('fill', (d) => (d.v > 0.6 ? '#fff' : '#000'))
    .text((d) => (valuePx && Number.isFinite(d.v) && d.v >= 0.005 ? (d.v * 100).toFixed(0) : ''));

  const top = Math.ceil(matrices.length / grid.cols) * (blockH + gap) - gap + small * 1.3;
  layer(svg, 'note')
    .selectAll('text')
    .data(noteLines)
    .join('text')
    .attr('class', 'axis-label confusion-note')
    .attr('x', 0)
    .attr('y', (_, k) => top + k * lineH)
    .text((d) => d);
}

/** Every cell of every method's matrix, long format. */
export function confusionCsv(s: SynapseState, task: number): CsvExport[] {
  return [
    csvExport('every cell of every matrix, long format', 'cells', () => [
      ['method', 'true_digit', 'answer', 'count', 'share_of_row'],
      ...(shown(s, task)?.matrices ?? []).flatMap((m) =>
        m.labels.flatMap((digit, i) =>
          m.labels.map((answer, j) => [m.method, digit, answer, m.counts[i][j], m.shares[i][j]]),
        ),
      ),
    ]),
  ];
}
