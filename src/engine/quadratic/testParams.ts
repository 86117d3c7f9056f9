import type { LabParams } from './lab';
import type { Vec2 } from './mat2';
import type { QuadTask } from './task';

/** Noise-free defaults for the closed-form tests; each test overrides what it is about. */
export function testParams(
  tasks: readonly QuadTask[],
  theta0: Vec2,
  overrides: Partial<LabParams> = {},
): LabParams {
  return {
    tasks,
    theta0,
    lr: 0.05,
    steps: 2000,
    noise: 0,
    seed: 1,
    lambdaL2: 1,
    lambdaEwc: 1,
    c: 1,
    xi: 1e-3,
    fullFisher: false,
    ...overrides,
  };
}
