/**
 * Importance maps: for each method that protects weights, a 28×28 image of its importance over the
 * input pixels (each pixel's first-layer weights summed) after every task boundary, so the room
 * sees importance accumulate, and SI's ω of the task under way, live. Colours: viridis, each map
 * relative to its own largest value (printed under it), linear or over three decades (log): the
 * importances of tasks differ by orders of magnitude, and one scale would leave some maps black.
 */
import * as d3 from 'd3';
import { METHOD_COLORS } from '../engine/methods/registry';
import { useResults } from '../store/results';
import type { SynapseState } from '../store/synapses';
import { type CsvExport, csvExport } from './export';
import { mapImage, objectKey, rampColor } from './mapImages';
import { formatMax, type MapRow, mapRows, mapShade } from './pixelMapsData';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { emptyState, layer, sizeSvg } from './svgFrame';
import { fontSizes, textWidth } from './textMetrics';

export interface MapOptions {
  log: boolean;
  unscramble: boolean;
}

/** Maps smaller than this (px) are not drawn: the oldest boundaries make room instead. */
const MIN_MAP = 44;
const MAX_MAP = 320;

function rowsOf(s: SynapseState, options: MapOptions): MapRow[] {
  const methods = useResults.getState().config?.methods ?? [];
  return mapRows(methods, s.maps, s.gallery, s.setup, options.unscramble);
}

export function drawPixelMaps(el: SVGSVGElement, s: SynapseState, options: MapOptions): void {
  const config = useResults.getState().config;
  if (
    unchangedSinceLastDraw(el, [
      s.maps,
      s.gallery,
      s.setup,
      config,
      options.log,
      options.unscramble,
      ...frameInputs(el),
    ])
  )
    return;
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const rows = rowsOf(s, options);
  const message =
    rows.length === 0
      ? 'No method in this run protects weights: add L2, EWC, SI or MAS to see what each one protects.'
      : rows.every((r) => r.maps.length === 0)
        ? 'Train, then switch tasks: each boundary adds a map of what each method protects (SI’s ω shows live).'
        : null;
  if (emptyState(svg, width, height, message)) return;
  const { small } = fontSizes(el);
  const side = s.setup?.width ?? 28;
  const lineH = small * 1.3;
  const gap = Math.round(small * 0.6);

  // Columns: the boundaries (the latest that fit), then the live map.
  const titles = [...new Set(rows.flatMap((r) => r.maps.filter((m) => !m.live).map((m) => m.title)))];
  const live = rows.some((r) => r.maps.some((m) => m.live));
  // The label column; when earlier boundaries made room, it also says how many over the rows ("+6 earlier").
  // With one row and nothing left out, the header names the row and the maps take the whole width.
  const labelWidth = (earlier: boolean) =>
    rows.length === 1 && !earlier
      ? 0
      : Math.max(
          ...rows.map((r) => textWidth(r.label, small, true)),
          earlier ? textWidth('+10 earlier', small) : 0,
        ) + small;
  let labelW = labelWidth(false);
  // The header: a note on what a pixel's colour means, and the colour scale, on one line when both fit.
  const permuted = s.setup?.permutations.some(Boolean) ?? false;
  const order = permuted
    ? options.unscramble
      ? ' · each task unscrambled'
      : ' · in the network’s (scrambled) input order'
    : '';
  const legendW = Math.min(220, width * 0.3);
  const lo = options.log ? '10⁻³ × max' : '0';
  const hi = 'the map’s max';
  const legendX = width - legendW - textWidth(hi, small) - small * 0.5;
  const fitsOneLine =
    legendX - textWidth(lo, small) - small >=
    textWidth(
      `Each pixel: its first-layer weights’ importance, summed · latest 10 of 10 boundaries${order}`,
      small,
    );
  // The header's height on one line, or on two with a clear gap above the column titles.
  const headerOne = lineH * 1.4;
  const headerTwo = lineH * 2.8;
  // Rows side by side in `k` blocks when the height, not the width, limits the maps.
  const blockGap = small * 2;
  const byWidth = (cols: number, k: number) =>
    ((width - blockGap * (k - 1)) / k - labelW - gap * cols) / cols;
  const byHeight = (k: number, header: number) => {
    const perBlock = Math.ceil(rows.length / k);
    return (height - header - lineH - gap * (perBlock - 1)) / perBlock - lineH;
  };
  const sizeFor = (cols: number, k: number) =>
    Math.min(MAX_MAP, byWidth(cols, k), byHeight(k, fitsOneLine ? headerOne : headerTwo));
  const best = (cols: number) =>
    d3.range(1, rows.length + 1).reduce((a, k) => (sizeFor(cols, k) > sizeFor(cols, a) + 0.5 ? k : a), 1);
  let shown = titles.length;
  while (shown > 1 && sizeFor(shown + (live ? 1 : 0), best(shown + (live ? 1 : 0))) < MIN_MAP) shown--;
  if (shown < titles.length) labelW = labelWidth(true);
  const columns = [...titles.slice(titles.length - shown), ...(live ? ['live'] : [])];
  const blocks = best(columns.length);
  // When the width limits the maps, the note and the colour scale take a line each: the room is there.
  const oneLine = fitsOneLine && byWidth(columns.length, blocks) >= byHeight(blocks, headerTwo);
  const headerH = oneLine ? headerOne : headerTwo;
  const perBlock = Math.ceil(rows.length / blocks);
  const size = Math.max(8, Math.floor(sizeFor(columns.length, blocks)));
  const blockW = labelW + columns.length * (size + gap) + blockGap;
  const rowH = size + lineH + gap;
  const run = s.setup ? objectKey(s.setup) : -1;
  // Under each map its largest value; shorter when the map is narrow.
  const maxText = (v: number) =>
    textWidth(`max ${formatMax(v)}`, small) <= size + gap * 0.8 ? `max ${formatMax(v)}` : formatMax(v);
  const colX = (c: number) => labelW + c * (size + gap);
  // Column titles in full when they fit over a map, else just the task ("T2").
  const colTitle = (t: string) => {
    const full = t === 'live' ? 'ω live' : t;
    return textWidth(full, small) <= size + gap * 0.8 ? full : t === 'live' ? 'ω' : t.replace('after ', '');
  };

  const header = layer(svg, 'map-header');
  const note = `${labelW === 0 ? `${rows[0].label}. ` : ''}Each pixel: its first-layer weights’ importance, summed${order}`;
  header
    .selectAll('text.map-note')
    .data([note])
    .join('text')
    .attr('class', 'axis-label map-note')
    .attr('x', 0)
    .attr('y', small)
    .text((d) => d);
  const legend = layer(svg, 'map-legend').attr(
    'transform',
    `translate(${legendX},${oneLine ? small * 0.25 : lineH * 1.2})`,
  );
  legend
    .selectAll('rect.ramp')
    .data(d3.range(32))
    .join('rect')
    .attr('class', 'ramp')
    .attr('x', (i) => (i * legendW) / 32)
    .attr('width', legendW / 32 + 0.5)
    .attr('height', small * 0.8)
    .attr('fill', (i) => rampColor(i / 31));
  legend
    .selectAll('text')
    .data([
      { t: lo, x: -small * 0.3, anchor: 'end' },
      { t: hi, x: legendW + small * 0.3, anchor: 'start' },
    ])
    .join('text')
    .attr('class', 'axis-label')
    .attr('x', (d) => d.x)
    .attr('y', small * 0.75)
    .attr('text-anchor', (d) => d.anchor)
    .text((d) => d.t);

  layer(svg, 'map-cols')
    .attr('transform', `translate(0,${headerH})`)
    .selectAll('text')
    // A block's titles: the columns its rows have maps in (the live one only over SI's row).
    .data(
      d3
        .range(blocks)
        .flatMap((b) =>
          columns.flatMap((title, c) =>
            rows
              .slice(b * perBlock, (b + 1) * perBlock)
              .some((r) => r.maps.some((m) => (title === 'live' ? m.live : m.title === title)))
              ? [{ b, c, title }]
              : [],
          ),
        ),
    )
    .join('text')
    .attr('class', 'axis-label')
    .attr('x', (d) => d.b * blockW + colX(d.c) + size / 2)
    .attr('y', small)
    .attr('text-anchor', 'middle')
    .text((d) => colTitle(d.title));
  layer(svg, 'map-earlier')
    .attr('transform', `translate(0,${headerH})`)
    .selectAll('text')
    .data(shown < titles.length ? [`+${titles.length - shown} earlier`] : [])
    .join('text')
    .attr('class', 'axis-label')
    .attr('y', small)
    .text((d) => d)
    .append('title')
    .text('Earlier boundaries made room for the latest; the CSV export has every map.');

  const body = layer(svg, 'map-rows').attr('transform', `translate(0,${headerH + lineH})`);
  const groups = body
    .selectAll<SVGGElement, MapRow>('g.map-row')
    .data(rows, (r) => r.method)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'map-row');
      g.append('text').attr('class', 'axis-label row-label').attr('font-weight', 700);
      g.append('g').attr('class', 'maps');
      return g;
    })
    .attr('data-method', (r) => r.method)
    .attr('transform', (_, i) => `translate(${Math.floor(i / perBlock) * blockW},${(i % perBlock) * rowH})`);
  groups
    .select('.row-label')
    .attr('y', size / 2)
    .attr('dy', '0.35em')
    .style('fill', (r) => METHOD_COLORS[r.method])
    .text((r) => (labelW > 0 ? r.label : ''));
  type Cell = { row: MapRow; c: number; map: MapRow['maps'][number] };
  const cells = groups
    .select('.maps')
    .selectAll<SVGGElement, Cell>('g.map')
    .data(
      (r) =>
        columns.flatMap((title, c) => {
          const map = r.maps.find((m) => (title === 'live' ? m.live : m.title === title && !m.live));
          return map ? [{ row: r, c, map }] : [];
        }),
      (d) => `${d.c}`,
    )
    .join((enter) => {
      const g = enter.append('g').attr('class', 'map');
      g.append('image').attr('preserveAspectRatio', 'none').style('image-rendering', 'pixelated');
      g.append('rect').attr('class', 'map-frame').attr('fill', 'none');
      g.append('text').attr('class', 'axis-label map-max').attr('text-anchor', 'middle');
      g.append('title');
      return g;
    })
    .attr('transform', (d) => `translate(${colX(d.c)},0)`)
    .attr('data-title', (d) => d.map.title)
    .attr('data-lit', (d) => {
      const lit = d.map.values.reduce((n, v) => n + (mapShade(v, d.map.max, options.log) >= 0.05 ? 1 : 0), 0);
      return (lit / Math.max(1, d.map.values.length)).toFixed(3);
    });
  cells
    .select('image')
    .attr('width', size)
    .attr('height', size)
    .attr('href', (d) =>
      mapImage(
        `${run}|${d.row.method}|${d.map.title}|${d.map.key}|${d.map.max}|${options.log}|${options.unscramble}`,
        Array.from(d.map.values, (v) => mapShade(v, d.map.max, options.log)),
        side,
        d.map.values.length / side,
      ),
    );
  cells
    .select('rect')
    .attr('width', size)
    .attr('height', size)
    .attr('stroke', (d) => (d.map.live ? 'currentColor' : 'none'))
    .attr('stroke-dasharray', '3 2');
  cells
    .select('.map-max')
    .attr('x', size / 2)
    .attr('y', size + small * 1.05)
    .text((d) => maxText(d.map.max));
  cells.select('title').text((d) => `${d.row.label}, ${d.map.title}: largest pixel ${formatMax(d.map.max)}`);
}

/** Every map's value at every pixel, long format. */
export function pixelMapsCsv(s: SynapseState, options: MapOptions): CsvExport[] {
  return [
    csvExport('every map, one row per pixel', 'pixels', () => [
      ['method', 'measure', 'map', 'pixel', 'row', 'column', 'value'],
      ...rowsOf(s, options).flatMap((r) =>
        r.maps.flatMap((m) => {
          const side = s.setup?.width ?? 28;
          return Array.from(m.values, (v, p) => [
            r.method,
            r.label,
            m.title,
            p,
            Math.floor(p / side),
            p % side,
            v,
          ]);
        }),
      ),
    ]),
  ];
}
