import { defineMethod, type LossContext } from './types';

/**
 * Learning without Forgetting (Li & Hoiem 2016). At every task boundary the lane keeps a frozen
 * copy of its network; each step the loss is L_new + λ_o·L_old, L_old the distillation
 * cross-entropy of their Eq. 2 between the frozen copy's outputs y_o and the current network's ŷ_o
 * on the current batch:
 *   L_old = −Σ_i y'_o(i)·log ŷ'_o(i),   y'_o(i) = y_o(i)^{1/T} / Σ_j y_o(j)^{1/T}   (ŷ'_o alike),
 * mean over the batch. y_o is a softmax of logits z, so y'_o = softmax(z/T). As in Eq. 2, no T²
 * factor (Hinton et al. 2015 and van de Ven et al.'s implementation scale by T²).
 * Task-incremental: on every old task's head, averaged over them (Li & Hoiem add one term per old
 * task; the mean keeps λ's meaning as tasks accumulate, as van de Ven et al. do). One shared head:
 * over the output units of the old tasks' classes (class-incremental: the digits seen before the
 * current task, as van de Ven et al.'s `scores[:, :(classes_per_task * (task - 1))]` in
 * github.com/GMvandeVen/continual-learning, train.py; domain-incremental and permuted: every unit).
 */
export function distillation({ tf, settings, sharedHead, current, frozen }: LossContext) {
  if (!frozen || frozen.heads.length === 0) return null;
  const T = settings.param('temperatureLwf');
  const terms = frozen.heads.map((h) => {
    let old = frozen.logits(h);
    let now = current.logits(h);
    const units = now.shape[1]!;
    if (sharedHead && frozen.classes.length < units) {
      // The old classes' columns, as a product with a 0/1 matrix (gather's gradient needs a kernel
      // tfjs's WASM backend lacks).
      const pick = tf.transpose(tf.oneHot(tf.tensor1d([...frozen.classes], 'int32'), units).toFloat());
      old = tf.matMul(old, pick);
      now = tf.matMul(now, pick);
    }
    const target = tf.softmax(tf.div(old, T));
    return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(tf.div(now, T))), 1)));
  });
  return tf.mul(tf.addN(terms), settings.param('lambdaLwf') / terms.length);
}

export const lwf = defineMethod({
  id: 'lwf',
  label: 'LwF',
  color: '#882255',
  summary:
    'Learning without forgetting: keeps the outputs a frozen copy of the old network gives the new digits (distillation).',
  params: [
    {
      key: 'lambdaLwf',
      flag: 'lambda-lwf',
      label: 'LwF strength',
      symbol: 'λₒ',
      help: "Weight λₒ of the distillation loss: how much the old network's outputs on the new digits count against the new task's loss.",
      range: { min: 0, max: 1e4 },
      slider: { min: 0.01, max: 100, log: true },
      sweep: { from: 0.01, to: 100 },
      // Split MNIST from a sweep (seed 0: λₒ 0, 0.01, 0.22, 4.6, 100) and seeds 0–2 at 1 and 5:
      // task-IL 98.9 % at both, domain-IL 62.5 % at 1 and 78.9 % at 5 (SGD 58.4 %); class-IL
      // forgets at every λₒ. Li & Hoiem's λₒ = 1 elsewhere, a placeholder until permuted sweeps.
      recommended: {
        'split-task': 1,
        'split-domain': 5,
        'split-class': 1,
        'permuted-4': 1,
        'permuted-5': 1,
        'permuted-10': 1,
      },
    },
    {
      key: 'temperatureLwf',
      flag: 'temperature-lwf',
      label: 'LwF temperature',
      symbol: 'T',
      help: 'Temperature T of the distillation: above 1 it softens both networks’ outputs, so the old network’s second choices count too.',
      range: { min: 0.1, max: 100 },
      slider: { min: 0.5, max: 10, step: 0.5 },
      // Li & Hoiem's (and van de Ven et al.'s) T = 2.
      recommended: {
        'split-task': 2,
        'split-domain': 2,
        'split-class': 2,
        'permuted-4': 2,
        'permuted-5': 2,
        'permuted-10': 2,
      },
    },
  ],
  data: { kind: 'current' },
  penalty: null,
  step: { frozenCopy: true, loss: distillation },
  measures: [],
  lab: null,
});
