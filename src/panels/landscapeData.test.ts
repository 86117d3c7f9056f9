import { contours } from 'd3';
import { describe, expect, it } from 'vitest';
import { contourLevels, contourLines, gridToPlane } from './landscapeData';

describe('landscape panel data', () => {
  it('spaces contour levels from just above the minimum up to the maximum', () => {
    const levels = contourLevels([1, 2, 5, Number.NaN, 11], 5);
    expect(levels).toHaveLength(5);
    expect(levels[0]).toBeCloseTo(1.1);
    expect(levels[4]).toBeCloseTo(11);
    for (let k = 1; k < 5; k++) expect(levels[k]).toBeGreaterThan(levels[k - 1]);
    expect(contourLevels([3, 3], 4)).toEqual([]);
  });

  it('maps contour coordinates back onto the plane', () => {
    const axis = [-1, 0, 1, 2];
    expect(gridToPlane(axis, 0.5)).toBeCloseTo(-1);
    expect(gridToPlane(axis, 3.5)).toBeCloseTo(2);
    // A bowl centred on grid value (5, 3) of a 9×9 grid: its smallest contour surrounds plane point (1, −1).
    const n = 9;
    const plane = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
    // Contours enclose values above the threshold, so the bowl is upside down.
    const values = Array.from(
      { length: n * n },
      (_, k) => -(((k % n) - 5) ** 2) - (Math.floor(k / n) - 3) ** 2,
    );
    const [ring] = contours().size([n, n]).thresholds([-1.5])(values);
    const pts = ring.coordinates.flat(2) as unknown as [number, number][];
    const mid = (d: 0 | 1) => {
      const v = pts.map((p) => gridToPlane(plane, p[d]));
      return (Math.min(...v) + Math.max(...v)) / 2;
    };
    expect(mid(0)).toBeCloseTo(1, 1);
    expect(mid(1)).toBeCloseTo(-1, 1);
  });

  it('draws contour lines without the grid border', () => {
    // A region above the threshold that touches the left and top edges of a 6×5 grid.
    const n = 6;
    const m = 5;
    const values = Array.from({ length: n * m }, (_, k) => -((k % n) ** 2) - Math.floor(k / n) ** 2);
    const [region] = contours().size([n, m]).thresholds([-6])(values);
    const rings = region.coordinates.flat() as unknown as [number, number][][];
    const lines = contourLines(rings, n, m);
    expect(lines.length).toBeGreaterThan(0);
    const onEdge = ([x, y]: [number, number]) => x <= 0 || y <= 0 || x >= n || y >= m;
    for (const line of lines)
      for (let i = 1; i < line.length; i++) expect(onEdge(line[i - 1]) && onEdge(line[i])).toBe(false);
    // Only the curved part is left: it runs from one edge to the other.
    expect(lines).toHaveLength(1);
    expect(onEdge(lines[0][0]) && onEdge(lines[0].at(-1)!)).toBe(true);
  });
});
