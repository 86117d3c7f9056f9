import * as tf from '@tensorflow/tfjs-core';
import type { QuadraticTerms } from './methods/types';

/**
 * The one penalty every regulariser uses: s·Σ_k a_k(θ_k − m_k)² (+ s·constant in the reported
 * value), with strength s read from the settings and importance a and anchor m set by the method's
 * boundary hook. A step's work is the same for every method: g + 2s·a⊙(θ − m), with 2s·a cached
 * until s or a change. Inactive (the gradient passes through) until a boundary first sets it.
 */
export class QuadraticPenalty {
  private terms: QuadraticTerms | null = null;
  private twoSA: tf.Tensor[] = [];
  private cachedStrength = Number.NaN;

  constructor(private readonly strength: () => number) {}

  /** Takes ownership of the terms' tensors. */
  set(terms: QuadraticTerms): void {
    this.disposeTerms();
    this.terms = {
      importance: terms.importance.map((t) => tf.keep(t)),
      anchor: terms.anchor.map((t) => tf.keep(t)),
      constant: tf.keep(terms.constant),
    };
    this.prepare();
  }

  currentStrength(): number {
    return this.strength();
  }

  /** The importance and anchor set at the latest boundary (owned by the penalty), or null. */
  currentTerms(): { importance: tf.Tensor[]; anchor: tf.Tensor[] } | null {
    return this.terms && { importance: this.terms.importance, anchor: this.terms.anchor };
  }

  /** Once per step, before `addGradient`: picks up a strength that changed since the last step. */
  prepare(): void {
    const s = this.strength();
    if (!this.terms || s === this.cachedStrength) return;
    tf.dispose(this.twoSA);
    const importance = this.terms.importance;
    this.twoSA = importance.map((a) => tf.keep(tf.mul(a, 2 * s)));
    this.cachedStrength = s;
  }

  /** g + ∂penalty/∂θ_k; `g` itself while inactive. */
  addGradient(k: number, theta: tf.Tensor, g: tf.Tensor): tf.Tensor {
    if (!this.terms) return g;
    const m = this.terms.anchor[k];
    const twoSA = this.twoSA[k];
    return tf.tidy(() => tf.add(g, tf.mul(twoSA, tf.sub(theta, m))));
  }

  /** The penalty at `thetas` (a new scalar). */
  value(thetas: readonly tf.Tensor[]): tf.Scalar {
    const terms = this.terms;
    if (!terms) return tf.scalar(0);
    return tf.tidy(() => {
      const quad = tf.addN(
        thetas.map((t, k) => tf.sum(tf.mul(terms.importance[k], tf.square(tf.sub(t, terms.anchor[k]))))),
      );
      return tf.mul(this.strength(), tf.add(quad, terms.constant));
    }) as tf.Scalar;
  }

  private disposeTerms(): void {
    if (this.terms) tf.dispose([...this.terms.importance, ...this.terms.anchor, this.terms.constant]);
    tf.dispose(this.twoSA);
    this.twoSA = [];
    this.cachedStrength = Number.NaN;
    this.terms = null;
  }

  dispose(): void {
    this.disposeTerms();
  }
}
