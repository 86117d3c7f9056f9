import { scaleSym } from '../quadratic/mat2';
import { fisherOf } from '../quadratic/memory';
import { defineMethod, type Tensor } from './types';

/**
 * EWC: λ/2·Σ_t Σ_k F_{t,k}(θ_k − θ*_{t,k})², F the diagonal Fisher at the end of task t.
 *
 * Separate (non-online) mode keeps one penalty per past task, exactly but cheaply, as three sums:
 * S = Σ_t F_t, P = Σ_t F_t⊙θ*_t and C = Σ_t Σ_k F_t θ*_t². Their sum is the one quadratic
 *   Σ_k S_k(θ_k − m_k)² + C − Σ_k S_k m_k²,   m = P/S (where S > 0),
 * so EWC is the shared penalty with importance S and anchor m (the constant only shifts the value).
 * Online mode (F ← γF + F_new, one anchor θ* = the latest weights) keeps P = Sθ*, C = ΣSθ*², so m = θ*.
 */
export const ewc = defineMethod({
  id: 'ewc',
  label: 'EWC',
  color: '#D55E00',
  summary:
    'Elastic weight consolidation: a spring per parameter, as stiff as its diagonal Fisher information.',
  params: [
    {
      key: 'lambdaEwc',
      flag: 'lambda-ewc',
      sharedFlag: 'lambda',
      label: 'EWC strength',
      symbol: 'λ',
      help: "Weight of EWC's penalty λ/2·ΣFₖ(θₖ−θ*ₖ)², F the diagonal Fisher at the end of each task.",
      range: { min: 0, max: 1e9 },
      slider: { min: 1, max: 1e9, log: true },
      sweep: { from: 1e-4, to: 100, relative: true },
      recommended: {
        'split-task': 1e7,
        'split-domain': 1e7,
        'split-class': 1e7,
        'permuted-4': 100,
        'permuted-5': 30,
        'permuted-10': 30,
      },
    },
  ],
  data: { kind: 'current' },
  penalty: {
    tex: String.raw`\frac{\lambda}{2}\sum_k F_k(\theta_k-\theta^*_k)^2`,
    strength: (s) => s.param('lambdaEwc') / 2,
    create: (tf) => {
      let S: Tensor[] | null = null;
      let P: Tensor[] | null = null;
      let C: Tensor | null = null;
      const held = () => [...(S ?? []), ...(P ?? []), ...(C ? [C] : [])];
      return {
        atBoundary: ({ thetas, measure, settings }) => {
          const F = measure('fisher');
          const { ewcOnline: online, gamma } = settings.hp;
          const previous = held();
          const next = tf.tidy(() => {
            const s = F.map((f, k) =>
              !S ? tf.clone(f) : online ? tf.add(tf.mul(S[k], gamma), f) : tf.add(S[k], f),
            );
            const weights = online ? s : F;
            const p = weights.map((w, k) => tf.mul(w, thetas[k]));
            const c = tf.addN(weights.map((w, k) => tf.sum(tf.mul(w, tf.square(thetas[k])))));
            const nextP = online || !P ? p : p.map((pk, k) => tf.add(P![k], pk));
            const nextC = online || !C ? c : tf.add(C, c);
            const anchor = s.map((sk, k) =>
              tf.where(tf.greater(sk, 0), tf.div(nextP[k], sk), tf.zerosLike(sk)),
            );
            const constant = tf.sub(
              nextC,
              tf.addN(s.map((sk, k) => tf.sum(tf.mul(sk, tf.square(anchor[k]))))),
            );
            return { s, p: nextP, c: nextC, anchor, constant };
          });
          tf.dispose(previous);
          S = next.s;
          P = next.p;
          C = next.c;
          return { importance: S.map((t) => tf.clone(t)), anchor: next.anchor, constant: next.constant };
        },
        dispose: () => tf.dispose(held()),
      };
    },
  },
  measures: [
    {
      id: 'fisher',
      symbol: 'F',
      label: 'Fisher F (diagonal)',
      create: () => ({ atBoundary: (ctx) => ctx.fisher(), dispose: () => {} }),
    },
  ],
  protects: { measure: 'fisher', sums: true },
  lab: {
    penaltyTerms: (memories, s) =>
      memories.map((m) => ({ H: scaleSym(s.lambdaEwc, fisherOf(m.hessian, s.fullFisher)), centre: m.end })),
    strengthKey: 'lambdaEwc',
  },
});
