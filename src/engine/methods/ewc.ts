import * as tf from '@tensorflow/tfjs-core';
import type { Hyperparameters } from '../defaults';
import type { Method } from './types';

/**
 * EWC: λ/2·Σ_t Σ_k F_{t,k}(θ_k − θ*_{t,k})², F the diagonal Fisher at the end of task t.
 *
 * Separate (non-online) mode keeps one penalty per past task, stored exactly but cheaply as
 * three sums: S = Σ_t F_t, P = Σ_t F_t⊙θ*_t and the scalar C = Σ_t Σ_k F_t θ*_t². Then
 *   penalty = λ/2·Σ_k (S θ² − 2Pθ) + λ/2·C   (identical to the sum of per-task penalties),
 *   gradient = λ(Sθ − P).
 * Online mode (F ← γF + F_new, one anchor θ* = latest weights) is the same with S = F, P = Fθ*,
 * C = ΣFθ*².
 */
export function createEwc(h: Hyperparameters): Method {
  let hp = h;
  let S: tf.Tensor[] | null = null;
  let P: tf.Tensor[] | null = null;
  let C: tf.Scalar | null = null;
  // λS and λP, cached so a step costs one multiply, one subtract and one add per parameter.
  let lambdaS: tf.Tensor[] = [];
  let lambdaP: tf.Tensor[] = [];

  const refreshCache = () => {
    tf.dispose([...lambdaS, ...lambdaP]);
    lambdaS = S ? S.map((s) => tf.keep(tf.mul(s, hp.lambdaEwc))) : [];
    lambdaP = P ? P.map((p) => tf.keep(tf.mul(p, hp.lambdaEwc))) : [];
  };
  const replace = (nextS: tf.Tensor[], nextP: tf.Tensor[], nextC: tf.Scalar) => {
    tf.dispose([...(S ?? []), ...(P ?? []), ...(C ? [C] : [])]);
    S = nextS.map((t) => tf.keep(t));
    P = nextP.map((t) => tf.keep(t));
    C = tf.keep(nextC);
    refreshCache();
  };

  return {
    id: 'ewc',
    trainsOnAllSeenTasks: false,
    addPenaltyGradient: (k, theta, g) =>
      S ? tf.tidy(() => tf.add(g, tf.sub(tf.mul(lambdaS[k], theta), lambdaP[k]))) : g,
    penalty: (thetas) =>
      tf.tidy(() => {
        if (!S || !P || !C) return tf.scalar(0);
        const s = S;
        const p = P;
        const quad = tf.addN(
          thetas.map((t, k) => tf.sum(tf.sub(tf.mul(s[k], tf.square(t)), tf.mul(2, tf.mul(p[k], t))))),
        );
        return tf.mul(hp.lambdaEwc / 2, tf.add(quad, C));
      }),
    consolidate: ({ thetas, fisher }) => {
      const next = tf.tidy(() => {
        const online = hp.ewcOnline;
        const nextS = fisher.map((f, k) =>
          !S ? f.clone() : online ? tf.add(tf.mul(S[k], hp.gamma), f) : tf.add(S[k], f),
        );
        // Online: the anchor moves to the latest weights, so P and C are rebuilt from the new S.
        const weights = online ? nextS : fisher;
        const newP = weights.map((f, k) => tf.mul(f, thetas[k]));
        const newC = tf.addN(weights.map((f, k) => tf.sum(tf.mul(f, tf.square(thetas[k])))));
        const nextP = online || !P ? newP : newP.map((p, k) => tf.add(P![k], p));
        const nextC = online || !C ? newC : tf.add(C, newC);
        return { nextS, nextP, nextC: nextC as tf.Scalar };
      });
      replace(next.nextS, next.nextP, next.nextC);
    },
    setHyperparameters: (next) => {
      const lambdaChanged = next.lambdaEwc !== hp.lambdaEwc;
      hp = next;
      if (lambdaChanged) refreshCache();
    },
    dispose: () => tf.dispose([...(S ?? []), ...(P ?? []), ...(C ? [C] : []), ...lambdaS, ...lambdaP]),
  };
}
