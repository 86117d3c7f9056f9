import { anchoredAtBoundary, cumulativeMeasure } from './shared';
import { defineMethod } from './types';

/**
 * Memory Aware Synapses (Aljundi et al. 2018). Importance, unsupervised, at the end of each task:
 *   Ω_k += mean over the task's examples of |∂‖f(x)‖²₂ / ∂θ_k|,   f(x) the logits of the task's head,
 * accumulated over tasks; penalty λ·ΣΩ_k(θ_k − θ*_k)², θ* the weights at the latest boundary.
 * The per-example gradients come from the engine's batched machinery (for a dense layer the
 * per-example gradient is a_iᵀG_i, so Σ_i|a_iᵀG_i| = |A|ᵀ|G|): one pass, no loop over examples.
 */
export const mas = defineMethod({
  id: 'mas',
  label: 'MAS',
  color: '#56B4E9',
  summary:
    "Memory aware synapses: a spring per parameter, as stiff as the network's output is sensitive to it.",
  params: [
    {
      key: 'lambdaMas',
      flag: 'lambda-mas',
      label: 'MAS strength',
      symbol: 'λ',
      help: "Weight of MAS's penalty λ·ΣΩₖ(θₖ−θ*ₖ)², Ω the mean |∂‖f(x)‖²/∂θ| on each finished task, summed over tasks.",
      range: { min: 0, max: 1e9 },
      slider: { min: 1e-3, max: 1e4, log: true },
      sweep: { from: 1e-3, to: 1e3 },
      recommended: {
        'split-task': 1,
        'split-domain': 1,
        'split-class': 1,
        'permuted-4': 0.01,
        'permuted-5': 0.01,
        'permuted-10': 0.01,
      },
    },
  ],
  data: { kind: 'current' },
  penalty: {
    tex: String.raw`\lambda\sum_k\Omega_k(\theta_k-\theta^*_k)^2`,
    strength: (s) => s.param('lambdaMas'),
    create: anchoredAtBoundary(({ tf, measure }) => measure('mas').map((t) => tf.clone(t))),
  },
  measures: [
    {
      id: 'mas',
      symbol: 'Ω',
      label: 'Ω (MAS importance)',
      create: cumulativeMeasure(({ tf, perExampleGradientSums, probeSize }) => {
        const sums = perExampleGradientSums((logits) => tf.sum(tf.square(logits)), 1);
        const means = tf.tidy(() => sums.map((s) => tf.div(s, probeSize)));
        tf.dispose(sums);
        return means;
      }),
    },
  ],
  protects: { measure: 'mas' },
  lab: null,
});
