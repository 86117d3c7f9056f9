import type * as tf from '@tensorflow/tfjs-core';
import type { Hyperparameters } from '../defaults';
import type { MethodId } from '../methodIds';

/** What a method may consolidate at a task boundary (all tensors belong to the learner). */
export interface Boundary {
  /** The consolidated parameters at the end of the task. */
  thetas: readonly tf.Tensor[];
  /** Diagonal Fisher of the finished task at `thetas`, same order. */
  fisher: readonly tf.Tensor[];
}

/**
 * A continual-learning method: a penalty on the consolidated parameters, with its analytic
 * gradient so a step needs one autodiff pass (of the task loss) only.
 */
export interface Method {
  readonly id: MethodId;
  /** Joint trains on every task seen so far instead of the current one. */
  readonly trainsOnAllSeenTasks: boolean;
  /** g + ∂penalty/∂θ for consolidated parameter k; returns `g` itself when there is no penalty. */
  addPenaltyGradient(k: number, theta: tf.Tensor, g: tf.Tensor): tf.Tensor;
  /** The penalty at `thetas` (a new scalar). */
  penalty(thetas: readonly tf.Tensor[]): tf.Scalar;
  consolidate(boundary: Boundary): void;
  setHyperparameters(h: Hyperparameters): void;
  dispose(): void;
}
