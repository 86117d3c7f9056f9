/**
 * ω versus Fisher: every parameter of the chosen layers at the chosen boundary, SI's importance
 * (y) against the diagonal Fisher (x), log-log, coloured by layer. Thousands of points go on a
 * canvas; the axes and labels on an SVG above it (which is what the SVG export keeps as vectors).
 */
import * as d3 from 'd3';
import { METHOD_LABELS } from '../engine/methodIds';
import type { ResultsState } from '../store/results';
import { type LogScatter, layersAt, logScatter, RELEASED_MESSAGE } from './importanceData';
import { chosenBoundary, type ImportanceOptions, QUANTITY_LABELS } from './importanceOptions';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { axisTitle, emptyState, layer, sizeSvg } from './svgFrame';

const M = { top: 64, right: 24, bottom: 56, left: 80 };
/** Okabe–Ito colours the methods do not use, so layers never look like methods. */
/**
 * Layer colours: Okabe–Ito colours the methods do not use. 'fg' is the theme's text colour (black
 * on light themes, white on dark), read at draw time because a canvas cannot use CSS variables.
 */
const LAYER_COLORS = ['#56B4E9', 'fg', '#999999', '#F0E442'];
const layerColor = (k: number, fg: string) => {
  const c = LAYER_COLORS[k % LAYER_COLORS.length];
  return c === 'fg' ? fg : c;
};

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

export function omegaFisherScatter(
  s: ResultsState,
  o: ImportanceOptions,
): { scatter: LogScatter; layers: string[] } | null {
  const layers = layersAt(chosenBoundary(s.switches, o.boundary), o.method, o.layer);
  if (layers.length === 0) return null;
  return { scatter: logScatter(layers, o.quantity), layers: layers.map((l) => l.layer) };
}

export function drawOmegaFisher(container: HTMLElement, s: ResultsState, o: ImportanceOptions): void {
  const inputs = [chosenBoundary(s.switches, o.boundary), s.config, o, ...frameInputs(container)];
  if (unchangedSinceLastDraw(container, inputs)) return;
  const { canvas, svgEl } = scatterLayers(container);
  const frame = sizeSvg(svgEl);
  if (!frame) return;
  const { svg, width, height } = frame;
  const data = omegaFisherScatter(s, o);
  const ctx = canvas.getContext('2d');
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  ctx?.clearRect(0, 0, canvas.width, canvas.height);
  const hasMethod = s.config?.methods.includes(o.method) ?? false;
  const empty = !s.config
    ? 'Press Start (Space), then switch to task 2 (key 2): importances are measured at each task boundary.'
    : chosenBoundary(s.switches, o.boundary)?.released
      ? RELEASED_MESSAGE
      : !hasMethod
        ? `${METHOD_LABELS[o.method]} is not in this run: pick another method above.`
        : 'Switch to task 2 (key 2): importances are measured at each task boundary.';
  if (emptyState(svg, width, height, data ? null : empty) || !data || !ctx) return;
  const { scatter, layers } = data;
  const w = width - M.left - M.right;
  const h = height - M.top - M.bottom;
  const x = d3
    .scaleLinear()
    .domain(d3.extent(scatter.x) as [number, number])
    .nice()
    .range([0, w]);
  const y = d3
    .scaleLinear()
    .domain(d3.extent(scatter.y) as [number, number])
    .nice()
    .range([h, 0]);

  ctx.setTransform(dpr, 0, 0, dpr, M.left * dpr, M.top * dpr);
  ctx.globalAlpha = 0.5;
  const fg = getComputedStyle(svgEl).getPropertyValue('--fg').trim() || '#000';
  for (let i = 0; i < scatter.x.length; i++) {
    ctx.fillStyle = layerColor(scatter.layer[i], fg);
    ctx.fillRect(x(scatter.x[i]) - 1.5, y(scatter.y[i]) - 1.5, 3, 3);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);

  const pow = (v: d3.NumberValue) => `1e${v}`;
  const g = layer(svg, 'plot').attr('transform', `translate(${M.left},${M.top})`);
  layer(g, 'x-axis axis')
    .attr('transform', `translate(0,${h})`)
    .call(d3.axisBottom(x).ticks(6).tickFormat(pow));
  layer(g, 'y-axis axis').call(d3.axisLeft(y).ticks(5).tickFormat(pow));
  axisTitle(g, 'x-title', `Fisher F (diagonal, ${METHOD_LABELS[o.method]}’s weights)`, w / 2, h + 44);
  axisTitle(g, 'y-title', QUANTITY_LABELS[o.quantity], -62, h / 2, true);
  svg.attr('data-points', scatter.x.length);
  const f = d3.format('.2f');
  const stats = [
    `Pearson r = ${f(scatter.pearsonLog)} (of log₁₀ values)   Spearman ρ = ${f(scatter.spearman)}`,
    `${scatter.x.length.toLocaleString()} parameters; ${scatter.clipped.toLocaleString()} zero (or below) on one axis, drawn on its floor ${scatter.floor.toExponential(0)}`,
  ];
  layer(svg, 'stats')
    .selectAll('text')
    .data(stats)
    .join('text')
    .attr('class', 'axis-label')
    .attr('x', M.left)
    .attr('y', (_, k) => 20 + k * 22)
    .text((d) => d);
  layer(g, 'legend')
    .attr('transform', `translate(${w},${h - 8})`)
    .selectAll('text')
    .data(layers)
    .join('text')
    .attr('class', 'axis-label legend-item')
    .attr('text-anchor', 'end')
    .attr('y', (_, k) => -(layers.length - 1 - k) * 22)
    .style('fill', (_, k) => layerColor(k, fg))
    .style('paint-order', 'stroke')
    .style('stroke', 'var(--panel-bg)')
    .style('stroke-width', '4px')
    .text((d) => `■ ${d}`);
}

export function omegaFisherCsv(s: ResultsState, o: ImportanceOptions): (string | number)[][] {
  const layers = layersAt(chosenBoundary(s.switches, o.boundary), o.method, o.layer);
  return [
    ['layer', 'index', 'fisher', 'omega', 'Omega'],
    ...layers.flatMap((l) => Array.from(l.fisher, (f, i) => [l.layer, i, f, l.omega[i], l.Omega[i]])),
  ];
}
