/**
 * Test support only (the app never imports it): the per-learner reference the one training step
 * (fusedTrainer.ts) is tested against. Each learner steps on its own: tfjs's optimizers on its
 * model's variables (one for the consolidated parameters, one per task head, so Adam's positional
 * slots always see the same variables), the penalty's gradient 2s·a(θ − m), SI's path integral,
 * and its method's step hooks through the same functions the fused step calls (laneHooks.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Learner } from '../learner';
import { crossEntropy } from '../model/mlp';
import { applyAndMeasure, createOptimizer, type Optimizer } from '../model/optimizer';
import type { Trainer } from './fusedTrainer';
import { DiagnosticSums } from './fusedTrainer';
import { hookGradient, hookLoss, type LaneBatch, networkOf, type OldTasks, trainedHeads } from './laneHooks';

interface LaneState {
  optimizers: Optimizer[];
  kind: string;
  version: number;
  omega: tf.Tensor[];
  lossSum: tf.Scalar;
  lossCount: number;
}

export class ReferenceTrainer implements Trainer {
  private readonly lanes: LaneState[];
  private readonly diagnostics: DiagnosticSums;

  constructor(private readonly learners: readonly Learner[]) {
    this.lanes = learners.map((l) => ({
      optimizers: [],
      kind: '',
      version: -1,
      omega: l.model.variables().map((v) => tf.keep(tf.zerosLike(v))),
      lossSum: tf.keep(tf.scalar(0)),
      lossCount: 0,
    }));
    this.diagnostics = new DiagnosticSums(learners);
  }

  step(lanes: readonly (LaneBatch | null)[], old: OldTasks): void {
    lanes.forEach((lane, m) => {
      if (lane) this.stepLane(m, lane, old);
    });
  }

  private stepLane(m: number, { batch, reference }: LaneBatch, old: OldTasks): void {
    const learner = this.learners[m];
    const state = this.lanes[m];
    this.sync(m);
    const { model, method, settings } = learner;
    const all = model.variables();
    const trunkLayers = model.trunk.length;
    const frozen = learner.frozen && networkOf(learner.frozen, trunkLayers);
    const shared = model.consolidated();
    const heads = trainedHeads(method, batch, frozen !== null, old)
      .map((h) => ({ h, vars: model.headVariables(h) }))
      .filter((x) => x.vars.length);
    const vars = [...shared, ...heads.flatMap((x) => x.vars)];
    let taskLoss: tf.Scalar | null = null;
    const { value, grads } = tf.variableGrads(() => {
      taskLoss = tf.keep(crossEntropy(model.batchLogits(batch), batch.y));
      const extra = hookLoss(method, settings, networkOf(all, trunkLayers), frozen, old, batch);
      return extra ? tf.add(taskLoss, extra) : taskLoss;
    }, vars);
    const g = vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
    const result = hookGradient(method, settings, g, networkOf(all, trunkLayers), vars, reference);
    this.diagnostics.add(m, result?.diagnostics);
    const transformed = result?.gradient ?? g;
    const { strength, terms } = learner.penaltyNow();
    const total = shared.map((v, k) =>
      terms
        ? tf.tidy(() =>
            tf.add(
              transformed[k],
              tf.mul(tf.mul(terms.importance[k], 2 * strength), tf.sub(v, terms.anchor[k])),
            ),
          )
        : transformed[k],
    );
    const deltas = applyAndMeasure(state.optimizers[0], shared, total);
    let offset = shared.length;
    for (const { h, vars: hv } of heads) {
      deltas.push(
        ...applyAndMeasure(state.optimizers[1 + h], hv, transformed.slice(offset, offset + hv.length)),
      );
      offset += hv.length;
    }
    const index = new Map(all.map((v, k) => [v.name, k]));
    vars.forEach((v, i) => {
      const k = index.get(v.name)!;
      const previous = state.omega[k];
      state.omega[k] = tf.keep(tf.tidy(() => tf.sub(previous, tf.mul(g[i], deltas[i]))));
      previous.dispose();
    });
    const previousSum = state.lossSum;
    state.lossSum = tf.keep(tf.add(previousSum, taskLoss!));
    state.lossCount++;
    const made = new Set([...transformed, ...total].filter((t) => !g.includes(t)));
    tf.dispose([
      previousSum,
      value,
      taskLoss!,
      ...deltas,
      ...g,
      ...made,
      ...Object.values(grads),
      ...(result?.diagnostics ? [result.diagnostics] : []),
    ]);
  }

  takeMeanLosses(): tf.Tensor1D {
    return tf.tidy(() =>
      tf.stack(
        this.lanes.map((s) => {
          const mean = tf.div(s.lossSum, Math.max(1, s.lossCount));
          s.lossSum.dispose();
          s.lossSum = tf.keep(tf.scalar(0));
          s.lossCount = 0;
          return mean;
        }),
      ),
    ) as tf.Tensor1D;
  }

  takeDiagnostics(): (tf.Tensor1D | null)[] {
    return this.diagnostics.take(this.learners);
  }

  syncLearners(): void {
    this.learners.forEach((l, m) => {
      l.adopt(
        null,
        this.lanes[m].omega.map((w) => tf.clone(w)),
      );
    });
  }

  afterBoundary(): void {
    for (const [m, state] of this.lanes.entries()) {
      tf.dispose(state.omega);
      state.omega = this.learners[m].model.variables().map((v) => tf.keep(tf.zerosLike(v)));
      if (this.learners[m].settings.hp.resetOptimizer) this.resetOptimizers(m);
    }
  }

  dispose(): void {
    for (const s of this.lanes) {
      for (const o of s.optimizers) o.dispose();
      tf.dispose([...s.omega, s.lossSum]);
    }
    this.diagnostics.dispose();
  }

  /** Applies settings that changed since the last step: a new optimizer kind, or learning rate. */
  private sync(m: number): void {
    const { settings, id } = this.learners[m];
    const state = this.lanes[m];
    if (state.version === settings.version) return;
    state.version = settings.version;
    const { optimizer, adamEpsilon } = settings.hp;
    const kind = `${optimizer} ${adamEpsilon}`;
    if (kind !== state.kind) {
      state.kind = kind;
      this.resetOptimizers(m);
    } else {
      for (const o of state.optimizers) o.setLearningRate(settings.learningRate(id));
    }
  }

  private resetOptimizers(m: number): void {
    const { settings, id, model } = this.learners[m];
    const state = this.lanes[m];
    for (const o of state.optimizers) o.dispose();
    const { optimizer, adamEpsilon } = settings.hp;
    const learningRate = settings.learningRate(id);
    state.optimizers = Array.from({ length: 1 + (model.multiHead ? model.heads.length : 0) }, () =>
      createOptimizer({ optimizer, adamEpsilon, learningRate }),
    );
  }
}

/** The lockstep option that trains each learner on its own (`new Lockstep({ …, trainer: perLearner })`). */
export const perLearner = (learners: readonly Learner[]): Trainer => new ReferenceTrainer(learners);
