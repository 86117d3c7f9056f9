import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  extentOf,
  flatWeights,
  gridAxis,
  PlaneEvaluator,
  planeThrough,
  pointAt,
  project,
  Thinned,
} from './landscape';
import { crossEntropy, initialWeights, Mlp, type MlpShape } from './model/mlp';
import { createRng } from './random';
import { useCpuBackend } from './testSupport';

beforeAll(useCpuBackend);

const random = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
};

describe('landscape plane', () => {
  const [o, p1, p2] = [random(50, 1), random(50, 2), random(50, 3)];
  const plane = planeThrough(o, p1, p2);

  it('puts the origin at (0, 0) and the first end point on the e1 axis', () => {
    expect(project(plane, o)).toEqual([0, 0]);
    const [a, b] = project(plane, p1);
    const dist = Math.hypot(...Array.from(p1, (v, i) => v - o[i]));
    expect(a).toBeCloseTo(dist, 4);
    expect(b).toBeCloseTo(0, 4);
  });

  it('recovers the coordinates of the plane’s own points, and of p2 exactly', () => {
    for (const [a, b] of [
      [0.3, -1.2],
      [2, 0.5],
    ]) {
      const [x, y] = project(plane, pointAt(plane, a, b));
      expect(x).toBeCloseTo(a, 4);
      expect(y).toBeCloseTo(b, 4);
    }
    const [x, y] = project(plane, p2);
    const back = pointAt(plane, x, y);
    expect(Math.max(...Array.from(back, (v, i) => Math.abs(v - p2[i])))).toBeLessThan(1e-4);
  });

  it('still has a second axis when both end points are on one line', () => {
    const p = Float32Array.from(p1, (v, i) => o[i] + 2 * (v - o[i]));
    const degenerate = planeThrough(o, p1, p);
    const norm = Math.hypot(...degenerate.e2);
    expect(norm).toBeCloseTo(1, 4);
    expect(Math.abs(project({ ...degenerate, origin: new Float32Array(50) }, degenerate.e1)[1])).toBeLessThan(
      1e-4,
    );
  });

  it('spaces grid axes evenly and pads extents', () => {
    expect([...gridAxis(-1, 1, 5)]).toEqual([-1, -0.5, 0, 0.5, 1]);
    const e = extentOf(
      [
        [0, 0],
        [2, 1],
      ],
      0.5,
    );
    expect(e).toEqual({ x: [-1, 3], y: [-0.5, 1.5] });
    const wide = extentOf(
      [
        [0, 0],
        [4, 0.1],
      ],
      0,
      0.5,
    );
    expect(wide.y[1] - wide.y[0]).toBeCloseTo(2);
    expect((wide.y[0] + wide.y[1]) / 2).toBeCloseTo(0.05);
  });
});

describe('Thinned', () => {
  it('keeps between max/2 and max items spread over the whole run', () => {
    const t = new Thinned<number>(8);
    for (let s = 0; s < 100; s++) if (t.offer()) t.keep(s, s);
    expect(t.items.length).toBeLessThanOrEqual(8);
    expect(t.items.length).toBeGreaterThanOrEqual(4);
    expect(t.items[0].step).toBe(0);
    expect(t.items.at(-1)!.step).toBeGreaterThan(60);
    expect(t.items.every((k) => k.item === k.step)).toBe(true);
  });
});

describe('PlaneEvaluator', () => {
  it('evaluates the same loss as the network at the plane’s points', async () => {
    const shape: MlpShape = { inputSize: 6, hidden: [5], classes: 3, heads: 1 };
    const models = [1, 2, 3].map((seed) => new Mlp(initialWeights(shape, seed)));
    const flats = await Promise.all(
      models.map(async (m) => {
        const t = flatWeights(m);
        const d = (await t.data()) as Float32Array;
        t.dispose();
        return d;
      }),
    );
    const x = tf.tensor2d(random(8 * 6, 9), [8, 6]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3).toFloat() as tf.Tensor2D;
    const probe = { x, y, head: 0 };
    const before = tf.memory().numTensors;
    const plane = planeThrough(flats[0], flats[1], flats[2]);
    const evaluator = new PlaneEvaluator(shape, plane, [probe, probe]);
    const points: [number, number][] = [
      project(plane, flats[0]),
      project(plane, flats[1]),
      project(plane, flats[2]),
    ];
    const losses = await evaluator.losses(points);
    evaluator.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(losses).toHaveLength(6);
    for (const [k, m] of models.entries()) {
      const direct = await tf.tidy(() => crossEntropy(m.logits(x, 0), y)).data();
      expect(losses[k]).toBeCloseTo(direct[0], 4);
      expect(losses[3 + k]).toBeCloseTo(direct[0], 4);
    }
    tf.dispose([x, y]);
    for (const m of models) m.dispose();
  });
});
