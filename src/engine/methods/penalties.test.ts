import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from '../defaults';
import { QuadraticPenalty } from '../penalty';
import { createRng } from '../random';
import { RunningSettings } from '../settings';
import { useCpuBackend } from '../testSupport';
import { ewc } from './ewc';
import { l2 } from './l2';
import { si } from './si';
import type { MethodModule } from './types';

beforeAll(useCpuBackend);

const shapes = [[3, 2], [2]];
const rng = createRng(11);
const randomTensors = (scale = 1, positive = false) =>
  shapes.map((s) => {
    const n = s.reduce((a, b) => a * b, 1);
    return tf.tensor(
      Float32Array.from({ length: n }, () => (positive ? rng.next() : rng.next() - 0.5) * scale),
      s,
    );
  });

const read = async (t: tf.Tensor) => (await t.data())[0];

/** A method's penalty as a learner runs it: the module's boundary hook feeding the shared penalty. */
interface Method {
  consolidate(thetas: tf.Tensor[], measures?: Record<string, tf.Tensor[]>): void;
  penalty(thetas: readonly tf.Tensor[]): tf.Scalar;
  addPenaltyGradient(k: number, theta: tf.Tensor, g: tf.Tensor): tf.Tensor;
}

function penaltyOf(module: MethodModule, settings: RunningSettings): Method {
  const spec = module.penalty!;
  const penalty = new QuadraticPenalty(() => spec.strength(settings));
  const state = spec.create(tf);
  return {
    consolidate: (thetas, measures = {}) => {
      const terms = state.atBoundary({ tf, settings, thetas, measure: (id) => measures[id] });
      if (terms) penalty.set(terms);
    },
    penalty: (thetas) => penalty.value(thetas),
    addPenaltyGradient: (k, theta, g) => {
      penalty.prepare();
      return penalty.addGradient(k, theta, g);
    },
  };
}

/** Central differences of the penalty value at θ, element by element. */
async function finiteDifferenceGradient(
  method: Method,
  thetas: tf.Tensor[],
  eps = 1e-2,
): Promise<number[][]> {
  const values = await Promise.all(thetas.map((t) => t.data()));
  const at = (k: number, i: number, d: number) =>
    thetas.map((t, j) => {
      if (j !== k) return t;
      const v = Float32Array.from(values[k]);
      v[i] += d;
      return tf.tensor(v, t.shape);
    });
  const fd: number[][] = [];
  for (let k = 0; k < thetas.length; k++) {
    fd.push([]);
    for (let i = 0; i < values[k].length; i++) {
      const [plus, minus] = await Promise.all([
        read(method.penalty(at(k, i, eps))),
        read(method.penalty(at(k, i, -eps))),
      ]);
      fd[k].push((plus - minus) / (2 * eps));
    }
  }
  return fd;
}

async function expectGradientMatches(method: Method, thetas: tf.Tensor[]) {
  const fd = await finiteDifferenceGradient(method, thetas);
  for (const [k, theta] of thetas.entries()) {
    const analytic = await method.addPenaltyGradient(k, theta, tf.zerosLike(theta)).data();
    const scale = Math.max(...fd[k].map(Math.abs));
    expect(scale).toBeGreaterThan(1e-3);
    fd[k].forEach((g, i) => {
      expect(Math.abs(analytic[i] - g)).toBeLessThan(2e-3 * scale);
    });
  }
}

const hp: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, lambdaL2: 0.7, lambdaEwc: 3, c: 0.4 };
const settings = (patch: Partial<Hyperparameters> = {}) => new RunningSettings({ ...hp, ...patch });

describe('analytic penalty gradients match finite differences of the penalty', () => {
  it('L2: 2λ(θ − θ*), and the value λ·Σ(θ − θ*)²', async () => {
    const method = penaltyOf(l2, settings());
    const anchor = randomTensors();
    method.consolidate(anchor);
    const theta = randomTensors();
    await expectGradientMatches(method, theta);
    const direct = tf.addN(theta.map((t, k) => tf.sum(tf.square(tf.sub(t, anchor[k])))));
    expect(await read(method.penalty(theta))).toBeCloseTo(hp.lambdaL2 * (await read(direct)), 5);
  });

  it('EWC, one penalty per task (two tasks): λF(θ − θ*), and the value equals the sum of per-task penalties', async () => {
    const method = penaltyOf(ewc, settings());
    const anchors = [randomTensors(), randomTensors()];
    const fishers = [randomTensors(1, true), randomTensors(1, true)];
    anchors.forEach((thetas, t) => {
      method.consolidate(thetas, { fisher: fishers[t] });
    });
    const theta = randomTensors();
    await expectGradientMatches(method, theta);
    const direct = tf.tidy(() =>
      tf.addN(
        anchors.flatMap((a, t) =>
          a.map((star, k) => tf.sum(tf.mul(fishers[t][k], tf.square(tf.sub(theta[k], star))))),
        ),
      ),
    );
    expect(await read(method.penalty(theta))).toBeCloseTo((hp.lambdaEwc / 2) * (await read(direct)), 4);
  });

  it('online EWC: F ← γF + F_new around the latest anchor', async () => {
    const online = settings({ ewcOnline: true, gamma: 0.5 });
    const method = penaltyOf(ewc, online);
    const f1 = randomTensors(1, true);
    const f2 = randomTensors(1, true);
    method.consolidate(randomTensors(), { fisher: f1 });
    const anchor = randomTensors();
    method.consolidate(anchor, { fisher: f2 });
    const theta = randomTensors();
    await expectGradientMatches(method, theta);
    const expected = tf.tidy(() =>
      tf.addN(
        theta.map((t, k) =>
          tf.sum(tf.mul(tf.add(tf.mul(0.5, f1[k]), f2[k]), tf.square(tf.sub(t, anchor[k])))),
        ),
      ),
    );
    expect(await read(method.penalty(theta))).toBeCloseTo((hp.lambdaEwc / 2) * (await read(expected)), 4);
  });

  it('SI: 2cΩ(θ − θ̃), and the value c·ΣΩ(θ − θ̃)²', async () => {
    const method = penaltyOf(si, settings());
    const Omega = randomTensors(1, true);
    const anchor = randomTensors();
    method.consolidate(anchor, { Omega });
    const theta = randomTensors();
    await expectGradientMatches(method, theta);
    const direct = tf.addN(theta.map((t, k) => tf.sum(tf.mul(Omega[k], tf.square(tf.sub(t, anchor[k]))))));
    expect(await read(method.penalty(theta))).toBeCloseTo(hp.c * (await read(direct)), 5);
  });
});

describe('the shared penalty', () => {
  it('reads the strength at every step: a slider move acts without a task boundary', async () => {
    const live = settings();
    const method = penaltyOf(l2, live);
    method.consolidate(randomTensors());
    const theta = randomTensors();
    const before = await method.addPenaltyGradient(0, theta[0], tf.zerosLike(theta[0])).data();
    live.update({ lambdaL2: 3 * hp.lambdaL2 });
    const after = await method.addPenaltyGradient(0, theta[0], tf.zerosLike(theta[0])).data();
    before.forEach((g, i) => {
      expect(after[i]).toBeCloseTo(3 * g, 5);
    });
  });

  it('passes the gradient through untouched before the first boundary', () => {
    const method = penaltyOf(ewc, settings());
    const g = tf.ones([2]);
    expect(method.addPenaltyGradient(1, tf.zeros([2]), g)).toBe(g);
  });
});
