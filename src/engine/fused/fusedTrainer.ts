import * as tf from '@tensorflow/tfjs-core';
import type { Learner } from '../learner';
import { hookGradient, hookLoss, type LaneBatch, networkOf, type OldTasks, trainedHeads } from './laneHooks';
import { type LaneMatMul, laneLosses, lanesOf, type StackedLayers } from './laneLosses';
import { StackedOptimizer } from './stackedOptimizer';

/** What the lockstep trains its lanes with: the fused step, or (in the tests) the per-learner reference. */
export interface Trainer {
  /** One step of every lane on its batches; a lane without them (halted) is left exactly as it is. */
  step(lanes: readonly (LaneBatch | null)[], old: OldTasks): void;
  /** Each lane's mean training loss since the last call ([lanes], new; 0 for a lane that took no step). */
  takeMeanLosses(): tf.Tensor1D;
  /** Each lane's method diagnostics summed since the last call (new tensors), null for a method without any. */
  takeDiagnostics(): (tf.Tensor1D | null)[];
  /** Hands every learner its lane's current weights and ω. */
  syncLearners(): void;
  /** After every learner has closed its task: ω starts again, the penalty takes the new terms. */
  afterBoundary(): void;
  dispose(): void;
}

/** One lane of a stacked tensor, differentiable (a slice, not an unstack of every lane). */
const laneOf = (t: tf.Tensor, m: number): tf.Tensor => tf.tidy(() => tf.squeeze(tf.slice(t, m, 1), [0]));

/** Running per-lane sums of the methods' diagnostics, kept on the device until read. */
export class DiagnosticSums {
  private sums: (tf.Tensor1D | null)[];

  constructor(learners: readonly Learner[]) {
    this.sums = learners.map((l) => (l.method.step?.diagnostics ? this.zeros(l) : null));
  }

  add(m: number, values: tf.Tensor | undefined): void {
    const previous = this.sums[m];
    if (!values || !previous) return;
    this.sums[m] = tf.keep(tf.add(previous, values) as tf.Tensor1D);
    previous.dispose();
  }

  take(learners: readonly Learner[]): (tf.Tensor1D | null)[] {
    const out = this.sums;
    this.sums = learners.map((l, m) => (out[m] ? this.zeros(l) : null));
    return out;
  }

  dispose(): void {
    tf.dispose(this.sums.filter((t) => t !== null));
  }

  private zeros(l: Learner): tf.Tensor1D {
    return tf.keep(tf.zeros([l.method.step!.diagnostics!.length]));
  }
}

/**
 * Every lane of a lockstep trained as one batched model: each variable stacked along a leading
 * lane axis ([lanes, in, out]), one gradient computation for all lanes, and the optimizer, each
 * method's penalty gradient and SI's path integral applied to the stacked tensors, lane by lane in
 * value but in one set of kernels. The lanes' learners stay the owners of everything that happens
 * at a task boundary (importance measures, penalty terms) and of every read: `syncLearners` hands
 * them the current weights and ω, and `afterBoundary` takes their new penalty terms back.
 */
export class FusedTrainer implements Trainer {
  private params: tf.Tensor[];
  private omega: tf.Tensor[];
  /** Per consolidated parameter, stacked: 2s·a (the penalty's gradient scale) and the anchor m. */
  private twoSA: tf.Tensor[] | null = null;
  private anchor: tf.Tensor[] | null = null;
  private strengths: number[] = [];
  private optimizer: StackedOptimizer;
  private optimizerKind: string;
  private lossSum: tf.Tensor;
  private readonly diagnostics: DiagnosticSums;
  private readonly lossCount: Float64Array;
  private readonly groups: number[];
  private readonly consolidated: number;
  private readonly trunkLayers: number;
  private stale = false;

  constructor(
    private readonly learners: readonly Learner[],
    private readonly how: LaneMatMul,
  ) {
    const model = learners[0].model;
    this.consolidated = model.consolidated().length;
    this.trunkLayers = model.trunk.length;
    this.params = model
      .variables()
      .map((_, p) => tf.keep(tf.stack(learners.map((l) => l.model.variables()[p]))));
    this.omega = this.params.map((t) => tf.keep(tf.zerosLike(t)));
    // Group 0: the consolidated parameters; group 1 + h: task head h (each has its own optimizer).
    this.groups = this.params.map((_, p) =>
      p < this.consolidated ? 0 : 1 + Math.floor((p - 2 * this.trunkLayers) / 2),
    );
    this.optimizerKind = this.kindNow();
    this.optimizer = this.newOptimizer();
    this.lossSum = tf.keep(tf.zeros([learners.length]));
    this.lossCount = new Float64Array(learners.length);
    this.diagnostics = new DiagnosticSums(learners);
  }

  get lanes(): number {
    return this.learners.length;
  }

  /**
   * One step of every lane on its own batch; a lane without one (halted) is left exactly as it is.
   * A lane whose method has step hooks gets them on its own slice: its loss term is added to the
   * objective, its gradient replaced by its transform (before the penalty and the optimizer).
   */
  step(lanes: readonly (LaneBatch | null)[], old: OldTasks): void {
    this.syncOptimizer();
    this.preparePenalty();
    const batches = lanes.map((l) => l?.batch ?? null);
    const live = batches.map((b) => b !== null);
    const heads = lanes.map((l, m) =>
      l ? trainedHeads(this.learners[m].method, l.batch, this.learners[m].frozen !== null, old) : [],
    );
    const active = [live, ...this.learners[0].model.heads.map((_, h) => heads.map((hs) => hs.includes(h)))];
    if (!this.learners[0].model.multiHead) active.length = 1;
    const indices = this.params.flatMap((_, p) => (active[this.groups[p]].some(Boolean) ? [p] : []));
    if (indices.length === 0) return;
    const hooked = (hook: 'loss' | 'gradient') =>
      lanes.flatMap((l, m) => (l && this.learners[m].method.step?.[hook] ? [m] : []));
    let losses: tf.Tensor | null = null;
    const { value, grads: raw } = tf.engine().gradients(
      () => {
        losses = tf.keep(laneLosses(this.layers(), batches, this.how));
        let objective = tf.sum(losses) as tf.Scalar;
        for (const m of hooked('loss')) {
          const l = this.learners[m];
          const extra = hookLoss(
            l.method,
            l.settings,
            this.laneNetwork(m),
            this.frozenNetwork(m),
            old,
            lanes[m]!.batch,
          );
          if (extra) objective = tf.add(objective, extra);
        }
        return objective;
      },
      indices.map((p) => this.params[p]),
      undefined,
      true,
    );
    value.dispose();
    const grads = raw.map((g, i) => g ?? tf.zerosLike(this.params[indices[i]]));
    let transformed = grads;
    for (const m of hooked('gradient'))
      transformed = this.transform(m, lanes[m]!, indices, active, transformed, grads);
    const total = indices.map((p, i) =>
      this.twoSA && p < this.consolidated
        ? tf.tidy(() =>
            tf.add(transformed[i], tf.mul(this.twoSA![p], tf.sub(this.params[p], this.anchor![p]))),
          )
        : transformed[i],
    );
    const rates = this.learners.map((l) => l.settings.learningRate(l.id));
    const next = this.optimizer.apply(
      indices,
      indices.map((p) => this.params[p]),
      total,
      active,
      rates,
    );
    // SI's path integral follows the gradient of the lane's loss before any transform (for an A-GEM
    // lane, the current batch's unprojected gradient), as methods/si.ts defines it.
    indices.forEach((p, i) => {
      const previous = this.omega[p];
      this.omega[p] = tf.keep(
        tf.tidy(() => tf.sub(previous, tf.mul(grads[i], tf.sub(next[i], this.params[p])))),
      );
      tf.dispose([previous, this.params[p]]);
      this.params[p] = tf.keep(next[i]);
    });
    const previousSum = this.lossSum;
    this.lossSum = tf.keep(tf.add(previousSum, losses!));
    live.forEach((on, m) => {
      if (on) this.lossCount[m]++;
    });
    const made = new Set([...transformed, ...total].filter((t) => !grads.includes(t)));
    tf.dispose([previousSum, losses!, ...grads, ...made]);
    this.stale = true;
  }

  /**
   * Lane m's gradient replaced by its method's transform, over the parameters the lane trains this
   * step; the other lanes' slices pass through. Returns new stacked tensors where lane m trains
   * (disposing the ones an earlier lane's transform made there), the same tensors elsewhere.
   */
  private transform(
    m: number,
    lane: LaneBatch,
    indices: readonly number[],
    active: readonly (readonly boolean[])[],
    grads: tf.Tensor[],
    original: readonly tf.Tensor[],
  ): tf.Tensor[] {
    const own = indices.flatMap((p, i) => (active[this.groups[p]][m] ? [i] : []));
    const l = this.learners[m];
    const weights = this.params.map((t) => laneOf(t, m));
    const laneGrads = own.map((i) => laneOf(grads[i], m));
    const result = hookGradient(
      l.method,
      l.settings,
      laneGrads,
      networkOf(weights, this.trunkLayers),
      own.map((i) => weights[indices[i]]),
      lane.reference,
    );
    this.diagnostics.add(m, result?.diagnostics);
    const out = [...grads];
    if (result) {
      own.forEach((i, j) => {
        out[i] = tf.tidy(() => tf.stack(lanesOf(grads[i]).map((g, k) => (k === m ? result.gradient[j] : g))));
        if (grads[i] !== original[i]) grads[i].dispose();
      });
      tf.dispose([...result.gradient, ...(result.diagnostics ? [result.diagnostics] : [])]);
    }
    tf.dispose([...weights, ...laneGrads]);
    return out;
  }

  takeMeanLosses(): tf.Tensor1D {
    const mean = tf.div(this.lossSum, tf.tensor1d(Array.from(this.lossCount, (n) => Math.max(1, n))));
    this.lossSum.dispose();
    this.lossSum = tf.keep(tf.zeros([this.lanes]));
    this.lossCount.fill(0);
    return mean as tf.Tensor1D;
  }

  takeDiagnostics(): (tf.Tensor1D | null)[] {
    return this.diagnostics.take(this.learners);
  }

  /** Hands every learner its lane's weights and ω, when a step has changed them since the last hand-over. */
  syncLearners(): void {
    if (!this.stale) return;
    this.stale = false;
    const weights = this.params.map(lanesOf);
    const omega = this.omega.map(lanesOf);
    this.learners.forEach((l, m) => {
      l.adopt(
        weights.map((w) => w[m]),
        omega.map((w) => w[m]),
      );
    });
    tf.dispose(weights.flat());
  }

  /**
   * After every learner has closed its task (its ω restarted, its penalty terms set): ω starts again
   * at zero and the stacked penalty takes the learners' new terms; the optimizer starts afresh when
   * the settings say so, as each learner's would.
   */
  afterBoundary(): void {
    for (const [p, w] of this.omega.entries()) {
      w.dispose();
      this.omega[p] = tf.keep(tf.zerosLike(this.params[p]));
    }
    tf.dispose([...(this.anchor ?? []), ...(this.twoSA ?? [])]);
    this.anchor = null;
    this.twoSA = null;
    this.strengths = [];
    if (this.learners[0].settings.hp.resetOptimizer) this.optimizer.reset();
    this.preparePenalty();
  }

  dispose(): void {
    tf.dispose([...this.params, ...this.omega, ...(this.anchor ?? []), ...(this.twoSA ?? []), this.lossSum]);
    this.optimizer.dispose();
    this.diagnostics.dispose();
  }

  /** Lane m's own network, sliced from the stacked weights (differentiable, inside the gradient). */
  private laneNetwork(m: number) {
    return networkOf(
      this.params.map((t) => laneOf(t, m)),
      this.trunkLayers,
    );
  }

  private frozenNetwork(m: number) {
    const frozen = this.learners[m].frozen;
    return frozen && networkOf(frozen, this.trunkLayers);
  }

  private layers(): StackedLayers {
    const layer = (l: number) => ({ W: this.params[2 * l], b: this.params[2 * l + 1] });
    const trunk = Array.from({ length: this.trunkLayers }, (_, l) => layer(l));
    const heads = this.learners[0].model.heads.map((_, h) => layer(this.trunkLayers + h));
    return { trunk, heads };
  }

  /**
   * Stacks the lanes' penalty terms when a strength changed (a slider) or new terms came (a
   * boundary): 2s·a per lane exactly as each learner's penalty computes it, zeros for a lane
   * without terms.
   */
  private preparePenalty(): void {
    const now = this.learners.map((l) => l.penaltyNow());
    const strengths = now.map((n) => (n.terms ? n.strength : 0));
    if (this.twoSA && strengths.every((s, m) => s === this.strengths[m])) return;
    this.strengths = strengths;
    if (!now.some((n) => n.terms)) return;
    const stackOver = (
      term: (t: { importance: tf.Tensor[]; anchor: tf.Tensor[] }, k: number, s: number) => tf.Tensor,
    ) =>
      Array.from({ length: this.consolidated }, (_, k) =>
        tf.keep(
          tf.tidy(() =>
            tf.stack(
              now.map((n) =>
                n.terms
                  ? term(n.terms, k, n.strength)
                  : tf.zerosLike(this.params[k].slice(0, 1).squeeze([0])),
              ),
            ),
          ),
        ),
      );
    tf.dispose(this.twoSA ?? []);
    this.twoSA = stackOver((t, k, s) => tf.mul(t.importance[k], 2 * s));
    if (!this.anchor) this.anchor = stackOver((t, k) => t.anchor[k]);
  }

  private kindNow(): string {
    const { optimizer, adamEpsilon } = this.learners[0].settings.hp;
    return `${optimizer} ${adamEpsilon}`;
  }

  private newOptimizer(): StackedOptimizer {
    const { optimizer, adamEpsilon } = this.learners[0].settings.hp;
    return new StackedOptimizer(optimizer, adamEpsilon, this.lanes, this.groups);
  }

  /** A new optimizer kind (or ε) starts every lane's optimizer afresh, as each learner's would. */
  private syncOptimizer(): void {
    const kind = this.kindNow();
    if (kind === this.optimizerKind) return;
    this.optimizerKind = kind;
    this.optimizer.dispose();
    this.optimizer = this.newOptimizer();
  }
}
