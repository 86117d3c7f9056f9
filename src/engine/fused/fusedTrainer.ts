import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../data/batches';
import type { Learner } from '../learner';
import { type LaneMatMul, laneLosses, lanesOf, type StackedLayers } from './laneLosses';
import { StackedOptimizer } from './stackedOptimizer';

/**
 * Every lane of a lockstep trained as one batched model: each variable stacked along a leading
 * lane axis ([lanes, in, out]), one gradient computation for all lanes, and the optimizer, each
 * method's penalty gradient and SI's path integral applied to the stacked tensors, lane by lane in
 * value but in one set of kernels. The lanes' learners stay the owners of everything that happens
 * at a task boundary (importance measures, penalty terms) and of every read: `syncLearners` hands
 * them the current weights and ω, and `afterBoundary` takes their new penalty terms back.
 */
export class FusedTrainer {
  private params: tf.Tensor[];
  private omega: tf.Tensor[];
  /** Per consolidated parameter, stacked: 2s·a (the penalty's gradient scale) and the anchor m. */
  private twoSA: tf.Tensor[] | null = null;
  private anchor: tf.Tensor[] | null = null;
  private strengths: number[] = [];
  private optimizer: StackedOptimizer;
  private optimizerKind: string;
  private lossSum: tf.Tensor;
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
  }

  get lanes(): number {
    return this.learners.length;
  }

  /** One step of every lane on its own batch; a lane without one (halted) is left exactly as it is. */
  step(batches: readonly (Batch | null)[]): void {
    this.syncOptimizer();
    this.preparePenalty();
    const live = batches.map((b) => b !== null);
    const active = [
      live,
      ...this.learners[0].model.heads.map((_, h) => batches.map((b) => !!b && b.heads.includes(h))),
    ];
    if (!this.learners[0].model.multiHead) active.length = 1;
    const indices = this.params.flatMap((_, p) => (active[this.groups[p]].some(Boolean) ? [p] : []));
    if (indices.length === 0) return;
    let losses: tf.Tensor | null = null;
    const grads = tf.grads(() => {
      losses = tf.keep(laneLosses(this.layers(), batches, this.how));
      return tf.sum(losses) as tf.Scalar;
    })(indices.map((p) => this.params[p]));
    const total = indices.map((p, i) =>
      this.twoSA && p < this.consolidated
        ? tf.tidy(() => tf.add(grads[i], tf.mul(this.twoSA![p], tf.sub(this.params[p], this.anchor![p]))))
        : grads[i],
    );
    const rates = this.learners.map((l) => l.settings.learningRate(l.id));
    const next = this.optimizer.apply(
      indices,
      indices.map((p) => this.params[p]),
      total,
      active,
      rates,
    );
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
    tf.dispose([previousSum, losses!, ...grads, ...total.filter((t, i) => t !== grads[i])]);
    this.stale = true;
  }

  /** Each lane's mean training loss since the last call ([lanes], new; 0 for a lane that took no step). */
  takeMeanLosses(): tf.Tensor1D {
    const mean = tf.div(this.lossSum, tf.tensor1d(Array.from(this.lossCount, (n) => Math.max(1, n))));
    this.lossSum.dispose();
    this.lossSum = tf.keep(tf.zeros([this.lanes]));
    this.lossCount.fill(0);
    return mean as tf.Tensor1D;
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
