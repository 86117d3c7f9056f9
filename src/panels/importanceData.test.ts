import { describe, expect, it } from 'vitest';
import type { LayerImportance } from '../engine/boundary';
import type { TaskSwitch } from '../store/results';
import { layersAt, pathIntegralPoints } from './importanceData';

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

describe('importance data', () => {
  it('finds one method’s layer at a boundary', () => {
    expect(layersAt(sw(0, 1, 2, 1), 'si', 'output')).toEqual([l2]);
    expect(layersAt(sw(0, 1, 2, 1), 'si', null)).toHaveLength(2);
    expect(layersAt(sw(0, 1, 2, 1), 'ewc', null)).toEqual([]);
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
