/**
 * The real loss landscape on a 2D plane of parameter space: the plane through θ_A (the weights
 * at the end of task A) spanned by two methods' end points of task B, the task losses evaluated
 * on a grid of that plane, and trajectories projected onto it. The plane's geometry is plain
 * CPU arithmetic on flat weight vectors; the losses are tfjs forward passes, read back in chunks.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TaskProbe } from './learner';
import { crossEntropy, Mlp, type MlpShape } from './model/mlp';

/** An orthonormal basis (e1, e2) through `origin`; coordinates are distances in parameter space. */
export interface Plane {
  origin: Float32Array;
  e1: Float32Array;
  e2: Float32Array;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Gram–Schmidt on u = p1 − origin and v = p2 − origin, so p1 lies on the e1 axis. If v is parallel
 * to u (the two methods ended at the same place, e.g. c = 0), e2 is a fixed alternating-sign
 * direction orthogonal to e1, so the picture still has a second axis.
 */
export function planeThrough(origin: Float32Array, p1: Float32Array, p2: Float32Array): Plane {
  const n = origin.length;
  const u = Float64Array.from(p1, (v, i) => v - origin[i]);
  const nu = Math.sqrt(dot(u, u));
  const e1 = nu > 0 ? Float32Array.from(u, (v) => v / nu) : unit(n, 0);
  const orthogonalize = (w: Float64Array) => {
    const c = dot(w, e1);
    for (let i = 0; i < n; i++) w[i] -= c * e1[i];
    return Math.sqrt(dot(w, w));
  };
  let w = Float64Array.from(p2, (v, i) => v - origin[i]);
  let nw = orthogonalize(w);
  if (nw <= 1e-6 * Math.max(nu, 1e-12)) {
    w = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1));
    nw = orthogonalize(w);
  }
  return { origin, e1, e2: Float32Array.from(w, (v) => v / nw) };
}
const unit = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => (i === k ? 1 : 0));

/** Coordinates of θ's orthogonal projection onto the plane. */
export function project(plane: Plane, theta: ArrayLike<number>): [number, number] {
  let a = 0;
  let b = 0;
  for (let i = 0; i < theta.length; i++) {
    const d = theta[i] - plane.origin[i];
    a += d * plane.e1[i];
    b += d * plane.e2[i];
  }
  return [a, b];
}

/** The point of the plane at (a, b). */
export function pointAt(plane: Plane, a: number, b: number): Float32Array {
  return Float32Array.from(plane.origin, (o, i) => o + a * plane.e1[i] + b * plane.e2[i]);
}

/** `n` evenly spaced values from lo to hi, both included. */
export function gridAxis(lo: number, hi: number, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / Math.max(1, n - 1));
}

/**
 * The bounding box of `points` with `margin` (a fraction of its size) on each side, its shorter
 * side widened to at least `minAspect` of the longer: when two methods end close together the
 * plane is still shown as an area, not a sliver.
 */
export function extentOf(
  points: readonly [number, number][],
  margin: number,
  minAspect = 0,
): { x: [number, number]; y: [number, number] } {
  const range = (vals: number[]) => [Math.min(...vals), Math.max(...vals)];
  const [x0, x1] = range(points.map((p) => p[0]));
  const [y0, y1] = range(points.map((p) => p[1]));
  const longest = Math.max(x1 - x0, y1 - y0, 1e-3);
  const span = (lo: number, hi: number): [number, number] => {
    const half = Math.max(hi - lo, longest * minAspect, 1e-3) / 2;
    const mid = (lo + hi) / 2;
    return [mid - half * (1 + 2 * margin), mid + half * (1 + 2 * margin)];
  };
  return { x: span(x0, x1), y: span(y0, y1) };
}

/**
 * A thinned record of a trajectory: keeps one item every `stride` offers and, when more than
 * `max` are kept, drops every other one and doubles the stride. Between max/2 and max items
 * cover the whole task evenly, however long it runs.
 */
export class Thinned<T> {
  private kept: { step: number; item: T }[] = [];
  private stride = 1;
  private calls = 0;

  constructor(private readonly max: number) {}

  /** Counts one opportunity; true when its item should be kept (so weights are read only then). */
  offer(): boolean {
    return this.calls++ % this.stride === 0;
  }

  /** Keeps an item the last `offer` asked for, thinning when there are too many. */
  keep(step: number, item: T): void {
    this.kept.push({ step, item });
    if (this.kept.length > this.max) {
      this.kept = this.kept.filter((_, k) => k % 2 === 0);
      this.stride *= 2;
    }
  }

  get items(): readonly { step: number; item: T }[] {
    return this.kept;
  }
}

/** Every variable of `model` in its fixed order, flattened into one vector (a new tensor). */
export function flatWeights(model: Mlp): tf.Tensor1D {
  return tf.tidy(() => tf.concat(model.variables().map((v) => v.flatten())) as tf.Tensor1D);
}

/**
 * Evaluates task losses at points of a plane with a scratch copy of the network: the plane's
 * vectors live on the device split by variable, and each point is origin + a·e1 + b·e2 assigned
 * to the scratch variables, so nothing is uploaded per point.
 */
export class PlaneEvaluator {
  private readonly model: Mlp;
  private readonly parts: { origin: tf.Tensor; e1: tf.Tensor; e2: tf.Tensor }[];

  constructor(
    shape: MlpShape,
    plane: Plane,
    private readonly probes: readonly TaskProbe[],
  ) {
    const sizes = layerSizes(shape);
    const zero = (n: number) => new Float32Array(n);
    this.model = new Mlp({
      shape,
      layers: sizes.map(([i, o]) => ({ W: zero(i * o), b: zero(o), inSize: i, outSize: o })),
    });
    let offset = 0;
    this.parts = this.model.variables().map((v) => {
      const slice = (x: Float32Array) => tf.keep(tf.tensor(x.subarray(offset, offset + v.size), v.shape));
      const part = { origin: slice(plane.origin), e1: slice(plane.e1), e2: slice(plane.e2) };
      offset += v.size;
      return part;
    });
  }

  /** Loss of every probe at every point: result[p * points.length + i]. */
  async losses(points: readonly [number, number][]): Promise<Float32Array> {
    const perPoint: tf.Scalar[][] = points.map(([a, b]) => {
      this.model.variables().forEach((v, k) => {
        const { origin, e1, e2 } = this.parts[k];
        // Inside tidy, the assigned value's handle is released; the variable keeps its data.
        tf.tidy(() => v.assign(tf.add(origin, tf.add(tf.mul(e1, a), tf.mul(e2, b)))));
      });
      return this.probes.map((p) => tf.tidy(() => crossEntropy(this.model.logits(p.x, p.head), p.y)));
    });
    const byProbe = tf.tidy(() =>
      tf.stack(this.probes.flatMap((_, p) => perPoint.map((losses) => losses[p]))),
    );
    tf.dispose(perPoint.flat());
    const out = (await byProbe.data()) as Float32Array;
    byProbe.dispose();
    return out;
  }

  dispose(): void {
    this.model.dispose();
    tf.dispose(this.parts.flatMap((p) => [p.origin, p.e1, p.e2]));
  }
}

/** [in, out] of every layer in `Mlp.variables()` order: the trunk, then each head. */
function layerSizes(shape: MlpShape): [number, number][] {
  const sizes = [shape.inputSize, ...shape.hidden];
  const out = sizes.slice(0, -1).map((n, l): [number, number] => [n, sizes[l + 1]]);
  for (let h = 0; h < shape.heads; h++) out.push([sizes[sizes.length - 1], shape.classes]);
  return out;
}
