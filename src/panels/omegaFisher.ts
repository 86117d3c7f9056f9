/**
 * ω versus Fisher: every parameter of the chosen layers at the chosen boundary, one importance
 * measure against another (by default SI's Ω on y, EWC's diagonal Fisher on x), log-log over the eight decades where the data lives,
 * coloured by layer. The transform runs in the figures' worker; the points go on a canvas a few
 * thousand per frame (the page never stalls on 270,000 of them), the axes, legend and numbers on
 * an SVG above it (which is what the SVG export keeps as vectors).
 */
import * as d3 from 'd3';
import { measureOf } from '../engine/boundary';
import { METHOD_LABELS } from '../engine/methodIds';
import type { ResultsState } from '../store/results';
import { clearCorner, decadeTicks, drawAxis, pow10 } from './axes';
import type { CsvExport, CsvRows } from './export';
import { layersAt, RELEASED_MESSAGE } from './importanceData';
import { chosenBoundary, type ImportanceOptions, measureLabel, measureSymbol } from './importanceOptions';
import { DECADES } from './importanceTransforms';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { axisTitle, emptyState, fitTitle, layer, sizeSvg } from './svgFrame';
import { fontSizes, textWidth, wrapText } from './textMetrics';
import { transformed } from './transformClient';

/**
 * Layer colours: Okabe–Ito colours the methods do not use, so layers never look like methods. 'fg'
 * is the theme's text colour (black on light themes, white on dark), read at draw time because a
 * canvas cannot use CSS variables.
 */
const LAYER_COLORS = ['#56B4E9', 'fg', '#999999', '#F0E442'];
const layerColor = (k: number, fg: string) => {
  const c = LAYER_COLORS[k % LAYER_COLORS.length];
  return c === 'fg' ? fg : c;
};
/**
 * Points drawn per slice of a frame, and the time a frame may spend issuing them. Rasterising
 * them costs the frame several times that again (a software canvas): at 8 ms the scatter's first
 * draw made 50–90 ms long tasks while training; at 4 ms, one of 57 ms in two rounds.
 */
const CHUNK = 1500;
const FRAME_BUDGET_MS = 4;

/** The panel's canvas and SVG, created once inside its container. */
export function scatterLayers(container: HTMLElement): { canvas: HTMLCanvasElement; svgEl: SVGSVGElement } {
  let canvas = container.querySelector('canvas');
  let svgEl = container.querySelector('svg');
  if (!canvas || !svgEl) {
    canvas = document.createElement('canvas');
    svgEl = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svgEl.setAttribute('class', 'panel-svg overlay');
    container.append(canvas, svgEl);
  }
  return { canvas, svgEl };
}

/** The progressive drawing in flight on each canvas: a newer draw cancels an older one. */
const drawing = new WeakMap<HTMLCanvasElement, number>();
let drawCount = 0;

export function drawOmegaFisher(
  container: HTMLElement,
  s: ResultsState,
  o: ImportanceOptions,
  redraw: () => void,
): void {
  const sw = chosenBoundary(s.switches, o.boundary);
  // Only layers that report both measures (a method's layers carry every measure the run declares).
  const layers = layersAt(sw, o.method, o.layer).flatMap((l) => {
    const x = measureOf(l, o.x);
    const y = measureOf(l, o.y);
    return x && y && x.length === y.length ? [{ name: l.layer, x, y }] : [];
  });
  const key = `${o.method}|${o.layer ?? '*'}|${o.x}|${o.y}`;
  const reply =
    sw && layers.length > 0
      ? transformed(
          sw,
          key,
          () => ({
            kind: 'scatter',
            decades: DECADES,
            layers,
          }),
          redraw,
        )
      : null;
  const view = reply?.kind === 'scatter' ? reply.view : null;
  if (unchangedSinceLastDraw(container, [sw, s.config, o, view, ...frameInputs(container)])) return;
  const { canvas, svgEl } = scatterLayers(container);
  const frame = sizeSvg(svgEl);
  if (!frame) return;
  const { svg, width, height } = frame;
  const ctx = canvas.getContext('2d');
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  ctx?.clearRect(0, 0, canvas.width, canvas.height);
  drawing.set(canvas, ++drawCount);
  const hasMethod = s.config?.methods.includes(o.method) ?? false;
  const message = !s.config
    ? 'Press Start, then switch to task 2 (key 2).'
    : sw?.released
      ? RELEASED_MESSAGE
      : !hasMethod
        ? `${METHOD_LABELS[o.method]} is not in this run: pick other weights above.`
        : layers.length === 0
          ? 'Switch to task 2 (key 2) to measure importances.'
          : !view
            ? 'Computing the scatter…'
            : null;
  container.setAttribute('aria-busy', String(message === 'Computing the scatter…'));
  if (emptyState(svg, width, height, message) || !view || !ctx) return;

  const { small } = fontSizes(svgEl);
  const fg = getComputedStyle(svgEl).getPropertyValue('--fg').trim() || '#000';
  const f = d3.format('.2f');
  const n = view.x.length;
  // The legend column on the right: layers, then the numbers (wrapped to the column).
  const lines = [
    `Pearson r = ${f(view.pearsonLog)} (log–log)`,
    `Spearman ρ = ${f(view.spearman)}`,
    `${n.toLocaleString('en-US')} parameters;`,
    `${view.below.toLocaleString('en-US')} zero or over ${DECADES} decades under the top: on the axes`,
  ];
  const widest = Math.max(...lines.slice(0, 3).map((l) => textWidth(l, small)));
  const legendW = Math.min(Math.max(widest + small, small * 11), width * 0.3);
  const stats = lines.flatMap((line) => wrapText(line, legendW - small, small));
  const M = {
    top: small * 0.8,
    right: legendW + small,
    bottom: small * 3.4,
    left: small * 1.8 + textWidth(pow10(-38), small) + 8,
  };
  const w = Math.max(10, width - M.left - M.right);
  const h = Math.max(10, height - M.top - M.bottom);
  const x = d3.scaleLinear().domain(view.xDomain).range([0, w]);
  const y = d3.scaleLinear().domain(view.yDomain).range([h, 0]);

  const token = drawing.get(canvas);
  container.setAttribute('aria-busy', 'true');
  let i = 0;
  const slice = () => {
    if (drawing.get(canvas) !== token) return;
    ctx.setTransform(dpr, 0, 0, dpr, M.left * dpr, M.top * dpr);
    ctx.globalAlpha = 0.5;
    const until = performance.now() + FRAME_BUDGET_MS;
    let current = -1;
    while (i < n && performance.now() < until) {
      for (const end = Math.min(n, i + CHUNK); i < end; i++) {
        if (view.layer[i] !== current) {
          current = view.layer[i];
          ctx.fillStyle = layerColor(current, fg);
        }
        ctx.fillRect(x(view.x[i]) - 1.5, y(view.y[i]) - 1.5, 3, 3);
      }
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (i < n) requestAnimationFrame(slice);
    else container.setAttribute('aria-busy', 'false');
  };
  slice();

  const g = layer(svg, 'plot').attr('transform', `translate(${M.left},${M.top})`);
  const xAxis = layer(g, 'x-axis axis').attr('transform', `translate(0,${h})`);
  drawAxis(xAxis, 'bottom', x, decadeTicks(view.xDomain[0], view.xDomain[1]), pow10);
  drawAxis(
    layer(g, 'y-axis axis'),
    'left',
    y,
    clearCorner(decadeTicks(view.yDomain[0], view.yDomain[1]), y, small),
    pow10,
  );
  const weights = `${METHOD_LABELS[o.method]}’s weights`;
  axisTitle(
    g,
    'x-title',
    fitTitle([`${measureLabel(o.x)}, ${weights}`, measureLabel(o.x), measureSymbol(o.x)], w, small),
    w / 2,
    h + small * 2.9,
  );
  axisTitle(
    g,
    'y-title',
    fitTitle([measureLabel(o.y), measureSymbol(o.y)], h, small),
    -(M.left - small * 1.1),
    h / 2,
    true,
  );
  svg.attr('data-points', n);
  const names = layers.map((l) => l.name);
  const legend = layer(svg, 'legend').attr('transform', `translate(${width - legendW},${M.top + small})`);
  legend
    .selectAll<SVGTextElement, string>('text.legend-item')
    .data(names)
    .join('text')
    .attr('class', 'axis-label legend-item')
    .attr('y', (_, k) => k * small * 1.35)
    .style('fill', (_, k) => layerColor(k, fg))
    .text((d) => `■ ${d}`);
  legend
    .selectAll<SVGTextElement, string>('text.stat')
    .data(stats)
    .join('text')
    .attr('class', 'axis-label stat')
    .attr('y', (_, k) => (names.length + 0.6 + k) * small * 1.35)
    .text((d) => d);
}

/** Per-parameter values of the chosen layers: all of them, and a sample when that is large. */
export function omegaFisherCsv(s: ResultsState, o: ImportanceOptions): CsvExport[] {
  const layers = layersAt(chosenBoundary(s.switches, o.boundary), o.method, o.layer);
  const size = (l: (typeof layers)[number]) => l.measures[0]?.values.length ?? 0;
  const total = layers.reduce((n, l) => n + size(l), 0);
  const what = o.layer ?? 'all layers';
  // Every measure the run reported, one column each (the same parameters in every column).
  const header: CsvRows[number] = ['layer', 'index', ...(layers[0]?.measures.map((m) => m.id) ?? [])];
  const rows =
    (every: number) =>
    (limit?: number): CsvRows => {
      const out: CsvRows = [header];
      for (const l of layers)
        for (let i = 0; i < size(l); i += every) {
          if (limit !== undefined && out.length > limit) return out;
          out.push([l.layer, i, ...l.measures.map((m) => m.values[i])]);
        }
      return out;
    };
  const all: CsvExport = { label: `${what}, every parameter`, suffix: '', rowCount: total, rows: rows(1) };
  if (total <= SAMPLE) return [all];
  const every = Math.ceil(total / SAMPLE);
  const rowCount = layers.reduce((n, l) => n + Math.ceil(size(l) / every), 0);
  return [
    { label: `${what}, every ${every}th parameter`, suffix: 'sample', rowCount, rows: rows(every) },
    all,
  ];
}
/** Above this many parameters the CSV is also offered as an evenly spaced sample. */
const SAMPLE = 20_000;
