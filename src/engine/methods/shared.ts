/** Building blocks several method modules share (type-only tfjs, like the modules themselves). */
import type { BoundaryContext, MeasureState, PenaltyBoundary, PenaltyState, Tensor, Tf } from './types';

/**
 * A penalty anchored at the weights of the latest boundary (m = θ*), with the importance a the
 * method picks there (L2: ones, SI: its Ω, …).
 */
export const anchoredAtBoundary =
  (importance: (b: PenaltyBoundary) => Tensor[]) =>
  (tf: Tf): PenaltyState => ({
    atBoundary: (b) => ({
      importance: importance(b),
      anchor: b.thetas.map((t) => tf.clone(t)),
      constant: tf.scalar(0),
    }),
    dispose: () => {},
  });

/**
 * A measure summed over tasks: at each boundary Ω ← Ω + increment (then max(0, ·) when
 * `clampAtZero`), reported as the running Ω. `increment` returns new tensors, same order as θ.
 */
export const cumulativeMeasure =
  (increment: (ctx: BoundaryContext) => Promise<Tensor[]> | Tensor[], clampAtZero = false) =>
  (tf: Tf): MeasureState => {
    let total: Tensor[] | null = null;
    return {
      atBoundary: async (ctx) => {
        const inc = await increment(ctx);
        const next = tf.tidy(() =>
          inc.map((d, k) => {
            const sum = total ? tf.add(total[k], d) : tf.clone(d);
            return clampAtZero ? tf.relu(sum) : sum;
          }),
        );
        tf.dispose([...inc, ...(total ?? [])]);
        total = next;
        return total.map((t) => tf.clone(t));
      },
      dispose: () => {
        if (total) tf.dispose(total);
      },
    };
  };
