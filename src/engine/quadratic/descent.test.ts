import { describe, expect, it } from 'vitest';
import { computeLab } from './lab';
import type { QuadTask } from './task';
import { testParams } from './testParams';

const A: QuadTask = { centre: [-1.5, -0.6], curvatures: [0.5, 3], angle: 0.2 };
const B: QuadTask = { centre: [1.6, 1.5], curvatures: [2, 0.4], angle: 0.35 };

describe('gradient descent', () => {
  it('SGD started at θ*_A converges to θ*_B', () => {
    const result = computeLab(testParams([A, B], A.centre, { lr: 0.1, steps: 1000 }));
    const path = result.methods.sgd.path;
    // Starts exactly where task A is solved …
    expect(path[0]).toBe(A.centre[0]);
    expect(path[1]).toBe(A.centre[1]);
    // … and ends at task B's optimum, having forgotten A.
    expect(path[path.length - 2]).toBeCloseTo(B.centre[0], 6);
    expect(path[path.length - 1]).toBeCloseTo(B.centre[1], 6);
    expect(result.methods.sgd.finalLosses[0]).toBeGreaterThan(1);
  });
});
