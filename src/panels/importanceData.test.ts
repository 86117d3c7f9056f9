import { describe, expect, it } from 'vitest';
import type { LayerImportance } from '../engine/boundary';
import { pearson, spearman } from '../engine/metrics';
import type { TaskSwitch } from '../store/results';
import { layersAt, logHistogram, logScatter, pathIntegralPoints } from './importanceData';

function layer(name: string, fisher: number[], Omega: number[]): LayerImportance {
  return {
    layer: name,
    measures: [
      { id: 'fisher', values: Float32Array.from(fisher) },
      { id: 'omega', values: Float32Array.from(Omega.map((v) => v / 2)) },
      { id: 'Omega', values: Float32Array.from(Omega) },
    ],
  };
}
const values = (l: LayerImportance, id: string) => l.measures.find((m) => m.id === id)!.values;

const l1 = layer('layer 1', [1e-3, 1e-2, 1e-1, 1], [2e-4, 1e-3, 3e-2, 0.5]);
const l2 = layer('output', [0, 1e-4, 1e-2], [1e-5, -1, 1e-1]);

function sw(from: number, sumOmega: number, lossStart: number, lossEnd: number): TaskSwitch {
  return {
    step: 10,
    from,
    to: from + 1,
    accuracy: new Float32Array(0),
    boundary: [{ method: 'si', lossStart, lossEnd, sumOmega, layers: [l1, l2] }],
  };
}

describe('ω versus Fisher scatter', () => {
  it('matches a direct computation of the log values and the correlations', () => {
    const s = logScatter([l1], 'fisher', 'Omega');
    const lx = [...values(l1, 'fisher')].map(Math.log10);
    const ly = [...values(l1, 'Omega')].map(Math.log10);
    expect([...s.x].map((v, i) => v - lx[i]).every((d) => Math.abs(d) < 1e-5)).toBe(true);
    expect(s.pearsonLog).toBeCloseTo(pearson(lx, ly), 5);
    expect(s.spearman).toBeCloseTo(spearman(values(l1, 'fisher'), values(l1, 'Omega')), 10);
    expect(s.clipped).toBe(0);
  });

  it('puts the default floor a decade below the smallest positive value', () => {
    const s = logScatter([l2], 'fisher', 'Omega');
    expect(s.floor).toBeCloseTo(1e-6, 12);
    expect(s.y[1]).toBeCloseTo(-6);
  });

  it('clips zeros and negatives to the floor and counts them, colouring by layer', () => {
    const s = logScatter([l1, l2], 'fisher', 'omega', 1e-8);
    expect(s.clipped).toBe(2);
    expect(s.x[4]).toBeCloseTo(-8);
    expect(s.y[5]).toBeCloseTo(-8);
    expect([...s.layer]).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(s.y[0]).toBeCloseTo(Math.log10(1e-4), 4);
  });

  it('puts any reported measure on either axis, and nothing for a measure the run did not report', () => {
    const s = logScatter([l1], 'Omega', 'fisher');
    expect(s.x[2]).toBeCloseTo(Math.log10(3e-2), 4);
    expect(s.y[2]).toBeCloseTo(-1, 4);
    expect(logScatter([l1], 'fisher', 'mas').x).toHaveLength(0);
  });

  it('finds one method’s layer at a boundary', () => {
    expect(layersAt(sw(0, 1, 2, 1), 'si', 'output')).toEqual([l2]);
    expect(layersAt(sw(0, 1, 2, 1), 'si', null)).toHaveLength(2);
    expect(layersAt(sw(0, 1, 2, 1), 'ewc', null)).toEqual([]);
  });
});

describe('log histogram', () => {
  it('puts each value in its log-spaced bin and counts non-positive values apart', () => {
    const h = logHistogram([1e-3, 1e-2, 1e-2, 0.1, 1, 0, -2], 3);
    expect(h.edges.map((e) => Number(e.toFixed(6)))).toEqual([-3, -2, -1, 0]);
    expect(h.counts).toEqual([1, 2, 2]);
    expect(h.nonPositive).toBe(2);
    expect(h.counts.reduce((a, b) => a + b, 0) + h.nonPositive).toBe(7);
  });

  it('widens a single value into one visible bin', () => {
    const h = logHistogram([5, 5], 4);
    expect(h.counts.reduce((a, b) => a + b)).toBe(2);
    expect(h.edges[4] - h.edges[0]).toBeCloseTo(1);
    expect(logHistogram([0], 4).counts).toEqual([]);
  });
});

describe('path-integral check', () => {
  it('compares −Σω with L(end) − L(start)', () => {
    const [p] = pathIntegralPoints([sw(0, 2, 2.3, 0.8)]);
    expect(p.estimate).toBeCloseTo(-2);
    expect(p.actual).toBeCloseTo(-1.5);
    expect(p.ratio).toBeCloseTo(0.75);
    expect(p.actual > p.estimate).toBe(true); // an overestimated drop lies above y = x
  });
});
