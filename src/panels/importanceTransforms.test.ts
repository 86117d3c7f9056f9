import { describe, expect, it } from 'vitest';
import { pearson, spearman } from '../engine/metrics';
import { histogramViews, scatterView } from './importanceTransforms';

const f = (v: number[]) => Float32Array.from(v);

describe('importance scatter on log axes', () => {
  it('matches a direct computation of the log values and the correlations', () => {
    const x = [1e-3, 1e-2, 1e-1, 1];
    const y = [2e-4, 1e-3, 3e-2, 0.5];
    const v = scatterView([{ name: 'a', x: f(x), y: f(y) }]);
    for (const [i, xi] of x.entries()) expect(v.x[i]).toBeCloseTo(Math.log10(xi), 5);
    expect(v.pearsonLog).toBeCloseTo(pearson(x.map(Math.log10), y.map(Math.log10)), 5);
    expect(v.spearman).toBeCloseTo(spearman(f(x), f(y)), 10);
    expect(v.below).toBe(0);
  });

  it('spans the decades under each axis’ top and puts zeros and tiny values on the floor, counted', () => {
    const v = scatterView(
      [
        { name: 'a', x: f([0.5, 1e-20]), y: f([2, 3]) },
        { name: 'b', x: f([0, 0.1]), y: f([-1, 1]) },
      ],
      4,
    );
    expect(v.xDomain.map((d) => d + 0)).toEqual([-4, 0]); // + 0: −0 is still the top decade 10⁰
    expect(v.yDomain).toEqual([-3, 1]);
    expect([v.belowX, v.belowY, v.below]).toEqual([2, 1, 2]);
    expect(v.x[1]).toBe(-4);
    expect(v.y[2]).toBe(-3);
    expect([...v.layer]).toEqual([0, 0, 1, 1]);
  });
});

describe('importance histograms', () => {
  it('bins every value of layers that share an axis, and says what it left out', () => {
    const [a, b] = histogramViews([f([3e-3, 3e-2, 3e-2, 0.3, 0.5, 0, -2, 1e-9]), f([0.5])], 3, 3);
    expect(a.edges.map((e) => Number(e.toFixed(6)))).toEqual([-3, -2, -1, 0]);
    expect(a.counts).toEqual([1, 2, 2]);
    expect([a.zeros, a.below]).toEqual([2, 1]);
    expect(b.edges).toEqual(a.edges);
    expect(b.counts).toEqual([0, 0, 1]);
  });
});
