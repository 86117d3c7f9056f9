/**
 * What a continual-learning method module declares. A module must not import TensorFlow.js at run
 * time (the UI imports the registry for labels, colours and sliders): tfjs types come in with
 * `import type`, and the hooks receive `tf` and the engine's helpers through their context.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { ScenarioKey } from '../data/scenarios';
import type { Strengths, TaskMemory } from '../quadratic/memory';
import type { QuadTerm } from '../quadratic/task';
import type { SharedHyperparameters } from '../settingsTable';

/** The tfjs-core namespace, handed to the hooks at run time. */
export type Tf = typeof tfc;
export type Tensor = tfc.Tensor;

/** What a hook may read of the running settings (their one owner is `RunningSettings`). */
export interface SettingsView {
  readonly hp: Readonly<SharedHyperparameters>;
  /** A method parameter's current value by its key, e.g. `param('lambdaEwc')`. */
  param(key: string): number;
}

/** A number a method reads: its slider, URL key, CLI flag and recommended value per scenario. */
export interface MethodParam {
  /** URL key and settings key, e.g. `lambdaEwc`. */
  readonly key: string;
  /** CLI flag without the dashes, e.g. `lambda-ewc`. */
  readonly flag: string;
  /** A second CLI flag that sets every parameter declaring it (`--lambda` sets L2's and EWC's λ). */
  readonly sharedFlag?: string;
  readonly label: string;
  readonly symbol: string;
  readonly help: string;
  /** A short note under the slider, e.g. when a change takes effect. */
  readonly note?: string;
  /** The values a link or the command line may give. */
  readonly range: { readonly min: number; readonly max: number; readonly integer?: boolean };
  readonly slider: {
    readonly min: number;
    readonly max: number;
    readonly log?: boolean;
    readonly step?: number;
  };
  /** The recommended value in each scenario: the default the CLI, the worker and the UI start from. */
  readonly recommended: Readonly<Record<ScenarioKey, number>>;
  /** Declared on a method's strength: the range a strength sweep spans (src/engine/sweep.ts). */
  readonly sweep?: SweepRange;
}

/**
 * A strength sweep's range: a lane at 0 (the method switched off), then log-spaced lanes from
 * `from` to `to`; `relative`: both are multiples of the scenario's recommended value (EWC's good λ
 * moves five decades between scenarios, so a fixed range would miss one of them).
 */
export interface SweepRange {
  readonly from: number;
  readonly to: number;
  readonly relative?: boolean;
}

/** One model's examples of the finished task, and the engine's per-example gradient machinery on them. */
export interface BoundaryContext {
  readonly tf: Tf;
  readonly settings: SettingsView;
  /** Every trained variable at the task's end: the trunk, then every head (W, b per layer). */
  readonly thetas: readonly Tensor[];
  /** This task's path integral ω and the weights it started from, same order as `thetas`. */
  readonly path: { readonly omega: readonly Tensor[]; readonly start: readonly Tensor[] };
  /** Examples of the finished task the measures are taken on. */
  readonly probeSize: number;
  /** The diagonal Fisher on the probe with the settings' estimator, same order as `thetas`. */
  fisher(): Promise<Tensor[]>;
  /**
   * Σ_i |∂ℓ_i/∂θ|^power over the probe's examples, batched (zero probes on every pre-activation),
   * `loss` the summed per-example loss of the logits through the task's head; same order as `thetas`
   * (zeros for heads the task does not read).
   */
  perExampleGradientSums(loss: (logits: tfc.Tensor2D) => tfc.Scalar, power: 1 | 2): Tensor[];
}

/** A per-parameter importance a method declares; every learner measures it at every boundary. */
export interface ImportanceMeasure {
  /** Unique over the registry, e.g. `fisher`. */
  readonly id: string;
  readonly symbol: string;
  /** For axis titles and menus, e.g. "Ω (SI's importance)". */
  readonly label: string;
  /** A fresh state for one learner (a cumulative measure keeps its running value here). */
  create(tf: Tf): MeasureState;
}

export interface MeasureState {
  /** The measure at a task's end, one new tensor per trained variable (the caller disposes them). */
  atBoundary(ctx: BoundaryContext): Promise<Tensor[]> | Tensor[];
  dispose(): void;
}

/**
 * The shared penalty s·Σ_k a_k(θ_k − m_k)² + s·constant over the consolidated parameters: a the
 * importance, m the anchor. The constant only shifts the reported value.
 */
export interface QuadraticTerms {
  readonly importance: Tensor[];
  readonly anchor: Tensor[];
  /** A scalar tensor. */
  readonly constant: Tensor;
}

export interface PenaltyBoundary {
  readonly tf: Tf;
  readonly settings: SettingsView;
  /** The consolidated parameters (what the penalty protects) at the task's end. */
  readonly thetas: readonly Tensor[];
  /** A declared measure's values on the consolidated parameters, by id (owned by the learner). */
  measure(id: string): readonly Tensor[];
}

export interface PenaltyState {
  /** New importance and anchor (tensors handed over to the penalty), or null to keep the old ones. */
  atBoundary(b: PenaltyBoundary): QuadraticTerms | null;
  dispose(): void;
}

export interface MethodPenalty {
  /** s in s·Σa(θ−m)², from the current settings (read every step, so a slider acts at once). */
  strength(settings: SettingsView): number;
  /** The penalty's TeX, shown beside the settings and in the README. */
  readonly tex: string;
  create(tf: Tf): PenaltyState;
}

/**
 * Where a method's minibatches come from: the current task's minibatch (every method shares it),
 * every task seen so far, or the current minibatch plus as many examples again from a replay
 * memory of `size` examples (src/engine/data/memory.ts).
 */
export type DataSource =
  | { readonly kind: 'current' }
  | { readonly kind: 'seen' }
  | { readonly kind: 'memory'; size(settings: SettingsView): number };

/**
 * A lane's network on the inputs of its batch: `logits(h)`, the logits through head h (on a shared
 * head, h is 0). The lane's own network is differentiable; a frozen copy is not.
 */
export interface LaneOutputs {
  logits(head: number): Tensor;
}

/** What a loss term sees: its own lane's outputs on the lane's batch, and the frozen copy's. */
export interface LossContext {
  readonly tf: Tf;
  readonly settings: SettingsView;
  /** The batch's inputs, one-hot targets and the heads it reads. */
  readonly batch: { readonly x: Tensor; readonly y: Tensor; readonly heads: readonly number[] };
  /** Whether every task shares one output head (domain-, class-incremental, permuted). */
  readonly sharedHead: boolean;
  readonly current: LaneOutputs;
  /**
   * The lane's network frozen at the last task boundary (when the method keeps one), with the
   * tasks it had learned other than the current one: their heads, and the classes (output units)
   * their examples use. Null before the first boundary.
   */
  readonly frozen:
    | (LaneOutputs & { readonly heads: readonly number[]; readonly classes: readonly number[] })
    | null;
}

/** What a gradient transform sees, one lane at a time. */
export interface GradientContext {
  readonly tf: Tf;
  readonly settings: SettingsView;
  /**
   * The gradient of the lane's loss (task loss plus its loss terms; no quadratic penalty) on every
   * parameter this step trains: the trunk (and a shared head), then each head the batch reads.
   */
  readonly gradient: readonly Tensor[];
  /** The task loss's gradient on the reference batch, same parameters and order; null without one. */
  readonly reference: readonly Tensor[] | null;
}

export interface GradientResult {
  /** The gradient the optimizer applies instead (new tensors, same order). */
  readonly gradient: Tensor[];
  /** This step's values of the method's `diagnostics`, [diagnostics.length] (summed on the device). */
  readonly diagnostics?: Tensor;
}

/** A number a method accumulates on the device each step, read with the evaluation (sums since the last one). */
export interface Diagnostic {
  readonly key: string;
  readonly help: string;
}

/**
 * How a method plugs into the one training step (src/engine/fused/fusedTrainer.ts), besides its
 * data source and penalty. Each hook acts on one lane's tensors; the step applies it to that
 * lane only, so lanes of other methods run exactly the kernels they ran without it.
 */
export interface StepHooks {
  /**
   * At every task boundary, keep a frozen copy of the lane's network (handed to `loss` as
   * `frozen`). A loss term may then read the old tasks' heads, which the lane then trains too.
   */
  readonly frozenCopy?: boolean;
  /** An extra term of the lane's loss (a new scalar), or null to add nothing this step. */
  loss?(ctx: LossContext): Tensor | null;
  /**
   * A reference batch each step, drawn from a memory the engine keeps for the method (class-balanced,
   * src/engine/data/memory.ts; each finished task joins it at the boundary, `size` examples in all),
   * the size of the minibatch. Its task-loss gradient is the transform's `reference`.
   */
  readonly reference?: { readonly kind: 'memory'; size(settings: SettingsView): number };
  /** Replaces the lane's gradient before the penalty and the optimizer. */
  gradient?(ctx: GradientContext): GradientResult;
  /** What `gradient` reports each step, in the order of its `diagnostics` tensor. */
  readonly diagnostics?: readonly Diagnostic[];
}

/** A method's counterpart in the 2D lab: its penalty as quadratic terms ½(θ−c)ᵀH(θ−c). */
export interface LabCounterpart {
  penaltyTerms(memories: readonly TaskMemory[], s: Strengths): QuadTerm[];
  /** The lab slider its strength sweep varies; null without a penalty. */
  readonly strengthKey: keyof Strengths | null;
}

export interface MethodModule {
  /** Lower-case, unique; the URL's `methods` list and the CLI's `--methods` use it. */
  readonly id: string;
  readonly label: string;
  /** Colour-blind safe (Okabe–Ito where it can be); the same in every panel and view. */
  readonly color: string;
  /** One sentence for the method toggle's tooltip and the README. */
  readonly summary: string;
  readonly params: readonly MethodParam[];
  readonly data: DataSource;
  readonly penalty: MethodPenalty | null;
  /** Loss terms, gradient transform, reference batches and boundary state; left out: none. */
  readonly step?: StepHooks;
  readonly measures: readonly ImportanceMeasure[];
  /**
   * What the importance maps draw for it: the measure its penalty weighs each parameter by
   * ('uniform': every parameter alike, as L2), and whether that importance grows live along the
   * path during a task (SI: the map of this task's ω). `sums`: the penalty adds the measure up over
   * the boundaries (EWC's ΣF; SI's Ω and MAS's Ω are cumulative already). Left out: it protects nothing.
   */
  readonly protects?: { readonly measure: string; readonly live?: boolean; readonly sums?: boolean };
  readonly lab: LabCounterpart | null;
}

/** Keeps the module's literal types (id, parameter keys, lab), so the registry's types derive from it. */
export function defineMethod<const M extends MethodModule>(m: M): M {
  return m;
}
