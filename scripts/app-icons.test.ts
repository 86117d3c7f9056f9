import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICON_FILES, ICONS, iconSvg } from './app-icons';

/** Width, height and RGBA pixels of a PNG written by encodePng (no filtering, one IDAT). */
function decode(png: Buffer) {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatAt = png.indexOf('IDAT');
  const rows = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
  const pixel = (x: number, y: number) => [...rows.subarray(y * (width * 4 + 1) + 1 + x * 4).subarray(0, 4)];
  return { width, height, pixel };
}

describe('app icons', () => {
  it('draws the PNGs at their sizes: the dot dark at the centre, rounded corners transparent', () => {
    const icon = decode(ICON_FILES['icons/icon-512.png']() as Buffer);
    expect([icon.width, icon.height]).toEqual([512, 512]);
    // The dot (#15161a) at its centre (256, 238); the theme blue (#0057a3) at the top edge.
    expect(icon.pixel(256, 238)).toEqual([0x15, 0x16, 0x1a, 255]);
    expect(icon.pixel(256, 20)).toEqual([0x00, 0x57, 0xa3, 255]);
    expect(icon.pixel(1, 1)[3]).toBe(0);
    expect(decode(ICON_FILES['icons/icon-192.png']() as Buffer).width).toBe(192);
  });

  it('keeps the maskable icon square and its motif inside the safe circle (80 % of the width)', () => {
    const icon = decode(ICON_FILES['icons/icon-maskable-512.png']() as Buffer);
    expect(icon.pixel(0, 0)).toEqual([0x00, 0x57, 0xa3, 255]);
    for (let angle = 0; angle < 360; angle += 5) {
      const r = 0.4 * 512 + 1;
      const x = Math.round(256 + r * Math.cos((angle * Math.PI) / 180));
      const y = Math.round(256 + r * Math.sin((angle * Math.PI) / 180));
      expect(icon.pixel(x, y), `at ${angle}°`).toEqual([0x00, 0x57, 0xa3, 255]);
    }
  });

  it('writes the same shapes into the SVG', () => {
    const svg = iconSvg(ICONS.rounded);
    expect(svg.match(/<(rect|ellipse|circle)\b/g)).toEqual(['<rect', '<ellipse', '<ellipse', '<circle']);
    expect(svg).toContain('rx="96"');
  });
});
