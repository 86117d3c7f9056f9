/**
 * Importance distributions: histograms of log₁₀ SI's Ω and EWC's F, one per layer, at the chosen
 * boundary. The lecture's point: they are long-tailed, roughly log-normal, so few parameters are
 * strongly protected. Zeros cannot go on a log axis; each histogram says how many it left out.
 */
import * as d3 from 'd3';
import { METHOD_LABELS, type MethodId } from '../engine/methodIds';
import type { ResultsState } from '../store/results';
import { METHOD_COLORS } from '../ui/methodColors';
import { type LogHistogram, layersAt, logHistogram, RELEASED_MESSAGE } from './importanceData';
import { chosenBoundary } from './importanceOptions';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { emptyState, layer, sizeSvg } from './svgFrame';

export const BINS = 30;
const PAD = { top: 30, right: 14, bottom: 30, left: 14 };

interface Cell {
  key: string;
  title: string;
  color: string;
  hist: LogHistogram;
}

/** SI's Ω from the SI learner, F from the EWC learner (or the first method when one is missing). */
function sourceOf(methods: readonly MethodId[], preferred: MethodId): MethodId | undefined {
  return methods.includes(preferred) ? preferred : methods[0];
}

export function histogramCells(s: ResultsState, boundary: number): Cell[] {
  const sw = chosenBoundary(s.switches, boundary);
  const methods = s.config?.methods ?? [];
  const rows = [
    { what: 'Omega' as const, symbol: 'Ω', method: sourceOf(methods, 'si') },
    { what: 'fisher' as const, symbol: 'F', method: sourceOf(methods, 'ewc') },
  ];
  return rows.flatMap(({ what, symbol, method }) =>
    method
      ? layersAt(sw, method, null).map((l) => ({
          key: `${what}-${l.layer}`,
          title: `${symbol} (${METHOD_LABELS[method]}), ${l.layer}`,
          color: METHOD_COLORS[method],
          hist: logHistogram(l[what], BINS),
        }))
      : [],
  );
}

export function drawImportanceHistograms(el: SVGSVGElement, s: ResultsState, boundary: number): void {
  if (
    unchangedSinceLastDraw(el, [chosenBoundary(s.switches, boundary), s.config, boundary, ...frameInputs(el)])
  ) {
    return;
  }
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const cells = histogramCells(s, boundary);
  if (
    emptyState(
      svg,
      width,
      height,
      cells.length > 0
        ? null
        : chosenBoundary(s.switches, boundary)?.released
          ? RELEASED_MESSAGE
          : 'Switch to task 2 (key 2): importances are measured at each task boundary.',
    )
  )
    return;
  const cols = cells.length / 2;
  const cw = width / cols;
  const ch = height / 2;
  const w = cw - PAD.left - PAD.right;
  const h = ch - PAD.top - PAD.bottom;
  const groups = layer(svg, 'cells')
    .selectAll<SVGGElement, Cell>('g.hist')
    .data(cells, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'hist');
      g.append('text').attr('class', 'axis-label hist-title');
      g.append('g').attr('class', 'x-axis axis');
      g.append('g').attr('class', 'bars');
      return g;
    })
    .attr(
      'transform',
      (_, k) => `translate(${(k % cols) * cw + PAD.left},${Math.floor(k / cols) * ch + PAD.top})`,
    );
  groups.each(function (d) {
    const g = d3.select(this);
    const { edges, counts, nonPositive } = d.hist;
    const x = d3
      .scaleLinear()
      .domain([edges[0], edges[edges.length - 1]])
      .range([0, w]);
    const y = d3
      .scaleLinear()
      .domain([0, d3.max(counts) ?? 1])
      .range([h, 0]);
    g.select('.hist-title')
      .attr('y', -10)
      .text(`${d.title}${nonPositive ? ` · ${nonPositive} zeros left out` : ''}`);
    g.select<SVGGElement>('.x-axis')
      .attr('transform', `translate(0,${h})`)
      .call(
        d3
          .axisBottom(x)
          .ticks(Math.max(2, Math.floor(w / 60)))
          .tickFormat((v) => `1e${v}`),
      );
    g.select('.bars')
      .selectAll('rect')
      .data(counts)
      .join('rect')
      .attr('class', 'bar')
      .attr('x', (_, k) => x(edges[k]) + 0.5)
      .attr('width', (_, k) => Math.max(0, x(edges[k + 1]) - x(edges[k]) - 1))
      .attr('y', (c) => y(c))
      .attr('height', (c) => h - y(c))
      .attr('fill', d.color);
  });
}

export function importanceHistogramsCsv(s: ResultsState, boundary: number): (string | number)[][] {
  return [
    ['histogram', 'log10_lo', 'log10_hi', 'count'],
    ...histogramCells(s, boundary).flatMap((c) =>
      c.hist.counts.map((n, k) => [c.title, c.hist.edges[k], c.hist.edges[k + 1], n]),
    ),
  ];
}
