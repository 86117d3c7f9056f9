import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../data/batches';
import { createRng, deriveSeed } from '../random';

export interface MlpShape {
  inputSize: number;
  hidden: readonly number[];
  /** Classes per head. */
  classes: number;
  /** Output heads; more than one means task-specific heads that are never consolidated. */
  heads: number;
}

export interface Layer {
  W: tf.Variable;
  b: tf.Variable;
}

/** A layer's weights as plain tensors (a model's variables, or one lane of stacked weights). */
export interface LayerTensors {
  W: tf.Tensor;
  b: tf.Tensor;
}

/** Initial weights as plain arrays, so several learners can start from exactly the same network. */
export interface MlpWeights {
  shape: MlpShape;
  /** Per layer (hidden layers, then every head): W row-major [in, out], then b. */
  layers: { W: Float32Array; b: Float32Array; inSize: number; outSize: number }[];
}

/** Glorot-uniform weights and zero biases from the seed. */
export function initialWeights(shape: MlpShape, seed: number): MlpWeights {
  const rng = createRng(deriveSeed(seed, 'init'));
  const sizes = [shape.inputSize, ...shape.hidden];
  const dims = sizes.slice(0, -1).map((inSize, l) => [inSize, sizes[l + 1]]);
  for (let h = 0; h < shape.heads; h++) dims.push([sizes[sizes.length - 1], shape.classes]);
  const layers = dims.map(([inSize, outSize]) => {
    const limit = Math.sqrt(6 / (inSize + outSize));
    const W = Float32Array.from({ length: inSize * outSize }, () => (2 * rng.next() - 1) * limit);
    return { W, b: new Float32Array(outSize), inSize, outSize };
  });
  return { shape, layers };
}

let nextModelId = 0;

/**
 * a·W with a hand-written gradient (∂a = dy·Wᵀ, ∂W = aᵀ·dy via explicit transposes): tfjs's own
 * matMul gradient uses the transposed matMul variants, which the WASM backend runs 5–6× slower.
 */
const dense = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, w]);
  return {
    value: tf.matMul(a, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[1]) as tf.Tensor2D),
      tf.matMul(tf.transpose(saved[0]) as tf.Tensor2D, dy as tf.Tensor2D),
    ],
  };
}) as (a: tf.Tensor2D, w: tf.Tensor) => tf.Tensor2D;

/**
 * x·W for data x (the first layer): only ∂W = xᵀ·dy. `dense` would also compute ∂x, a product as
 * large as the forward one that nothing reads.
 */
const denseOnData = (x: tf.Tensor2D, w: tf.Tensor): tf.Tensor2D =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const weights = args[0] as tf.Tensor2D;
    return {
      value: tf.matMul(x, weights),
      gradFunc: (dy: tf.Tensor) => [tf.matMul(tf.transpose(x) as tf.Tensor2D, dy as tf.Tensor2D)],
    };
  })(w) as tf.Tensor2D;

/** Logits of `x` through `layers` (ReLU between them); probes and inputs as in `Mlp.logits`. */
export function pathLogits(
  layers: readonly LayerTensors[],
  x: tf.Tensor2D,
  probes?: tf.Tensor2D[],
  inputs?: tf.Tensor2D[],
): tf.Tensor2D {
  let a = x;
  layers.forEach((layer, l) => {
    inputs?.push(tf.keep(a));
    let z = tf.add(l === 0 ? denseOnData(a, layer.W) : dense(a, layer.W), layer.b) as tf.Tensor2D;
    if (probes) z = tf.add(z, probes[l]);
    a = l < layers.length - 1 ? tf.relu(z) : z;
  });
  return a;
}

/** Logits of a batch through `trunk` and its head, each example through its own head when the batch mixes heads. */
export function batchLogitsOf(
  trunk: readonly LayerTensors[],
  heads: readonly LayerTensors[],
  batch: Batch,
): tf.Tensor2D {
  if (!batch.headMask) return pathLogits([...trunk, heads[batch.heads[0]]], batch.x);
  const mask = batch.headMask;
  let hidden = batch.x;
  trunk.forEach((layer, l) => {
    hidden = tf.relu(tf.add(l === 0 ? denseOnData(hidden, layer.W) : dense(hidden, layer.W), layer.b));
  });
  return batch.heads
    .map((h) => tf.mul(tf.add(dense(hidden, heads[h].W), heads[h].b), mask.slice([0, h], [-1, 1])))
    .reduce((sum, term) => tf.add(sum, term)) as tf.Tensor2D;
}

/**
 * A ReLU MLP with one or more linear heads. tfjs variables are global, so each model gets a
 * unique name prefix.
 */
export class Mlp {
  readonly shape: MlpShape;
  readonly trunk: Layer[];
  readonly heads: Layer[];

  constructor(weights: MlpWeights) {
    this.shape = weights.shape;
    const prefix = `mlp${nextModelId++}`;
    // tf.variable keeps its initial tensor alive as a separate tensor, hence the tidy.
    const variable = (make: () => tf.Tensor, name: string) => tf.tidy(() => tf.variable(make(), true, name));
    const layers = weights.layers.map(({ W, b, inSize, outSize }, l) => ({
      W: variable(() => tf.tensor2d(W, [inSize, outSize]), `${prefix}/l${l}/W`),
      b: variable(() => tf.tensor1d(b), `${prefix}/l${l}/b`),
    }));
    this.trunk = layers.slice(0, this.shape.hidden.length);
    this.heads = layers.slice(this.shape.hidden.length);
  }

  get multiHead(): boolean {
    return this.heads.length > 1;
  }

  /** The layers an input to `head` passes through. */
  path(head: number): Layer[] {
    return [...this.trunk, this.heads[head]];
  }

  /**
   * The parameters the penalties protect, in a fixed order: the trunk, plus the output layer when
   * it is shared by all tasks. Task-specific heads are not consolidated.
   */
  consolidated(): tf.Variable[] {
    const layers = this.multiHead ? this.trunk : this.path(0);
    return layers.flatMap((l) => [l.W, l.b]);
  }

  /** Names for the consolidated parameters, e.g. "layer 1 W" (the output layer is "output"). */
  consolidatedNames(): string[] {
    const layers = this.multiHead ? this.trunk.length : this.trunk.length + 1;
    return Array.from({ length: layers }, (_, l) =>
      l < this.trunk.length ? `layer ${l + 1}` : 'output',
    ).flatMap((name) => [`${name} W`, `${name} b`]);
  }

  /**
   * Tensors that follow `path(head)` (W, b per layer), placed in `variables()` order with zeros
   * for the heads that path skips. The zeros are new tensors; the given ones are passed through.
   */
  spreadOverVariables(head: number, onPath: readonly tf.Tensor[]): tf.Tensor[] {
    if (!this.multiHead) return [...onPath];
    const trunk = onPath.slice(0, 2 * this.trunk.length);
    const own = onPath.slice(2 * this.trunk.length);
    return [
      ...trunk,
      ...this.heads.flatMap((l, h) => (h === head ? own : [tf.zerosLike(l.W), tf.zerosLike(l.b)])),
    ];
  }

  headVariables(head: number): tf.Variable[] {
    return this.multiHead ? [this.heads[head].W, this.heads[head].b] : [];
  }

  /**
   * Logits through `head`. `probes`, when given, are added to every pre-activation
   * (z = xW + b + probe): zero tensors whose gradient is the per-example dL/dz (see fisher.ts).
   * `inputs`, when given, receives each layer's input, kept (the caller disposes them), so the
   * Fisher needs no second forward pass.
   */
  logits(x: tf.Tensor2D, head: number, probes?: tf.Tensor2D[], inputs?: tf.Tensor2D[]): tf.Tensor2D {
    return pathLogits(this.path(head), x, probes, inputs);
  }

  /** Logits of a batch, each example through its own head when the batch mixes heads. */
  batchLogits(batch: Batch): tf.Tensor2D {
    return batchLogitsOf(this.trunk, this.heads, batch);
  }

  /** Every variable, trunk first then heads: a fixed order for optimizer slots. */
  variables(): tf.Variable[] {
    return [...this.trunk, ...this.heads].flatMap((l) => [l.W, l.b]);
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}

/** Softmax cross-entropy, mean over the batch. */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)));
}

/** Number of examples whose argmax logit is the target. */
export function correctCount(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(targets, 1)), 'float32'));
}
