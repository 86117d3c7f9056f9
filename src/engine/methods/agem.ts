import { defineMethod, type GradientContext, type GradientResult } from './types';

/** Keeps a division defined when a gradient is exactly zero (the result is then 0, not NaN). */
const TINY = 1e-30;

/**
 * Averaged GEM (Chaudhry et al. 2019, Eq. 11). g is the gradient of the current minibatch's loss,
 * g_ref that of a reference batch drawn from the episodic memory; over the whole parameter vector
 * the step trains,
 *   g̃ = g − (gᵀg_ref / g_refᵀg_ref)·g_ref   if gᵀg_ref < 0,   g̃ = g otherwise,
 * decided on the device (a mask, no read-back). The optimizer then applies g̃. Diagnostics per
 * step with a reference: 1, whether it projected, and cos(g, g_ref) and its square, so the page
 * can show the share of projected steps and the angle's mean and spread.
 */
export function project({ tf, gradient, reference }: GradientContext): GradientResult {
  if (!reference) return { gradient: gradient.map((g) => tf.clone(g)) };
  return tf.tidy(() => {
    const dot = tf.addN(gradient.map((g, k) => tf.sum(tf.mul(g, reference[k]))));
    const refNorm = tf.addN(reference.map((r) => tf.sum(tf.square(r))));
    const norm = tf.addN(gradient.map((g) => tf.sum(tf.square(g))));
    const projected = tf.cast(tf.less(dot, 0), 'float32');
    const scale = tf.mul(projected, tf.div(dot, tf.maximum(refNorm, TINY)));
    const cosine = tf.div(dot, tf.maximum(tf.sqrt(tf.mul(norm, refNorm)), TINY));
    return {
      gradient: gradient.map((g, k) => tf.sub(g, tf.mul(scale, reference[k]))),
      diagnostics: tf.stack([tf.onesLike(dot), projected, cosine, tf.square(cosine)]),
    };
  });
}

/**
 * The memory is the class-balanced one replay uses (src/engine/data/memory.ts), filled at each task
 * boundary, `memoryAgem` examples in all; the reference batch has the minibatch's size. The
 * projection runs over the parameters this step trains: the trunk (and a shared head) and the
 * current task's head. In task-incremental learning g_ref's share on the old tasks' heads is left
 * out (van de Ven et al.'s implementation would apply −(gᵀg_ref/‖g_ref‖²)·g_ref there, training old
 * heads on the memory); with one shared head that is the whole network. Chaudhry et al. train with
 * plain SGD; here the run's optimizer (Adam by default, as van de Ven et al.) applies g̃. SI's path
 * integral, which every lane measures, follows g, the current batch's unprojected gradient.
 */
export const agem = defineMethod({
  id: 'agem',
  label: 'A-GEM',
  color: '#999933',
  summary:
    'Averaged gradient episodic memory: an update that would raise the loss on remembered examples is projected so that it does not.',
  params: [
    {
      key: 'memoryAgem',
      flag: 'memory-agem',
      label: 'A-GEM memory',
      symbol: 'M',
      help: 'Examples of the finished tasks kept for A-GEM’s reference gradient, the same number per class; each step draws a minibatch from them.',
      note: 'Applies at the next task switch.',
      range: { min: 0, max: 10_000, integer: true },
      slider: { min: 0, max: 2000, step: 50 },
      // The literature's 100 per class, as a total: split MNIST's 10 classes (permuted: one task's).
      recommended: {
        'split-task': 1000,
        'split-domain': 1000,
        'split-class': 1000,
        'permuted-4': 1000,
        'permuted-5': 1000,
        'permuted-10': 1000,
      },
    },
  ],
  data: { kind: 'current' },
  penalty: null,
  step: {
    reference: { kind: 'memory', size: (s) => s.param('memoryAgem') },
    gradient: project,
    diagnostics: [
      { key: 'references', help: 'Steps with a reference batch (the memory holds examples).' },
      { key: 'projected', help: 'Steps whose update was projected (gᵀg_ref < 0).' },
      { key: 'cosine', help: 'Σ cos(g, g_ref) over the steps with a reference batch.' },
      { key: 'cosineSquared', help: 'Σ cos²(g, g_ref), for the spread of the angle.' },
    ],
  },
  measures: [],
  lab: null,
});
