import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../data/batches';
import type { LearnerSettings } from '../laneSettings';
import type { GradientResult, MethodModule } from '../methods/types';
import { batchLogitsOf, crossEntropy, type LayerTensors, pathLogits } from '../model/mlp';

/**
 * A method's step hooks (methods/types.ts `StepHooks`) applied to one lane's tensors. Both the
 * fused step and the per-learner test reference call these, so a hook is written once: the fused
 * step hands them the lane's slices of the stacked weights, the reference its model's variables.
 */

/** One lane's batch, and its reference batch when its method draws one. */
export interface LaneBatch {
  batch: Batch;
  reference: Batch | null;
}

/** The tasks a frozen copy had learned, other than the current one: their heads and classes. */
export interface OldTasks {
  heads: readonly number[];
  classes: readonly number[];
}

/** One lane's network: every trunk layer and every head. */
export interface LaneNetwork {
  trunk: LayerTensors[];
  heads: LayerTensors[];
}

/** A network from its weights in `Mlp.variables()` order (W, b per layer, the trunk first). */
export function networkOf(weights: readonly tf.Tensor[], trunkLayers: number): LaneNetwork {
  const layers = Array.from({ length: weights.length / 2 }, (_, l) => ({
    W: weights[2 * l],
    b: weights[2 * l + 1],
  }));
  return { trunk: layers.slice(0, trunkLayers), heads: layers.slice(trunkLayers) };
}

/**
 * The heads a lane trains this step: its batch's, and the old tasks' when its method's loss term
 * reads a frozen copy (distillation trains the old heads as well: Li & Hoiem 2016, θ_o).
 */
export function trainedHeads(method: MethodModule, batch: Batch, frozen: boolean, old: OldTasks): number[] {
  if (!(method.step?.loss && frozen)) return batch.heads;
  return [...new Set([...batch.heads, ...old.heads])].sort((a, b) => a - b);
}

/** The lane's extra loss term (a scalar), or null when its method declares none. */
export function hookLoss(
  method: MethodModule,
  settings: LearnerSettings,
  current: LaneNetwork,
  frozen: LaneNetwork | null,
  old: OldTasks,
  batch: Batch,
): tf.Scalar | null {
  const loss = method.step?.loss;
  if (!loss) return null;
  const outputs = (net: LaneNetwork) => ({
    logits: (head: number) => pathLogits([...net.trunk, net.heads[head]], batch.x),
  });
  return loss({
    tf,
    settings,
    batch,
    sharedHead: current.heads.length === 1,
    current: outputs(current),
    frozen: frozen && { ...outputs(frozen), heads: old.heads, classes: old.classes },
  }) as tf.Scalar | null;
}

/**
 * The task loss's gradient on `batch` for `params` (tensors `net` is built from): zeros for a
 * parameter the batch does not read (a head of a task the batch has no examples of).
 */
export function taskGradient(net: LaneNetwork, params: readonly tf.Tensor[], batch: Batch): tf.Tensor[] {
  const { value, grads } = tf
    .engine()
    .gradients(
      () => crossEntropy(batchLogitsOf(net.trunk, net.heads, batch), batch.y),
      [...params],
      undefined,
      true,
    );
  value.dispose();
  return grads.map((g, i) => g ?? tf.zerosLike(params[i]));
}

/**
 * The lane's gradient after its method's transform, or null without one. `gradient` is over the
 * parameters it trains (`params`, which `net` is built from), the reference batch's gradient
 * over the same ones.
 */
export function hookGradient(
  method: MethodModule,
  settings: LearnerSettings,
  gradient: readonly tf.Tensor[],
  net: LaneNetwork,
  params: readonly tf.Tensor[],
  reference: Batch | null,
): GradientResult | null {
  const transform = method.step?.gradient;
  if (!transform) return null;
  const ref = reference ? taskGradient(net, params, reference) : null;
  const result = transform({ tf, settings, gradient, reference: ref }) as GradientResult;
  if (ref) tf.dispose(ref);
  return result;
}
