import { siImportance } from '../quadratic/memory';
import { anchoredAtBoundary, cumulativeMeasure } from './shared';
import { defineMethod } from './types';

/**
 * Synaptic Intelligence (Zenke, Poole & Ganguli 2017). Its per-step bookkeeping, the path integral
 * ω_k += −g_k·Δθ_k, is the learner's (src/engine/pathIntegral.ts); SI's own part is the importance:
 *   at a task boundary  Ω_k ← max(0, Ω_k + ω_k/(Δ_k² + ξ)),  Δ_k = θ_k(end) − θ_k(start of task),
 * and the penalty c·ΣΩ_k(θ_k − θ̃_k)², θ̃ the weights at the latest boundary.
 */
export const si = defineMethod({
  id: 'si',
  label: 'SI',
  color: '#CC79A7',
  summary: 'Synaptic intelligence: importance from the path integral of gradient × update along training.',
  params: [
    {
      key: 'c',
      flag: 'c',
      label: 'SI strength',
      symbol: 'c',
      help: "Weight of SI's surrogate loss c·ΣΩₖ(θₖ−θ̃ₖ)². Larger: less forgetting, less room for the new task.",
      range: { min: 0, max: 1e6 },
      slider: { min: 1e-3, max: 1e3, log: true },
      sweep: { from: 0.01, to: 100 },
      recommended: {
        'split-task': 0.1,
        'split-domain': 10,
        'split-class': 10,
        'permuted-4': 0.15,
        'permuted-5': 0.1,
        'permuted-10': 0.05,
      },
    },
    {
      key: 'xi',
      flag: 'xi',
      label: 'SI damping',
      symbol: 'ξ',
      help: 'Damping in Ωₖ += ωₖ/(Δₖ² + ξ): keeps Ω finite for parameters that barely moved.',
      note: 'Applies at the next task switch.',
      range: { min: 1e-9, max: 1e3 },
      slider: { min: 1e-4, max: 10, log: true },
      recommended: {
        'split-task': 0.001,
        'split-domain': 0.001,
        'split-class': 0.001,
        'permuted-4': 0.001,
        'permuted-5': 0.001,
        'permuted-10': 0.001,
      },
    },
  ],
  data: { kind: 'current' },
  penalty: {
    tex: String.raw`c\sum_k\Omega_k(\theta_k-\tilde\theta_k)^2`,
    strength: (s) => s.param('c'),
    create: anchoredAtBoundary(({ tf, measure }) => measure('Omega').map((t) => tf.clone(t))),
  },
  measures: [
    {
      id: 'omega',
      symbol: 'ω',
      label: 'ω (this task’s path integral)',
      create: (tf) => ({ atBoundary: ({ path }) => path.omega.map((w) => tf.clone(w)), dispose: () => {} }),
    },
    {
      id: 'Omega',
      symbol: 'Ω',
      label: 'Ω (SI’s importance)',
      create: cumulativeMeasure(
        ({ tf, path, thetas, settings }) =>
          tf.tidy(() =>
            path.omega.map((w, k) =>
              tf.div(w, tf.add(tf.square(tf.sub(thetas[k], path.start[k])), settings.param('xi'))),
            ),
          ),
        true,
      ),
    },
  ],
  protects: { measure: 'Omega', live: true },
  lab: {
    penaltyTerms: (memories, s) => {
      const last = memories[memories.length - 1];
      if (!last) return [];
      const omega = siImportance(memories, s.xi);
      return [{ H: { a: 2 * s.c * omega[0], b: 0, c: 2 * s.c * omega[1] }, centre: last.end }];
    },
    strengthKey: 'c',
  },
});
