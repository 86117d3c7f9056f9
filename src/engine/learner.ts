import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from './data/batches';
import type { Hyperparameters } from './defaults';
import { diagonalFisher } from './fisher';
import type { MethodId } from './methodIds';
import { createMethod } from './methods';
import { PathIntegral } from './methods/si';
import type { Method } from './methods/types';
import { crossEntropy, Mlp, type MlpWeights } from './model/mlp';
import { applyAndMeasure, createOptimizer, type Optimizer } from './model/optimizer';
import type { Rng } from './random';

/** Examples of one task, as tensors owned by the caller. */
export interface TaskProbe {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  head: number;
}

/** What a learner hands back when a task ends; arrays follow `Mlp.consolidatedNames()`. */
export interface TaskClosing {
  /** L(start) − L(end) on the task's loss probe. */
  lossStart: number;
  lossEnd: number;
  /** Σω over the task: the path integral's estimate of L(start) − L(end). */
  sumOmega: number;
  fisher: Float32Array[];
  /** This task's ω. */
  omega: Float32Array[];
  /** SI's cumulative Ω after this task. */
  Omega: Float32Array[];
}

/**
 * One method's model, optimizers and state. The consolidated parameters share one optimizer;
 * each task-specific head has its own, so Adam's positional slots always see the same variables.
 */
export class Learner {
  readonly model: Mlp;
  readonly method: Method;
  readonly path: PathIntegral;
  private hp: Hyperparameters;
  private optimizers: Optimizer[] = [];
  private lossStart: tf.Scalar | null = null;
  private lossSum: tf.Scalar = tf.keep(tf.scalar(0));
  private lossCount = 0;

  constructor(
    readonly id: MethodId,
    weights: MlpWeights,
    hp: Hyperparameters,
  ) {
    this.hp = { ...hp };
    this.model = new Mlp(weights);
    this.path = new PathIntegral(this.model.consolidated());
    this.method = createMethod(id, this.hp, this.path);
    this.resetOptimizers();
  }

  /** One optimizer step on `batch`. Synchronous: nothing is read back. */
  step(batch: Batch): void {
    const shared = this.model.consolidated();
    const headVars = batch.heads.map((h) => this.model.headVariables(h));
    const vars = [...shared, ...headVars.flat()];
    const { value, grads } = tf.variableGrads(
      () => crossEntropy(this.model.batchLogits(batch), batch.y),
      vars,
    );
    const g = shared.map((v) => grads[v.name]);
    const total = g.map((gk, k) => this.method.addPenaltyGradient(k, shared[k], gk));
    const deltas = applyAndMeasure(this.optimizers[0], shared, total);
    batch.heads.forEach((h, i) => {
      if (headVars[i].length === 0) return;
      this.optimizers[1 + h].applyGradients(
        headVars[i].map((v) => ({ name: v.name, tensor: grads[v.name] })),
      );
    });
    this.path.accumulate(g, deltas);
    const previousSum = this.lossSum;
    this.lossSum = tf.keep(tf.add(previousSum, value));
    this.lossCount++;
    tf.dispose([
      previousSum,
      value,
      ...deltas,
      ...total.filter((t, k) => t !== g[k]),
      ...Object.values(grads),
    ]);
  }

  /** Starts a task: records L(start) on its loss probe (kept on the device until the task closes). */
  beginTask(probe: TaskProbe): void {
    this.lossStart?.dispose();
    this.lossStart = tf.keep(this.lossOn(probe));
  }

  /**
   * Ends a task: measures L(end), estimates the Fisher on `fisherProbe`, folds ω into Ω, lets the
   * method consolidate, and reads everything back in one transfer.
   */
  async closeTask(lossProbe: TaskProbe, fisherProbe: TaskProbe, rng: Rng): Promise<TaskClosing> {
    const shared = this.model.consolidated();
    const fullFisher = await diagonalFisher(
      this.model,
      fisherProbe.x,
      fisherProbe.y,
      fisherProbe.head,
      this.hp.fisher,
      rng,
    );
    // Fisher of the path comes as trunk layers then the head; keep what is consolidated.
    const fisher = fullFisher.slice(0, shared.length);
    tf.dispose(fullFisher.slice(shared.length));
    const lossEnd = this.lossOn(lossProbe);
    const { omega, increment } = this.path.consolidate(shared, this.hp.xi);
    tf.dispose(increment);
    this.method.consolidate({ thetas: shared, fisher });
    const sizes = shared.map((v) => v.size);
    const packed = tf.tidy(() =>
      tf.concat([
        tf.stack([this.lossStart ?? lossEnd, lossEnd, tf.addN(omega.map((w) => tf.sum(w)))]),
        ...[fisher, omega, this.path.Omega].flatMap((list) => list.map((t) => t.flatten())),
      ]),
    );
    tf.dispose([lossEnd, ...fisher, ...omega]);
    const flat = (await packed.data()) as Float32Array;
    packed.dispose();
    let offset = 3;
    const take = () =>
      sizes.map((n) => {
        const part = flat.slice(offset, offset + n);
        offset += n;
        return part;
      });
    if (this.hp.resetOptimizer) this.resetOptimizers();
    return {
      lossStart: flat[0],
      lossEnd: flat[1],
      sumOmega: flat[2],
      fisher: take(),
      omega: take(),
      Omega: take(),
    };
  }

  /** Mean cross-entropy on a probe (a new scalar). */
  lossOn(probe: TaskProbe): tf.Scalar {
    return tf.tidy(() => crossEntropy(this.model.logits(probe.x, probe.head), probe.y));
  }

  /** The penalty at the current weights (a new scalar). */
  penalty(): tf.Scalar {
    return this.method.penalty(this.model.consolidated());
  }

  /** Mean training loss since the last call (a new scalar; NaN-free: 0 when no step was taken). */
  takeMeanLoss(): tf.Scalar {
    const mean = tf.div(this.lossSum, Math.max(1, this.lossCount));
    this.lossSum.dispose();
    this.lossSum = tf.keep(tf.scalar(0));
    this.lossCount = 0;
    return mean as tf.Scalar;
  }

  setHyperparameters(hp: Hyperparameters): void {
    const optimizerChanged = hp.optimizer !== this.hp.optimizer || hp.adamEpsilon !== this.hp.adamEpsilon;
    this.hp = { ...hp };
    this.method.setHyperparameters(this.hp);
    if (optimizerChanged) this.resetOptimizers();
    else for (const o of this.optimizers) o.setLearningRate(hp.learningRate);
  }

  private resetOptimizers(): void {
    for (const o of this.optimizers) o.dispose();
    this.optimizers = Array.from({ length: 1 + (this.model.multiHead ? this.model.heads.length : 0) }, () =>
      createOptimizer(this.hp),
    );
  }

  dispose(): void {
    for (const o of this.optimizers) o.dispose();
    tf.dispose([this.lossSum, ...(this.lossStart ? [this.lossStart] : [])]);
    this.method.dispose();
    this.path.dispose();
    this.model.dispose();
  }
}
