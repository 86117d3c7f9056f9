import * as tf from '@tensorflow/tfjs-core';

/**
 * The shape shared by the L2 and SI penalties: Σ_k a_k(θ_k − m_k)², gradient 2a_k(θ_k − m_k).
 * `a` is a per-parameter tensor or one number; `twoA` is 2a cached to save an op per step.
 */
export function quadraticValue(
  thetas: readonly tf.Tensor[],
  a: readonly (tf.Tensor | number)[],
  m: readonly tf.Tensor[],
) {
  return tf.tidy(() =>
    tf.addN(thetas.map((t, k) => tf.sum(tf.mul(a[k], tf.square(tf.sub(t, m[k])))))),
  ) as tf.Scalar;
}

export function quadraticGradient(g: tf.Tensor, theta: tf.Tensor, twoA: tf.Tensor, m: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(g, tf.mul(twoA, tf.sub(theta, m))));
}
