/**
 * The first live proof: a small MLP (784–64–10) trained with Adam on a slice of MNIST, reporting
 * the loss on a fixed evaluation subset every K steps. Reads happen only then, several values in
 * one `await data()`, never a synchronous readback.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MnistData } from '../engine/data/mnistAsset';

const SLICE = 2000;
const EVAL = 256;
const BATCH = 32;
const HIDDEN = 64;

export interface SliceMetrics {
  step: number;
  evalLoss: number;
  numTensors: number;
}

/** A tiny deterministic PRNG so the same seed gives the same run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SliceTrainer {
  private readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor2D;
  private readonly evalX: tf.Tensor2D;
  private readonly evalY: tf.Tensor2D;
  private readonly vars: tf.Variable[];
  private readonly optimizer: tf.Optimizer;
  private readonly rand: () => number;
  step = 0;

  constructor(data: MnistData, seed = 0) {
    this.rand = mulberry32(seed);
    const pixels = data.width * data.height;
    // A spread-out slice: every fifth digit, so all classes appear.
    const idx = Array.from({ length: SLICE + EVAL }, (_, i) => (i * 5) % data.count);
    const xs = new Float32Array(idx.length * pixels);
    const ys = new Int32Array(idx.length);
    idx.forEach((d, i) => {
      for (let p = 0; p < pixels; p++) xs[i * pixels + p] = data.images[d * pixels + p] / 255;
      ys[i] = data.labels[d];
    });
    [this.x, this.y, this.evalX, this.evalY] = tf.tidy(() => {
      const all = tf.tensor2d(xs, [idx.length, pixels]);
      const onehot = tf.cast(tf.oneHot(tf.tensor1d(ys, 'int32'), 10), 'float32') as tf.Tensor2D;
      return [
        tf.slice(all, [0, 0], [SLICE, pixels]),
        tf.slice(onehot, [0, 0], [SLICE, 10]),
        tf.slice(all, [SLICE, 0], [EVAL, pixels]),
        tf.slice(onehot, [SLICE, 0], [EVAL, 10]),
      ];
    });
    const glorot = (fanIn: number, fanOut: number) => {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const w = Float32Array.from({ length: fanIn * fanOut }, () => (this.rand() * 2 - 1) * limit);
      return tf.variable(tf.tensor2d(w, [fanIn, fanOut]));
    };
    this.vars = [
      glorot(pixels, HIDDEN),
      tf.variable(tf.zeros([HIDDEN])),
      glorot(HIDDEN, 10),
      tf.variable(tf.zeros([10])),
    ];
    this.optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-7);
  }

  private loss(x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
    const [w1, b1, w2, b2] = this.vars;
    const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
    const logits = tf.add(tf.matMul(h, w2), b2);
    return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
  }

  /** One minibatch step; no readback. */
  trainStep(): void {
    const start = Math.floor(this.rand() * (SLICE - BATCH));
    tf.tidy(() => {
      const xb = tf.slice(this.x, [start, 0], [BATCH, -1]);
      const yb = tf.slice(this.y, [start, 0], [BATCH, -1]);
      const { grads } = tf.variableGrads(() => this.loss(xb, yb), this.vars);
      this.optimizer.applyGradients(grads);
    });
    this.step++;
  }

  /** Loss on the fixed evaluation subset, read asynchronously. */
  async evaluate(): Promise<SliceMetrics> {
    const loss = tf.tidy(() => this.loss(this.evalX, this.evalY));
    const [value] = await loss.data();
    loss.dispose();
    return { step: this.step, evalLoss: value, numTensors: tf.memory().numTensors };
  }

  dispose(): void {
    tf.dispose([this.x, this.y, this.evalX, this.evalY, ...this.vars]);
    this.optimizer.dispose();
  }
}
