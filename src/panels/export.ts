/**
 * Export of any panel: its SVG (a canvas layer under it, like the ω-vs-Fisher points, becomes an
 * embedded image), a PNG at twice the screen resolution, both with the figure's title above, and
 * its data as CSV: one table per file, with a header row. Styles from the page's CSS are copied
 * onto the elements, so the files look the same outside the page.
 */
import type { RunConfig } from '../engine/runConfig';
import { fontSizes, wrapText } from './textMetrics';

export type CsvRows = (string | number)[][];

/** One CSV a panel offers: what it holds, its file-name suffix, its size before it is built. */
export interface CsvExport {
  label: string;
  /** Added to the file name, e.g. "scores" → accuracy-matrix-scores_….csv; '' for none. */
  suffix: string;
  /** Data rows (the header not counted). */
  rowCount: number;
  /** The header row and the first `limit` data rows (all of them without a limit). */
  rows: (limit?: number) => CsvRows;
}

/** Bytes of the CSV, estimated from its first rows (exact for small tables). */
export function estimateCsvBytes(e: CsvExport): number {
  const sample = 200;
  const head = e.rows(sample);
  const bytes = new TextEncoder().encode(toCsv(head)).length;
  if (e.rowCount <= sample) return bytes;
  const header = new TextEncoder().encode(toCsv(head.slice(0, 1))).length;
  return header + ((bytes - header) / Math.max(1, head.length - 1)) * e.rowCount;
}

/** "12 kB", "3.4 MB". */
export function formatBytes(n: number): string {
  if (n < 1000) return `${Math.round(n)} B`;
  if (n < 1e6) return `${Math.round(n / 1000)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** A CSV of one table with every row of `rows()` (an export that needs no size note). */
export function csvExport(label: string, suffix: string, rows: () => CsvRows): CsvExport {
  return {
    label,
    suffix,
    get rowCount() {
      return rows().length - 1;
    },
    rows: (limit) => (limit === undefined ? rows() : rows().slice(0, limit + 1)),
  };
}

/** e.g. forgetting-curves_split-mnist-domain_seed0 (the extension is added by the caller). */
export function exportName(panel: string, config: RunConfig | null): string {
  if (!config) return panel;
  const settings =
    config.protocol === 'split-mnist'
      ? `split-mnist-${config.scenario}`
      : `permuted-mnist-${config.tasks}tasks`;
  return `${panel}_${settings}_seed${config.seed}`;
}

/** RFC 4180 CSV: fields with a comma, quote or newline are quoted, quotes doubled. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  const field = (v: string | number) => {
    const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(field).join(',')).join('\n')}\n`;
}

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'display',
  'r',
];

/**
 * A standalone copy of `svg` (and of the canvas drawn under it, if any), with its styles inlined
 * and `title` (wrapped to the width) in a band above the figure.
 */
export function standaloneSvg(svg: SVGSVGElement, under: HTMLCanvasElement | null, title = ''): string {
  const { width, height: figureHeight } = svg.getBoundingClientRect();
  const { base } = fontSizes(svg);
  const lines = title ? wrapText(title, width - base, base, true) : [];
  const band = lines.length ? lines.length * base * 1.3 + base * 0.6 : 0;
  const height = figureHeight + band;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((el, k) => {
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    copies[k].setAttribute('style', style);
  });
  const ns = 'http://www.w3.org/2000/svg';
  // The figure moves down under the title band: its content goes into a shifted group.
  const figure = document.createElementNS(ns, 'g');
  figure.setAttribute('transform', `translate(0,${band})`);
  figure.append(...clone.childNodes);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(svg.closest('.panel') ?? svg).backgroundColor);
  const layers: Element[] = [background];
  if (under) {
    const image = document.createElementNS(ns, 'image');
    image.setAttribute('href', under.toDataURL('image/png'));
    image.setAttribute('y', String(band));
    image.setAttribute('width', String(width));
    image.setAttribute('height', String(figureHeight));
    layers.push(image);
  }
  if (lines.length) {
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('class', 'export-title');
    text.setAttribute(
      'style',
      `font-size:${base}px;font-weight:700;font-family:${getComputedStyle(svg).fontFamily};fill:${getComputedStyle(svg).color}`,
    );
    lines.forEach((line, i) => {
      const tspan = document.createElementNS(ns, 'tspan');
      tspan.setAttribute('x', String(base / 2));
      tspan.setAttribute('y', String(base * 1.1 + i * base * 1.3));
      tspan.textContent = line;
      text.append(tspan);
    });
    layers.push(text);
  }
  clone.replaceChildren(...layers, figure);
  return new XMLSerializer().serializeToString(clone);
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click has started the download; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(
  svg: SVGSVGElement,
  under: HTMLCanvasElement | null,
  name: string,
  title = '',
): void {
  download(new Blob([standaloneSvg(svg, under, title)], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** The standalone SVG (title included) rasterized at `scale` × the screen size. */
export async function downloadPng(
  svg: SVGSVGElement,
  under: HTMLCanvasElement | null,
  name: string,
  title = '',
  scale = 2,
): Promise<void> {
  const text = standaloneSvg(svg, under, title);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas context for the PNG export');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the PNG export produced no image');
    download(blob, `${name}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function downloadCsv(rows: readonly (readonly (string | number)[])[], name: string): void {
  download(new Blob([toCsv(rows)], { type: 'text/csv' }), `${name}.csv`);
}
