/**
 * The playground's logo, drawn from one list of shapes into an SVG and into PNGs (for the web app
 * manifest), with no rasteriser dependency: the shapes are few and simple (a rounded square, two
 * rotated ellipses, a dot), so each pixel's colour is computed directly, 4×4 samples a pixel.
 * The motif is the ellipse lab's: two tasks' low-loss regions, and a solution that fits both.
 */
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
/** Shapes in a 512 × 512 frame, painted in order. */
type Shape =
  | { kind: 'square'; radius: number; fill: string }
  | {
      kind: 'ellipse';
      cx: number;
      cy: number;
      rx: number;
      ry: number;
      degrees: number;
      fill: string;
      opacity: number;
    }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string };

const FRAME = 512;
/** The theme's accent (src/ui/theme.css), the manifest's theme colour. */
export const THEME_COLOR = '#0057a3';
/** The theme's light background, the manifest's background colour. */
export const BACKGROUND_COLOR = '#fbfbf8';

const motif: Shape[] = [
  { kind: 'ellipse', cx: 206, cy: 266, rx: 170, ry: 72, degrees: -30, fill: '#fbfbf8', opacity: 0.9 },
  { kind: 'ellipse', cx: 306, cy: 266, rx: 170, ry: 72, degrees: 30, fill: '#e0c04a', opacity: 0.85 },
  { kind: 'circle', cx: 256, cy: 238, r: 30, fill: '#15161a' },
];

/** The app icon (rounded), and the maskable one: square, its motif inside the central safe circle. */
export const ICONS = {
  rounded: [{ kind: 'square', radius: 96, fill: THEME_COLOR }, ...motif] as Shape[],
  maskable: [{ kind: 'square', radius: 0, fill: THEME_COLOR }, ...motif] as Shape[],
};
/** The maskable icon's motif scale: platforms may crop to a circle of 80 % of the width. */
const MASKABLE_SCALE = 0.72;

function svgElement(s: Shape): string {
  switch (s.kind) {
    case 'square':
      return `<rect width="${FRAME}" height="${FRAME}" rx="${s.radius}" fill="${s.fill}"/>`;
    case 'ellipse':
      return `<ellipse cx="${s.cx}" cy="${s.cy}" rx="${s.rx}" ry="${s.ry}" transform="rotate(${s.degrees} ${s.cx} ${s.cy})" fill="${s.fill}" fill-opacity="${s.opacity}"/>`;
    case 'circle':
      return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`;
  }
}

export function iconSvg(shapes: Shape[], scale = 1): string {
  const body = shapes.map(svgElement);
  const [background, ...rest] = body;
  const c = FRAME / 2;
  const motifGroup =
    scale === 1
      ? rest.join('')
      : `<g transform="translate(${c} ${c}) scale(${scale}) translate(${-c} ${-c})">${rest.join('')}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${FRAME} ${FRAME}">${background}${motifGroup}</svg>\n`;
}

const rgb = (hex: string): Rgb =>
  [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;

/** Coverage (0 or 1) of one sample point, in the frame's coordinates. */
function covers(s: Shape, x: number, y: number): boolean {
  switch (s.kind) {
    case 'square': {
      // Distance outside the square shrunk by the radius, against the radius.
      const dx = Math.max(s.radius - x, 0, x - (FRAME - s.radius));
      const dy = Math.max(s.radius - y, 0, y - (FRAME - s.radius));
      return x >= 0 && x <= FRAME && y >= 0 && y <= FRAME && dx * dx + dy * dy <= s.radius * s.radius;
    }
    case 'ellipse': {
      // Into the ellipse's own axes: SVG's rotate() turns clockwise on screen for positive degrees.
      const a = (s.degrees * Math.PI) / 180;
      const dx = x - s.cx;
      const dy = y - s.cy;
      const u = dx * Math.cos(a) + dy * Math.sin(a);
      const v = -dx * Math.sin(a) + dy * Math.cos(a);
      return (u / s.rx) ** 2 + (v / s.ry) ** 2 <= 1;
    }
    case 'circle':
      return (x - s.cx) ** 2 + (y - s.cy) ** 2 <= s.r * s.r;
  }
}

const SAMPLES = 4;

/** RGBA pixels of the icon at `size` × `size`, the motif scaled by `scale` about the centre. */
export function rasterise(shapes: Shape[], size: number, scale = 1): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const paints = shapes.map((s) => ({ s, color: rgb(s.fill), alpha: s.kind === 'ellipse' ? s.opacity : 1 }));
  const c = FRAME / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) * FRAME) / size;
          const y = ((py + (sy + 0.5) / SAMPLES) * FRAME) / size;
          // Premultiplied "over" compositing, in painting order.
          let [r, g, b, a] = [0, 0, 0, 0];
          for (const { s, color, alpha } of paints) {
            const inMotif = s.kind !== 'square';
            const hit = inMotif ? covers(s, c + (x - c) / scale, c + (y - c) / scale) : covers(s, x, y);
            if (!hit) continue;
            r = color[0] * alpha + r * (1 - alpha);
            g = color[1] * alpha + g * (1 - alpha);
            b = color[2] * alpha + b * (1 - alpha);
            a = alpha + a * (1 - alpha);
          }
          sum[0] += r;
          sum[1] += g;
          sum[2] += b;
          sum[3] += a;
        }
      }
      const n = SAMPLES * SAMPLES;
      const alpha = sum[3] / n;
      const o = (py * size + px) * 4;
      // Back from premultiplied to straight alpha, as PNG stores it.
      for (let k = 0; k < 3; k++) pixels[o + k] = alpha > 0 ? Math.round(sum[k] / n / alpha) : 0;
      pixels[o + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An RGBA image as a PNG file (8 bits a channel, no filtering). */
export function encodePng(pixels: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rows.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Every icon file the build ships, by path under the site root, each drawn when asked for. */
export const ICON_FILES: Record<string, () => string | Buffer> = {
  'icons/icon.svg': () => iconSvg(ICONS.rounded),
  'icons/icon-192.png': () => encodePng(rasterise(ICONS.rounded, 192), 192),
  'icons/icon-512.png': () => encodePng(rasterise(ICONS.rounded, 512), 512),
  'icons/icon-maskable-512.png': () => encodePng(rasterise(ICONS.maskable, 512, MASKABLE_SCALE), 512),
};
