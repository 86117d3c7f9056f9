import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { decadeTicks, fitTicks, pow10 } from './axes';
import { placeLabels, thinLabels } from './labelPlacement';

describe('log axes', () => {
  it('label whole decades as 10ⁿ', () => {
    expect(pow10(-5)).toBe('10⁻⁵');
    expect(pow10(0)).toBe('10⁰');
    expect(pow10(12)).toBe('10¹²');
  });

  it('keep at most seven decades, evenly stepped, however wide the range', () => {
    expect(decadeTicks(-3.2, 0.4)).toEqual([-3, -2, -1, 0]);
    expect(decadeTicks(-8, 0)).toEqual([-8, -6, -4, -2, 0]);
    for (const [lo, hi] of [
      [-35, -5],
      [-10, 2],
      [-0.5, 0.4],
      [3, 40],
    ]) {
      const ticks = decadeTicks(lo, hi);
      expect(ticks.length).toBeLessThanOrEqual(7);
      expect(new Set(ticks).size).toBe(ticks.length);
      for (const t of ticks) expect(t >= lo && t <= hi && Number.isInteger(t)).toBe(true);
    }
    expect(decadeTicks(-0.5, 0.4)).toEqual([0]);
  });
});

describe('linear axes', () => {
  it('get fewer ticks on a shorter axis, and neighbours never touch', () => {
    const scale = scaleLinear().domain([-1.5, 0.2]);
    const long = fitTicks(scale.range([0, 800]), 800, 16, String, false);
    const short = fitTicks(scale.range([0, 150]), 150, 16, String, false);
    expect(long.length).toBeGreaterThan(short.length);
    expect(short.length).toBeGreaterThanOrEqual(2);
    const px = (v: number) => (150 * (v + 1.5)) / 1.7;
    for (let i = 1; i < short.length; i++)
      expect(px(short[i]) - px(short[i - 1])).toBeGreaterThan(3 * 16 * 0.62);
  });
});

describe('label placement', () => {
  it('moves a label off a crowded spot and leaves it out when no spot is free', () => {
    const bounds = { x: 0, y: 0, width: 200, height: 200 };
    const two = placeLabels(
      [
        { key: 'a', x: 100, y: 100, width: 20, height: 16 },
        { key: 'b', x: 101, y: 100, width: 20, height: 16 },
      ],
      [],
      bounds,
    );
    const a = two.get('a')!;
    const b = two.get('b')!;
    expect(a && b).toBeTruthy();
    const apart =
      a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    expect(apart).toBe(true);
    const crowd = placeLabels(
      Array.from({ length: 12 }, (_, i) => ({ key: String(i), x: 100, y: 100, width: 20, height: 16 })),
      [],
      bounds,
    );
    expect([...crowd.values()].filter((p) => p === null).length).toBeGreaterThan(0);
  });

  it('thins labels along a line so that kept ones do not overlap', () => {
    expect(thinLabels([0, 10, 20, 60], [30, 30, 30, 30])).toEqual([0, 3]);
  });
});
