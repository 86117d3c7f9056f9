/**
 * A pixel map as a small image: one value per pixel, coloured on a sequential, colour-blind-safe
 * scale (viridis: dark blue for nothing, yellow for the most), drawn into a canvas and kept as a
 * PNG data URL, so the SVG (and its export) holds each map at its own resolution, scaled up
 * without smoothing. URLs are cached by what they show: a redraw reuses them.
 */
import * as d3 from 'd3';

/** The colour scale's 256 steps, as RGB. */
const RAMP = d3.range(256).map((i) => d3.rgb(d3.interpolateViridis(i / 255)));

export const rampColor = (t: number) => RAMP[Math.round(Math.max(0, Math.min(1, t)) * 255)].formatHex();

const cache = new Map<string, string>();
const CACHE_LIMIT = 400;

const objectKeys = new WeakMap<object, number>();
let nextKey = 0;
/** A number for `o` (a run's setup), so the cache keys of different runs differ. */
export function objectKey(o: object): number {
  let k = objectKeys.get(o);
  if (k === undefined) {
    k = nextKey++;
    objectKeys.set(o, k);
  }
  return k;
}

/** A width × height image whose pixel p has colour `rgb(p)`, as a data URL cached under `key`. */
function cachedImage(
  key: string,
  width: number,
  height: number,
  rgb: (p: number) => readonly [number, number, number],
): string {
  const hit = cache.get(key);
  if (hit) return hit;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  const image = ctx.createImageData(width, height);
  for (let p = 0; p < width * height; p++) image.data.set([...rgb(p), 255], 4 * p);
  ctx.putImageData(image, 0, 0);
  const url = canvas.toDataURL('image/png');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, url);
  return url;
}

/** A map: `shade` (0 to 1 per pixel) on the colour scale. */
export function mapImage(key: string, shade: ArrayLike<number>, width: number, height: number): string {
  return cachedImage(key, width, height, (p) => {
    const c = RAMP[Math.round(Math.max(0, Math.min(1, shade[p] ?? 0)) * 255)];
    return [c.r, c.g, c.b];
  });
}

/** A digit (bytes, 0 = background): dark ink on white, as people write it. */
export function digitImage(key: string, pixels: ArrayLike<number>, width: number, height: number): string {
  return cachedImage(key, width, height, (p) => {
    const v = 255 - (pixels[p] ?? 0);
    return [v, v, v];
  });
}
