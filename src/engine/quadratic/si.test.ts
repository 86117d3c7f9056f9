import { describe, expect, it } from 'vitest';
import { computeLab } from './lab';
import type { QuadTask } from './task';
import { termOf, termValue } from './task';
import { testParams } from './testParams';

// Axis-aligned task A: H_A = diag(0.8, 2.5).
const A: QuadTask = { centre: [1, -0.5], curvatures: [0.8, 2.5], angle: 0 };
const B: QuadTask = { centre: [-1, 1], curvatures: [1, 1], angle: 0 };
const THETA0 = [-2, 1.5] as const;

describe('SI on a quadratic (the seeds’ gradient-flow analysis)', () => {
  it('small noise-free steps: Ω = diag(H_A)/2 within 2%, and Σω equals the loss drop within 1%', () => {
    const result = computeLab(testParams([A, B], THETA0, { lr: 0.005, steps: 4000, xi: 1e-4 }));
    const { importance, pathIntegral, lossDrop } = result.si;
    expect(Math.abs(importance[0] / (0.8 / 2) - 1)).toBeLessThan(0.02);
    expect(Math.abs(importance[1] / (2.5 / 2) - 1)).toBeLessThan(0.02);
    // −Σω = L(end) − L(start): Σω is the (positive) drop.
    expect(lossDrop).toBeGreaterThan(1);
    expect(Math.abs(pathIntegral / lossDrop - 1)).toBeLessThan(0.01);
    const start = termValue(termOf(A), THETA0[0], THETA0[1]);
    expect(lossDrop).toBeCloseTo(start, 6); // converged: the whole initial loss was dropped
  });

  it('with gradient noise the path integral exceeds the loss drop', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = computeLab(testParams([A, B], THETA0, { lr: 0.01, steps: 1000, noise: 1.5, seed }));
      const { pathIntegral, lossDrop } = result.si;
      // Noise adds lr·σ² per step and parameter to Σω while the loss drop stays bounded.
      expect(pathIntegral).toBeGreaterThan(lossDrop * 1.5);
    }
  });
});
