import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../data/batches';
import { batchLogitsOf, crossEntropy, type LayerTensors } from '../model/mlp';

/**
 * How the lanes' matrix products run. `batched`: one batched product per layer ([lanes, B, in] ×
 * [lanes, in, out]), a fixed number of kernels whatever the lane count: what GPU backends, where
 * every kernel is a dispatch, want. `looped`: a 2-D product per lane on the lanes of the stacked
 * tensors (tfjs's WASM and CPU backends run batched products about 5× slower than the same work as
 * 2-D products); every other kernel of the step still serves all lanes at once.
 */
export type LaneMatMul = 'batched' | 'looped';

export const laneMatMulFor = (backend: string): LaneMatMul =>
  backend === 'wasm' || backend === 'cpu' ? 'looped' : 'batched';

/** Stacked weights: every trunk layer and every head, W [lanes, in, out] and b [lanes, out]. */
export interface StackedLayers {
  trunk: LayerTensors[];
  heads: LayerTensors[];
}

/**
 * Each lane's mean cross-entropy on its own batch, [lanes]; 0 for a lane without one (halted).
 * Heads no lane's batch reads are never touched, so they need no gradient.
 */
export function laneLosses(
  layers: StackedLayers,
  batches: readonly (Batch | null)[],
  how: LaneMatMul,
): tf.Tensor1D {
  if (how === 'batched') return stackedLosses(layers, batches, (a, w) => tf.matMul(a, w));
  // Padding every lane to replay's double batch would double every lane's products: lanes whose
  // batches differ in size run one by one instead.
  const sizes = new Set(batches.flatMap((b) => (b ? [b.x.shape[0]] : [])));
  return sizes.size === 1 ? stackedLosses(layers, batches, loopedProduct) : loopedLosses(layers, batches);
}

/** a·W lane by lane, [lanes or 1, B, in] × [lanes, in, out]; `data`: a is the input, which needs no gradient. */
type LaneProduct = (a: tf.Tensor3D, w: tf.Tensor3D, data: boolean) => tf.Tensor3D;

const inputLanes = (a: tf.Tensor, lanes: number): tf.Tensor[] =>
  a.shape[0] === 1 ? Array(lanes).fill(tf.reshape(a, a.shape.slice(1))) : lanesOf(a);

/**
 * a·W as one 2-D product per lane, with a gradient of 2-D products and explicit transposes (as
 * `dense` in model/mlp.ts). `data`: a is the input (one batch shared by every lane, or one per
 * lane) and gets no gradient.
 */
const loopedProduct: LaneProduct = (a, w, data) => {
  const lanes = w.shape[0];
  const forward = (x: tf.Tensor, weights: tf.Tensor) => {
    const xs = inputLanes(x, lanes);
    return tf.stack(lanesOf(weights).map((wm, m) => tf.matMul(xs[m] as tf.Tensor2D, wm as tf.Tensor2D)));
  };
  const weightGradient = (x: tf.Tensor, dy: tf.Tensor) => {
    const xs = inputLanes(x, lanes);
    const shared = x.shape[0] === 1 ? tf.transpose(xs[0]) : null;
    return tf.stack(
      lanesOf(dy).map((d, m) => tf.matMul((shared ?? tf.transpose(xs[m])) as tf.Tensor2D, d as tf.Tensor2D)),
    );
  };
  if (data) {
    return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      // Saved (kept) for the gradient: a stacked input is gone once the forward pass is tidied.
      (args[1] as tf.GradSaveFunc)([a]);
      return {
        value: forward(a, args[0] as tf.Tensor),
        gradFunc: (dy: tf.Tensor, [x]: tf.Tensor[]) => [weightGradient(x, dy)],
      };
    })(w) as tf.Tensor3D;
  }
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, weights, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([x, weights]);
    return {
      value: forward(x, weights),
      gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => [
        tf.stack(
          lanesOf(dy).map((d, m) => tf.matMul(d as tf.Tensor2D, tf.transpose(lanesOf(ws)[m]) as tf.Tensor2D)),
        ),
        weightGradient(xs, dy),
      ],
    };
  })(a, w) as tf.Tensor3D;
};

/**
 * The lanes of a stacked tensor. tfjs's unstack gradient fails for a single output (its kernel then
 * hands the gradient on as a tensor, not a list), so one lane is a reshape.
 */
export const lanesOf = (t: tf.Tensor): tf.Tensor[] =>
  t.shape[0] === 1 ? [tf.reshape(t, t.shape.slice(1))] : tf.unstack(t);

function loopedLosses({ trunk, heads }: StackedLayers, batches: readonly (Batch | null)[]): tf.Tensor1D {
  const used = new Set(batches.flatMap((b) => b?.heads ?? []));
  const split = (l: LayerTensors) => ({ W: lanesOf(l.W), b: lanesOf(l.b) });
  const trunkLanes = trunk.map(split);
  const headLanes = new Map([...used].map((h) => [h, split(heads[h])]));
  const lane = (parts: { W: tf.Tensor[]; b: tf.Tensor[] }, m: number) => ({ W: parts.W[m], b: parts.b[m] });
  return tf.stack(
    batches.map((batch, m) => {
      if (!batch) return tf.scalar(0);
      const laneHeads: LayerTensors[] = [];
      for (const [h, parts] of headLanes) laneHeads[h] = lane(parts, m);
      const logits = batchLogitsOf(
        trunkLanes.map((parts) => lane(parts, m)),
        laneHeads,
        batch,
      );
      return crossEntropy(logits, batch.y);
    }),
  ) as tf.Tensor1D;
}

/** Every lane's loss with activations stacked [lanes, B, …], the products run by `product`. */
function stackedLosses(
  { trunk, heads }: StackedLayers,
  batches: readonly (Batch | null)[],
  product: LaneProduct,
): tf.Tensor1D {
  const given = batches.filter((b): b is Batch => b !== null);
  const shared = given.every((b) => b === given[0]);
  const rows = Math.max(...given.map((b) => b.x.shape[0]));
  // Every lane's examples padded to the longest batch with all-zero rows: a zero target row adds
  // nothing to the loss, and each lane's sum is divided by its own count.
  const padded = (t: (b: Batch) => tf.Tensor2D, width: number) =>
    tf.stack(
      batches.map((b) =>
        b
          ? tf.pad(t(b), [
              [0, rows - t(b).shape[0]],
              [0, 0],
            ])
          : tf.zeros([rows, width]),
      ),
    ) as tf.Tensor3D;
  const stackedOrShared = (t: (b: Batch) => tf.Tensor2D) =>
    shared ? (t(given[0]).expandDims(0) as tf.Tensor3D) : padded(t, t(given[0]).shape[1]);
  const x = stackedOrShared((b) => b.x);
  const y = stackedOrShared((b) => b.y);
  const layer = (a: tf.Tensor3D, l: LayerTensors) =>
    tf.add(product(a, l.W as tf.Tensor3D, a === x), tf.expandDims(l.b, 1));
  let hidden = x;
  for (const l of trunk) hidden = tf.relu(layer(hidden, l)) as tf.Tensor3D;
  const used = [...new Set(given.flatMap((b) => b.heads))];
  let logits: tf.Tensor;
  if (used.length === 1 && given.every((b) => !b.headMask)) {
    logits = layer(hidden, heads[used[0]]);
  } else {
    // Each example through its own head: a one-hot mask [lanes, rows, heads] per example.
    const mask = stackedOrShared(
      (b) =>
        b.headMask ??
        (tf.oneHot(Array(b.x.shape[0]).fill(b.heads[0]), heads.length).toFloat() as tf.Tensor2D),
    );
    logits = used
      .map((h) => tf.mul(layer(hidden, heads[h]), mask.slice([0, 0, h], [-1, -1, 1])))
      .reduce((sum, term) => tf.add(sum, term));
  }
  const summed = tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)), [1, 2]));
  const perExample = tf.tensor1d(batches.map((b) => (b ? 1 / b.x.shape[0] : 0)));
  return tf.mul(summed, perExample) as tf.Tensor1D;
}
