/**
 * Importance distributions: histograms of log₁₀ SI's Ω (top row) and EWC's F (bottom row), one per
 * layer, at the chosen boundary, over the eight decades under each row's largest value (the layers
 * of a row share that axis). The lecture's point: they are long-tailed, roughly log-normal, so few
 * parameters are strongly protected. Zeros and values further down cannot go on the axis; each
 * histogram says how many it left out. The binning runs in the figures' worker.
 */
import * as d3 from 'd3';
import { measureOf } from '../engine/boundary';
import { METHOD_LABELS, type MethodId } from '../engine/methodIds';
import { METHOD_COLORS } from '../engine/methods/registry';
import type { ResultsState } from '../store/results';
import { clearCorner, decadeTicks, drawAxis, fitTicks, pow10 } from './axes';
import { type CsvExport, csvExport } from './export';
import { layersAt, RELEASED_MESSAGE } from './importanceData';
import { chosenBoundary } from './importanceOptions';
import { DECADES, type HistogramView } from './importanceTransforms';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { axisTitle, emptyState, fitTitle, layer, sizeSvg } from './svgFrame';
import { fontSizes, textWidth } from './textMetrics';
import { transformed } from './transformClient';

export const BINS = 30;

interface Row {
  what: 'Omega' | 'fisher';
  symbol: string;
  /** The axis title of the row. */
  title: string;
  method: MethodId;
  layers: { name: string; values: Float32Array }[];
}

/** SI's Ω from the SI learner, F from the EWC learner (or the first method when one is missing). */
function sourceOf(methods: readonly MethodId[], preferred: MethodId): MethodId | undefined {
  return methods.includes(preferred) ? preferred : methods[0];
}

function histogramRows(s: ResultsState, boundary: number): Row[] {
  const sw = chosenBoundary(s.switches, boundary);
  const methods = s.config?.methods ?? [];
  const specs = [
    { what: 'Omega' as const, symbol: 'Ω', title: 'Ω: SI’s importance', method: sourceOf(methods, 'si') },
    { what: 'fisher' as const, symbol: 'F', title: 'F: diagonal Fisher', method: sourceOf(methods, 'ewc') },
  ];
  return specs.flatMap(({ method, ...spec }) => {
    const layers = method
      ? layersAt(sw, method, null).flatMap((l) => {
          const values = measureOf(l, spec.what);
          return values ? [{ name: l.layer, values }] : [];
        })
      : [];
    return method && layers.length ? [{ ...spec, method, layers }] : [];
  });
}

/** The rows' histograms, once the figures' worker has binned them (null until then). */
function histograms(
  s: ResultsState,
  boundary: number,
  rows: Row[],
  redraw: () => void,
): HistogramView[][] | null {
  const sw = chosenBoundary(s.switches, boundary);
  if (!sw || rows.length === 0) return null;
  const reply = transformed(
    sw,
    `hist|${rows.map((r) => r.method).join(',')}`,
    () => ({
      kind: 'histograms',
      bins: BINS,
      decades: DECADES,
      groups: rows.map((r) => r.layers.map((l) => l.values)),
    }),
    redraw,
  );
  return reply?.kind === 'histograms' ? reply.views : null;
}

const count = (n: number) => n.toLocaleString('en-US');

export function drawImportanceHistograms(
  el: SVGSVGElement,
  s: ResultsState,
  boundary: number,
  redraw: () => void,
): void {
  const rows = histogramRows(s, boundary);
  const views = histograms(s, boundary, rows, redraw);
  if (
    unchangedSinceLastDraw(el, [
      chosenBoundary(s.switches, boundary),
      s.config,
      boundary,
      views,
      ...frameInputs(el),
    ])
  )
    return;
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const message =
    rows.length > 0
      ? views
        ? null
        : 'Binning…'
      : chosenBoundary(s.switches, boundary)?.released
        ? RELEASED_MESSAGE
        : 'Switch to task 2 (key 2) to measure importances.';
  el.setAttribute('aria-busy', String(message === 'Binning…'));
  if (emptyState(svg, width, height, message) || !views) return;

  const { small } = fontSizes(el);
  const cols = Math.max(...rows.map((r) => r.layers.length));
  const left = small * 1.6 + textWidth('100,000', small) + 6;
  // Room for half a decade label at each cell's ends, so neighbours' labels never meet.
  const gapX = textWidth(pow10(-8), small) + small * 0.8;
  const titleH = small * 1.5;
  const axisH = small * 1.5;
  const xTitleH = small * 1.5;
  const gapY = small * 0.6;
  const rowH = (height - gapY * (rows.length - 1)) / rows.length;
  const h = Math.max(10, rowH - titleH - axisH - xTitleH);
  const w = Math.max(10, (width - left - gapX * (cols - 1) - gapX / 2) / cols);
  const cells = rows.flatMap((row, r) =>
    row.layers.map((l, c) => ({ key: `${row.what}-${l.name}`, row, r, c, name: l.name, hist: views[r][c] })),
  );
  const rowGroups = layer(svg, 'row-titles')
    .selectAll<SVGGElement, Row>('g.row-title')
    .data(rows, (d) => d.what)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'row-title');
      return g;
    })
    .attr('transform', (_, r) => `translate(0,${r * (rowH + gapY)})`);
  rowGroups.each(function (row) {
    const g = d3.select<SVGGElement, Row>(this);
    axisTitle(g, 'y-title', fitTitle(['parameters', 'count'], h, small), small * 0.9, titleH + h / 2, true);
    axisTitle(
      g,
      'x-title',
      fitTitle(
        [`${row.title} (${METHOD_LABELS[row.method]} weights)`, row.title, row.symbol],
        width - left,
        small,
      ),
      left + (width - left) / 2,
      titleH + h + axisH + small * 1.2,
    );
  });

  const groups = layer(svg, 'cells')
    .selectAll<SVGGElement, (typeof cells)[number]>('g.hist')
    .data(cells, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'hist');
      g.append('text').attr('class', 'axis-label hist-title');
      g.append('g').attr('class', 'x-axis axis');
      g.append('g').attr('class', 'y-axis axis');
      g.append('g').attr('class', 'bars');
      return g;
    })
    .attr('transform', (d) => `translate(${left + d.c * (w + gapX)},${d.r * (rowH + gapY) + titleH})`);
  groups.each(function (d) {
    const g = d3.select(this);
    const { edges, counts, zeros, below } = d.hist;
    const x = d3
      .scaleLinear()
      .domain([edges[0], edges[edges.length - 1]])
      .range([0, w]);
    const y = d3
      .scaleLinear()
      .domain([0, Math.max(1, d3.max(counts) ?? 1)])
      .nice()
      .range([h, 0]);
    const out = zeros + below;
    g.select('.hist-title')
      .attr('y', -small * 0.5)
      .text(
        fitTitle(
          [
            `${d.row.symbol}, ${d.name}${out ? ` · ${count(out)} left out (${count(zeros)} zero)` : ''}`,
            `${d.row.symbol}, ${d.name}${out ? ` · ${count(out)} left out` : ''}`,
            `${d.name}${out ? ` · ${count(out)} out` : ''}`,
            d.name,
          ],
          w,
          small,
        ),
      );
    const xAxis = g.select<SVGGElement>('.x-axis').attr('transform', `translate(0,${h})`);
    drawAxis(xAxis, 'bottom', x, decadeTicks(edges[0], edges[edges.length - 1]), pow10);
    const format = d3.format(',');
    drawAxis(
      g.select<SVGGElement>('.y-axis'),
      'left',
      y,
      clearCorner(fitTicks(y, h, small, format, true), y, small),
      (v) => (d.c === 0 ? format(v) : ''),
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
      .attr('fill', METHOD_COLORS[d.row.method]);
  });
}

/** One table: every bin of every histogram, with what each left out. */
export function importanceHistogramsCsv(s: ResultsState, boundary: number): CsvExport[] {
  const rows = histogramRows(s, boundary);
  return [
    csvExport('every bin of every histogram', '', () => {
      const views = histograms(s, boundary, rows, () => undefined) ?? [];
      return [
        [
          'quantity',
          'method',
          'layer',
          'log10_lo',
          'log10_hi',
          'count',
          'zeros_left_out',
          'below_range_left_out',
        ],
        ...rows.flatMap((row, r) =>
          row.layers.flatMap((l, c) => {
            const v = views[r]?.[c];
            return v
              ? v.counts.map((n, k) => [
                  row.symbol,
                  row.method,
                  l.name,
                  v.edges[k],
                  v.edges[k + 1],
                  n,
                  v.zeros,
                  v.below,
                ])
              : [];
          }),
        ),
      ];
    }),
  ];
}
