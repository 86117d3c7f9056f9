import { describe, expect, it } from 'vitest';
import { jointOptimum, penalisedMinimiser } from './closedForm';
import { computeLab } from './lab';
import { eigenSym } from './mat2';
import type { QuadTask } from './task';
import { testParams } from './testParams';

const A: QuadTask = { centre: [-1, 0.5], curvatures: [0.3, 2], angle: 0.6 };
const B: QuadTask = { centre: [1.5, -0.5], curvatures: [1.5, 0.4], angle: -0.3 };

/** H = R diag(l1, l2) Rᵀ written out by hand, independently of the engine's mat2 helpers. */
function hessian(t: QuadTask): number[][] {
  const [l1, l2] = t.curvatures;
  const cs = Math.cos(t.angle);
  const sn = Math.sin(t.angle);
  const off = (l1 - l2) * cs * sn;
  return [
    [l1 * cs * cs + l2 * sn * sn, off],
    [off, l1 * sn * sn + l2 * cs * cs],
  ];
}

/** (M1 + M2)⁻¹ (M1 x1 + M2 x2) by explicit inverse. */
function weightedMean(
  m1: number[][],
  x1: readonly number[],
  m2: number[][],
  x2: readonly number[],
): number[] {
  const s = [0, 1].map((i) => [0, 1].map((j) => m1[i]![j]! + m2[i]![j]!));
  const r = [0, 1].map(
    (i) => m1[i]![0]! * x1[0]! + m1[i]![1]! * x1[1]! + m2[i]![0]! * x2[0]! + m2[i]![1]! * x2[1]!,
  );
  const det = s[0]![0]! * s[1]![1]! - s[0]![1]! * s[1]![0]!;
  return [(s[1]![1]! * r[0]! - s[0]![1]! * r[1]!) / det, (s[0]![0]! * r[1]! - s[1]![0]! * r[0]!) / det];
}

const scaled = (m: number[][], k: number): number[][] => m.map((row) => row.map((v) => k * v));

describe('closed forms', () => {
  it('joint optimum is (H_A+H_B)⁻¹(H_Aθ*_A + H_Bθ*_B)', () => {
    const expected = weightedMean(hessian(A), A.centre, hessian(B), B.centre);
    const joint = jointOptimum([A, B])!;
    expect(joint[0]).toBeCloseTo(expected[0]!, 10);
    expect(joint[1]).toBeCloseTo(expected[1]!, 10);
    // And it is not trivially one of the centres.
    expect(Math.hypot(joint[0] - A.centre[0], joint[1] - A.centre[1])).toBeGreaterThan(0.1);
    expect(Math.hypot(joint[0] - B.centre[0], joint[1] - B.centre[1])).toBeGreaterThan(0.1);
  });

  it('full-matrix EWC: as λ grows the end point moves toward θ*_A and matches the closed-form minimiser', () => {
    const lambdas = [0.1, 1, 10, 100, 1e4];
    const distances = lambdas.map((lambda) => {
      // Stable, fast-converging step for this λ: lr = 1/λ_max of the EWC objective's Hessian.
      const g = hessian(B).map((row, i) => row.map((v, j) => v + lambda * hessian(A)[i]![j]!));
      const { l1, l2 } = eigenSym({ a: g[0]![0]!, b: g[0]![1]!, c: g[1]![1]! });
      const lr = 1 / l1;
      const steps = Math.ceil(40 / (lr * l2));
      const params = testParams([A, B], A.centre, { lambdaEwc: lambda, fullFisher: true, lr, steps });
      const run = computeLab(params).methods.ewc;
      const end = [run.path[run.path.length - 2]!, run.path[run.path.length - 1]!];
      const expected = weightedMean(hessian(B), B.centre, scaled(hessian(A), lambda), A.centre);
      expect(end[0]).toBeCloseTo(expected[0]!, 6);
      expect(end[1]).toBeCloseTo(expected[1]!, 6);
      const engine = penalisedMinimiser(
        B,
        A.centre,
        { a: hessian(A)[0]![0]!, b: hessian(A)[0]![1]!, c: hessian(A)[1]![1]! },
        lambda,
      )!;
      expect(engine[0]).toBeCloseTo(expected[0]!, 10);
      expect(engine[1]).toBeCloseTo(expected[1]!, 10);
      return Math.hypot(end[0]! - A.centre[0], end[1]! - A.centre[1]);
    });
    for (let i = 1; i < distances.length; i++) expect(distances[i]!).toBeLessThan(distances[i - 1]!);
    expect(distances[distances.length - 1]!).toBeLessThan(1e-3);
    expect(distances[0]!).toBeGreaterThan(1);
  });
});
