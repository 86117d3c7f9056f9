import * as tf from '@tensorflow/tfjs-core';
import { ADAM_BETA1, ADAM_BETA2, type Hyperparameters } from '../defaults';

/** tfjs keeps Adam's learning rate protected; the playground changes it between steps. */
class TunableAdam extends tf.AdamOptimizer {
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}

export type Optimizer = TunableAdam | tf.SGDOptimizer;

export function createOptimizer(
  h: Pick<Hyperparameters, 'optimizer' | 'learningRate' | 'adamEpsilon'>,
): Optimizer {
  return h.optimizer === 'adam'
    ? new TunableAdam(h.learningRate, ADAM_BETA1, ADAM_BETA2, h.adamEpsilon)
    : new tf.SGDOptimizer(h.learningRate);
}

/**
 * Applies `grads` to `vars` and returns what the optimizer really changed, Δθ = θ(after) − θ(before)
 * (Adam's rescaling included), for SI's path integral. `tf.clone` shares the old buffer, and the
 * optimizer assigns a new one, so `before` costs no copy. Slots are positional: always pass the
 * same variables in the same order to one optimizer.
 */
export function applyAndMeasure(optimizer: Optimizer, vars: tf.Variable[], grads: tf.Tensor[]): tf.Tensor[] {
  const before = vars.map((v) => tf.clone(v));
  optimizer.applyGradients(vars.map((v, k) => ({ name: v.name, tensor: grads[k] })));
  const deltas = vars.map((v, k) => tf.sub(v, before[k]));
  tf.dispose(before);
  return deltas;
}
