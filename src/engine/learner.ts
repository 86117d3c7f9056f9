import * as tf from '@tensorflow/tfjs-core';
import type { LayerImportance, MethodBoundary } from './boundary';
import { diagonalFisher, perExampleGradientSums } from './fisher';
import type { LearnerSettings } from './laneSettings';
import { IMPORTANCE_MEASURES, type MethodId, methodModule } from './methods/registry';
import type { BoundaryContext, MeasureState, MethodModule, PenaltyState } from './methods/types';
import { crossEntropy, Mlp, type MlpWeights } from './model/mlp';
import { PathIntegral } from './pathIntegral';
import { QuadraticPenalty } from './penalty';
import type { Rng } from './random';

/** Examples of one task, as tensors owned by the caller. */
export interface TaskProbe {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  head: number;
}

/**
 * One method's model and state at task boundaries (importance measures, penalty terms, a frozen
 * copy). The training step is the lockstep's (src/engine/fused/fusedTrainer.ts), which hands the
 * learner its weights and ω. Settings are read from the run's one `RunningSettings` when needed,
 * never copied.
 */
export class Learner {
  readonly model: Mlp;
  readonly method: MethodModule;
  private readonly penalty: QuadraticPenalty;
  private readonly penaltyState: PenaltyState | null;
  private readonly measures: MeasureState[];
  private readonly path: PathIntegral;
  private lossStart: tf.Scalar | null = null;
  /** The network at the last boundary, in `model.variables()` order, when the method keeps a frozen copy. */
  private frozenCopy: tf.Tensor[] | null = null;

  constructor(
    readonly id: MethodId,
    weights: MlpWeights,
    readonly settings: LearnerSettings,
  ) {
    this.method = methodModule(id);
    this.model = new Mlp(weights);
    const variables = this.model.variables();
    const penalty = this.method.penalty;
    this.penalty = new QuadraticPenalty(() => (penalty ? penalty.strength(settings) : 0));
    this.penaltyState = penalty?.create(tf) ?? null;
    // Every learner measures every method's declared importance at every boundary, whatever method
    // it trains, because the panels compare them (ω, Ω, the Fisher, MAS's Ω) on any method's
    // weights. So every learner keeps SI's path integral ω, the one per-step cost of that choice; it
    // also gives the path-integral check its Σω, over every trained parameter, heads included.
    this.measures = IMPORTANCE_MEASURES.map((m) => m.create(tf));
    this.path = new PathIntegral(variables);
  }

  /** Starts a task: records L(start) on its loss probe (kept on the device until the task closes). */
  beginTask(probe: TaskProbe): void {
    this.lossStart?.dispose();
    this.lossStart = tf.keep(this.lossOn(probe));
  }

  /**
   * Ends a task: measures every declared importance on `probe`, lets the method set its penalty,
   * measures L(end), restarts the path integral, and reads everything back in one transfer.
   */
  async closeTask(lossProbe: TaskProbe, probe: TaskProbe, rng: Rng): Promise<MethodBoundary> {
    const thetas = this.model.variables();
    const context = this.boundaryContext(thetas, probe, rng);
    const values: tf.Tensor[][] = [];
    for (const m of this.measures) values.push(await m.atBoundary(context));
    const n = this.model.consolidated().length;
    const consolidated = values.map((v) => v.slice(0, n));
    const terms = this.penaltyState?.atBoundary({
      tf,
      settings: this.settings,
      thetas: thetas.slice(0, n),
      measure: (id) => {
        const k = IMPORTANCE_MEASURES.findIndex((m) => m.id === id);
        if (k < 0) throw new RangeError(`No importance measure "${id}".`);
        return consolidated[k];
      },
    });
    if (terms) this.penalty.set(terms);
    const lossEnd = this.lossOn(lossProbe);
    const packed = tf.tidy(() =>
      tf.concat([
        tf.stack([this.lossStart ?? lossEnd, lossEnd, this.path.total()]),
        ...consolidated.flat().map((t) => t.flatten()),
      ]),
    );
    tf.dispose([lossEnd, ...values.flat()]);
    this.path.restart(thetas);
    if (this.method.step?.frozenCopy) {
      tf.dispose(this.frozenCopy ?? []);
      this.frozenCopy = thetas.map((t) => tf.keep(tf.clone(t)));
    }
    const flat = (await packed.data()) as Float32Array;
    packed.dispose();
    return {
      method: this.id,
      lossStart: flat[0],
      lossEnd: flat[1],
      sumOmega: flat[2],
      layers: layerImportances(this.model, flat.subarray(3)),
    };
  }

  /**
   * Takes the weights and this task's ω from the fused step (src/engine/fused/fusedTrainer.ts),
   * which trains every lane at once; the learner then reads, measures and consolidates as usual.
   * Takes ownership of `omega`; `weights` are copied into the variables (null: they hold them already).
   */
  adopt(weights: readonly tf.Tensor[] | null, omega: tf.Tensor[]): void {
    if (weights) for (const [k, v] of this.model.variables().entries()) v.assign(weights[k]);
    this.path.adopt(omega);
  }

  /** The penalty's strength now and its terms (null before the first boundary), for the fused step. */
  penaltyNow(): { strength: number; terms: { importance: tf.Tensor[]; anchor: tf.Tensor[] } | null } {
    return { strength: this.penalty.currentStrength(), terms: this.penalty.currentTerms() };
  }

  /** The frozen copy taken at the last boundary (the learner's own tensors), or null. */
  get frozen(): readonly tf.Tensor[] | null {
    return this.frozenCopy;
  }

  /** This task's path integral ω so far, in `model.variables()` order (the learner's own tensors). */
  get pathOmega(): readonly tf.Tensor[] {
    return this.path.omega;
  }

  /** Mean cross-entropy on a probe (a new scalar). */
  lossOn(probe: TaskProbe): tf.Scalar {
    return tf.tidy(() => crossEntropy(this.model.logits(probe.x, probe.head), probe.y));
  }

  /** The penalty at the current weights (a new scalar). */
  penaltyValue(): tf.Scalar {
    return this.penalty.value(this.model.consolidated());
  }

  /** The engine's per-example machinery on `probe`, for the importance measures. */
  private boundaryContext(thetas: readonly tf.Tensor[], probe: TaskProbe, rng: Rng): BoundaryContext {
    const { model, settings } = this;
    const spread = (onPath: tf.Tensor[]) => model.spreadOverVariables(probe.head, onPath);
    return {
      tf,
      settings,
      thetas,
      path: { omega: this.path.omega, start: this.path.start },
      probeSize: probe.x.shape[0],
      fisher: async () =>
        spread(await diagonalFisher(model, probe.x, probe.y, probe.head, settings.hp.fisher, rng)),
      perExampleGradientSums: (loss, power) =>
        spread(perExampleGradientSums(model, probe.x, probe.head, [(logits) => loss(logits)], power)),
    };
  }

  dispose(): void {
    for (const m of this.measures) m.dispose();
    tf.dispose([...(this.lossStart ? [this.lossStart] : []), ...(this.frozenCopy ?? [])]);
    this.penaltyState?.dispose();
    this.penalty.dispose();
    this.path.dispose();
    this.model.dispose();
  }
}

/**
 * Groups the consolidated parameters by layer ("layer 1 W", "layer 1 b" → "layer 1"); `flat` holds
 * every measure's values on every consolidated parameter, measure by measure.
 */
function layerImportances(model: Mlp, flat: Float32Array): LayerImportance[] {
  const names = model.consolidatedNames();
  const sizes = model.consolidated().map((v) => v.size);
  const perMeasure = sizes.reduce((a, b) => a + b, 0);
  const layers = [...new Set(names.map((n) => n.replace(/ [Wb]$/, '')))];
  return layers.map((layer) => {
    const params = names.flatMap((n, k) => (n.startsWith(`${layer} `) ? [k] : []));
    return {
      layer,
      measures: IMPORTANCE_MEASURES.map((m, i) => {
        const values = new Float32Array(params.reduce((s, k) => s + sizes[k], 0));
        let o = 0;
        for (const k of params) {
          const start = i * perMeasure + sizes.slice(0, k).reduce((a, b) => a + b, 0);
          values.set(flat.subarray(start, start + sizes[k]), o);
          o += sizes[k];
        }
        return { id: m.id, values };
      }),
    };
  });
}
