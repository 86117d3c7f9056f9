import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from '../defaults';
import { createRng } from '../random';
import { useCpuBackend } from '../testSupport';
import { createEwc } from './ewc';
import { createL2 } from './l2';
import { createSi, PathIntegral } from './si';
import type { Method } from './types';

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

describe('analytic penalty gradients match finite differences of the penalty', () => {
  it('L2: 2λ(θ − θ*)', async () => {
    const l2 = createL2(hp);
    l2.consolidate({ thetas: randomTensors(), fisher: randomTensors(1, true) });
    await expectGradientMatches(l2, randomTensors());
  });

  it('EWC, one penalty per task (two tasks): λF(θ − θ*), and the value equals the sum of per-task penalties', async () => {
    const ewc = createEwc(hp);
    const anchors = [randomTensors(), randomTensors()];
    const fishers = [randomTensors(1, true), randomTensors(1, true)];
    anchors.forEach((thetas, t) => {
      ewc.consolidate({ thetas, fisher: fishers[t] });
    });
    const theta = randomTensors();
    await expectGradientMatches(ewc, theta);
    const direct = tf.tidy(() =>
      tf.addN(
        anchors.flatMap((a, t) =>
          a.map((star, k) => tf.sum(tf.mul(fishers[t][k], tf.square(tf.sub(theta[k], star))))),
        ),
      ),
    );
    expect(await read(ewc.penalty(theta))).toBeCloseTo((hp.lambdaEwc / 2) * (await read(direct)), 4);
  });

  it('online EWC: F ← γF + F_new around the latest anchor', async () => {
    const online = { ...hp, ewcOnline: true, gamma: 0.5 };
    const ewc = createEwc(online);
    const f1 = randomTensors(1, true);
    const f2 = randomTensors(1, true);
    ewc.consolidate({ thetas: randomTensors(), fisher: f1 });
    const anchor = randomTensors();
    ewc.consolidate({ thetas: anchor, fisher: f2 });
    const theta = randomTensors();
    await expectGradientMatches(ewc, theta);
    const expected = tf.tidy(() =>
      tf.addN(
        theta.map((t, k) =>
          tf.sum(tf.mul(tf.add(tf.mul(0.5, f1[k]), f2[k]), tf.square(tf.sub(t, anchor[k])))),
        ),
      ),
    );
    expect(await read(ewc.penalty(theta))).toBeCloseTo((online.lambdaEwc / 2) * (await read(expected)), 4);
  });

  it('SI: 2cΩ(θ − θ̃)', async () => {
    const start = randomTensors();
    const path = new PathIntegral(start);
    path.accumulate(randomTensors(), randomTensors());
    path.consolidate(randomTensors(), 0.1);
    const si = createSi(hp, path);
    await expectGradientMatches(si, randomTensors());
  });
});
