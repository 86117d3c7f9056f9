/**
 * Export of any panel: its SVG (a canvas layer under it, like the ω-vs-Fisher points, becomes an
 * embedded image), a PNG at twice the screen resolution, and its data as CSV. Styles from the
 * page's CSS are copied onto the elements, so the files look the same outside the page.
 */
import type { RunConfig } from '../worker/protocol';

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

/** A standalone copy of `svg` (and of the canvas drawn under it, if any), with its styles inlined. */
export function standaloneSvg(svg: SVGSVGElement, under: HTMLCanvasElement | null): string {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((el, k) => {
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    copies[k].setAttribute('style', style);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const ns = 'http://www.w3.org/2000/svg';
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(svg.closest('.panel') ?? svg).backgroundColor);
  const layers: Element[] = [background];
  if (under) {
    const image = document.createElementNS(ns, 'image');
    image.setAttribute('href', under.toDataURL('image/png'));
    image.setAttribute('width', String(width));
    image.setAttribute('height', String(height));
    layers.push(image);
  }
  clone.prepend(...layers);
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

export function downloadSvg(svg: SVGSVGElement, under: HTMLCanvasElement | null, name: string): void {
  download(new Blob([standaloneSvg(svg, under)], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** The standalone SVG rasterized at `scale` × the screen size. */
export async function downloadPng(
  svg: SVGSVGElement,
  under: HTMLCanvasElement | null,
  name: string,
  scale = 2,
): Promise<void> {
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([standaloneSvg(svg, under)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
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
