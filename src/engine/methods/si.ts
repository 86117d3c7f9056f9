import * as tf from '@tensorflow/tfjs-core';
import type { Hyperparameters } from '../defaults';
import { quadraticGradient, quadraticValue } from './quadratic';
import type { Method } from './types';

/**
 * Synaptic Intelligence's bookkeeping (Zenke, Poole & Ganguli 2017), kept by every learner so
 * SI's importances can be compared with the Fisher whatever method is trained.
 *
 * Every step:         ω_k += −g_k·Δθ_k   (g: task-loss gradient only; Δθ: the update really applied)
 * At a task boundary: Ω_k ← max(0, Ω_k + ω_k/(Δ_k² + ξ)),  Δ_k = θ_k(end) − θ_k(start of task),
 *                     then ω ← 0 and θ̃ ← θ (the start of task 1 is the initial weights).
 * −Σω is the path integral of the task loss: it should match L(start) − L(end).
 */
export class PathIntegral {
  omega: tf.Tensor[];
  Omega: tf.Tensor[];
  /** θ̃: the weights at the start of the current task (= the end of the previous one). */
  anchor: tf.Tensor[];

  constructor(thetas: readonly tf.Tensor[]) {
    this.omega = thetas.map((t) => tf.keep(tf.zerosLike(t)));
    this.Omega = thetas.map((t) => tf.keep(tf.zerosLike(t)));
    this.anchor = thetas.map((t) => tf.keep(tf.clone(t)));
  }

  /** One step: `grads` of the task loss, `deltas` the change the optimizer applied. */
  accumulate(grads: readonly tf.Tensor[], deltas: readonly tf.Tensor[]): void {
    const previous = this.omega;
    this.omega = tf.tidy(() => previous.map((w, k) => tf.keep(tf.sub(w, tf.mul(grads[k], deltas[k])))));
    tf.dispose(previous);
  }

  /**
   * Closes a task: folds ω into Ω and restarts the integral at `thetas`. Returns the finished
   * task's ω and its importance increment ω/(Δ²+ξ) (the caller disposes them).
   */
  consolidate(thetas: readonly tf.Tensor[], xi: number): { omega: tf.Tensor[]; increment: tf.Tensor[] } {
    const omega = this.omega;
    const increment = tf.tidy(() =>
      omega.map((w, k) => tf.div(w, tf.add(tf.square(tf.sub(thetas[k], this.anchor[k])), xi))),
    );
    const previous = [...this.Omega, ...this.anchor];
    this.Omega = tf.tidy(() => this.Omega.map((O, k) => tf.keep(tf.relu(tf.add(O, increment[k])))));
    this.anchor = thetas.map((t) => tf.keep(tf.clone(t)));
    this.omega = thetas.map((t) => tf.keep(tf.zerosLike(t)));
    tf.dispose(previous);
    return { omega, increment };
  }

  dispose(): void {
    tf.dispose([...this.omega, ...this.Omega, ...this.anchor]);
  }
}

/** SI's penalty c·ΣΩ_k(θ_k − θ̃_k)², reading Ω and θ̃ from the learner's path integral. */
export function createSi(h: Hyperparameters, path: PathIntegral): Method {
  let c = h.c;
  let twoCOmega: tf.Tensor[] = [];
  const refresh = () => {
    tf.dispose(twoCOmega);
    twoCOmega = path.Omega.map((O) => tf.keep(tf.mul(O, 2 * c)));
  };
  refresh();
  return {
    id: 'si',
    trainsOnAllSeenTasks: false,
    addPenaltyGradient: (k, theta, g) => quadraticGradient(g, theta, twoCOmega[k], path.anchor[k]),
    penalty: (thetas) =>
      tf.tidy(() =>
        quadraticValue(
          thetas,
          path.Omega.map((O) => tf.mul(O, c)),
          path.anchor,
        ),
      ),
    // The path integral has already folded this task's ω into Ω; only the cached 2cΩ changes.
    consolidate: refresh,
    setHyperparameters: (next) => {
      if (next.c === c) return;
      c = next.c;
      refresh();
    },
    dispose: () => tf.dispose(twoCOmega),
  };
}
