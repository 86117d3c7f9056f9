import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../defaults';
import { applyAndMeasure, createOptimizer } from '../model/optimizer';
import { PathIntegral } from '../pathIntegral';
import { RunningSettings } from '../settings';
import { useCpuBackend } from '../testSupport';
import { si } from './si';
import type { BoundaryContext } from './types';

beforeAll(useCpuBackend);

// E(θ) = ½ Σ_k h_k (θ_k − θ*_k)²: the seeds' quadratic analysis. Under gradient flow from θ0 to
// θ*, ω_k = ½h_k(θ0_k − θ*_k)² and Δ_k = θ*_k − θ0_k, so Ω_k = ω_k/Δ_k² = h_k/2.
const h = [1, 4];
const optimum = [0.5, -1];

async function train(steps: number, learningRate: number) {
  const theta = tf.variable(tf.tensor1d([2.5, 1]));
  const H = tf.tensor1d(h);
  const star = tf.tensor1d(optimum);
  const loss = () => tf.mul(0.5, tf.sum(tf.mul(H, tf.square(tf.sub(theta, star))))) as tf.Scalar;
  const path = new PathIntegral([theta]);
  const optimizer = createOptimizer({ ...DEFAULT_HYPERPARAMETERS, optimizer: 'sgd', learningRate });
  const read = async (t: tf.Tensor) => (await t.data())[0];
  const lossStart = await read(loss());
  for (let s = 0; s < steps; s++) {
    const { value, grads } = tf.variableGrads(loss, [theta]);
    const g = [grads[theta.name]];
    const deltas = applyAndMeasure(optimizer, [theta], g);
    path.accumulate([0], g, deltas);
    tf.dispose([value, ...g, ...deltas]);
  }
  const lossEnd = await read(loss());
  const sumOmega = await read(path.total());
  // SI's Ω measure at the boundary, as a learner takes it (ξ ≈ 0).
  const settings = new RunningSettings({ ...DEFAULT_HYPERPARAMETERS, xi: 1e-9 });
  const context: BoundaryContext = {
    tf,
    settings,
    thetas: [theta],
    path: { omega: path.omega, start: path.start },
    probeSize: 0,
    fisher: () => Promise.reject(new Error('not needed')),
    perExampleGradientSums: () => [],
  };
  const measure = si.measures.find((m) => m.id === 'Omega')!.create(tf);
  const [Omega] = await measure.atBoundary(context);
  const result = { lossStart, lossEnd, sumOmega, Omega: Array.from(await Omega.data()) };
  tf.dispose([theta, H, star, Omega]);
  measure.dispose();
  path.dispose();
  optimizer.dispose();
  return result;
}

describe('SI path integral on a diagonal quadratic (full-batch gradient descent, small step)', () => {
  let run: Awaited<ReturnType<typeof train>>;
  beforeAll(async () => {
    run = await train(6000, 1e-3);
  });

  it('Σω equals the loss drop L(start) − L(end) within 1% (−Σω is the loss change)', () => {
    const drop = run.lossStart - run.lossEnd;
    expect(drop).toBeGreaterThan(2);
    expect(Math.abs(run.sumOmega - drop) / drop).toBeLessThan(0.01);
  });

  it('Ω with ξ ≈ 0 equals half the curvature of each axis within 2%', () => {
    run.Omega.forEach((O, k) => {
      expect(Math.abs(O - h[k] / 2) / (h[k] / 2)).toBeLessThan(0.02);
    });
  });

  it('fails the check when stopped early (Ω then underestimates the slow axis)', async () => {
    const early = await train(300, 1e-3);
    expect(Math.abs(early.Omega[0] - h[0] / 2) / (h[0] / 2)).toBeGreaterThan(0.02);
  });
});
