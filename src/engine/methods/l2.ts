import { scalarSym } from '../quadratic/mat2';
import { anchoredAtBoundary } from './shared';
import { defineMethod } from './types';

/** L2: λ·Σ(θ − θ*)² around the weights at the end of the previous task (none before the first boundary). */
export const l2 = defineMethod({
  id: 'l2',
  label: 'L2',
  color: '#009E73',
  summary: "A uniform spring back to the previous task's weights: every parameter equally rigid.",
  params: [
    {
      key: 'lambdaL2',
      flag: 'lambda-l2',
      sharedFlag: 'lambda',
      label: 'L2 strength',
      symbol: 'λ',
      help: "Weight of the uniform penalty λ·Σ(θ−θ*)² around the previous task's weights: every parameter equally rigid.",
      range: { min: 0, max: 1e6 },
      slider: { min: 1e-4, max: 10, log: true },
      sweep: { from: 1e-4, to: 1 },
      recommended: {
        'split-task': 0.01,
        'split-domain': 0.1,
        'split-class': 0.1,
        'permuted-4': 0.1,
        'permuted-5': 0.1,
        'permuted-10': 0.1,
      },
    },
  ],
  data: { kind: 'current' },
  penalty: {
    tex: String.raw`\lambda\sum_k(\theta_k-\theta^*_k)^2`,
    strength: (s) => s.param('lambdaL2'),
    create: anchoredAtBoundary(({ tf, thetas }) => thetas.map((t) => tf.onesLike(t))),
  },
  measures: [],
  protects: { measure: 'uniform' },
  lab: {
    penaltyTerms: (memories, s) => memories.map((m) => ({ H: scalarSym(2 * s.lambdaL2), centre: m.end })),
    strengthKey: 'lambdaL2',
  },
});
