import * as tf from '@tensorflow/tfjs-core';
import type { Hyperparameters } from '../defaults';
import { quadraticGradient, quadraticValue } from './quadratic';
import type { Method } from './types';

/** L2: λ·Σ(θ − θ*)² around the weights at the end of the previous task (none before the first boundary). */
export function createL2(h: Hyperparameters): Method {
  let lambda = h.lambdaL2;
  let twoLambda = tf.keep(tf.scalar(2 * lambda));
  let anchor: tf.Tensor[] | null = null;
  return {
    id: 'l2',
    trainsOnAllSeenTasks: false,
    addPenaltyGradient: (k, theta, g) => (anchor ? quadraticGradient(g, theta, twoLambda, anchor[k]) : g),
    penalty: (thetas) =>
      anchor
        ? quadraticValue(
            thetas,
            thetas.map(() => lambda),
            anchor,
          )
        : tf.scalar(0),
    consolidate: ({ thetas }) => {
      if (anchor) tf.dispose(anchor);
      anchor = thetas.map((t) => tf.keep(tf.clone(t)));
    },
    setHyperparameters: (next) => {
      lambda = next.lambdaL2;
      twoLambda.dispose();
      twoLambda = tf.keep(tf.scalar(2 * lambda));
    },
    dispose: () => {
      twoLambda.dispose();
      if (anchor) tf.dispose(anchor);
    },
  };
}
