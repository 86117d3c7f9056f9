import type { Vec2 } from './mat2';
import type { QuadSum, QuadTerm } from './task';

/** One phase of training: gradient descent on a task loss plus a (possibly empty) penalty. */
export interface DescentSpec {
  /** The task loss. Gradient noise and SI's credit apply to its gradient only. */
  readonly task: QuadTerm;
  /** The method's penalty, kept as its gradient Pθ − p; exact, like a regulariser in minibatch training. */
  readonly penalty: QuadSum;
  readonly lr: number;
  readonly steps: number;
  /** Standard deviation of the Gaussian noise added to each component of the task gradient. */
  readonly noise: number;
  /** Seeded standard normals, so a noisy run is reproducible and every method sees the same noise. */
  readonly normal: () => number;
}

export interface DescentOutcome {
  /** SI's running sums ω_k = −Σ_t g_k(t)·Δθ_k(t), g the (noisy) task gradient, Δθ the applied update. */
  readonly omega: Vec2;
  /** True when the iterate blew up (learning rate too large for the objective's curvature). */
  readonly diverged: boolean;
}

/** Far outside any plot: past this the run is called diverged and frozen at its last finite point, so no NaN reaches the SVG. */
const BLOW_UP = 1e6;

/**
 * Runs `steps` updates from `start`, writing steps+1 points (x, y interleaved) into `out` from point
 * index `at`. Scalar locals only: no allocation inside the loop, so four 500-step runs cost microseconds.
 */
export function descend(spec: DescentSpec, start: Vec2, out: Float64Array, at: number): DescentOutcome {
  const { a: ha, b: hb, c: hc } = spec.task.H;
  const [tx, ty] = spec.task.centre;
  const { a: pa, b: pb, c: pc } = spec.penalty.H;
  const [px, py] = spec.penalty.h;
  const { lr, steps, noise, normal } = spec;
  let x = start[0];
  let y = start[1];
  let wx = 0;
  let wy = 0;
  let diverged = false;
  let o = 2 * at;
  out[o] = x;
  out[o + 1] = y;
  for (let s = 0; s < steps; s++) {
    if (!diverged) {
      const dx = x - tx;
      const dy = y - ty;
      let gx = ha * dx + hb * dy;
      let gy = hb * dx + hc * dy;
      if (noise > 0) {
        gx += noise * normal();
        gy += noise * normal();
      }
      const ux = -lr * (gx + pa * x + pb * y - px);
      const uy = -lr * (gy + pb * x + pc * y - py);
      // Written as a negated comparison so NaN counts as blown up too.
      diverged = !(Math.abs(x + ux) < BLOW_UP && Math.abs(y + uy) < BLOW_UP);
      if (!diverged) {
        wx -= gx * ux;
        wy -= gy * uy;
        x += ux;
        y += uy;
      }
    }
    o += 2;
    out[o] = x;
    out[o + 1] = y;
  }
  return { omega: [wx, wy], diverged };
}
