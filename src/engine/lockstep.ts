import * as tf from '@tensorflow/tfjs-core';
import {
  type Batch,
  BatchStream,
  disposeBatch,
  type ExampleRef,
  fixedSubset,
  makeBatch,
  trainPool,
} from './data/batches';
import type { MnistData } from './data/mnistAsset';
import { buildScenario, type Scenario, type ScenarioSpec } from './data/scenarios';
import {
  DEFAULT_EVAL_EVERY,
  DEFAULT_EVAL_SUBSET,
  DEFAULT_HIDDEN,
  DEFAULT_HYPERPARAMETERS,
  type Hyperparameters,
  LOSS_PROBE_SIZE,
} from './defaults';
import { faultPoint } from './faultPoints';
import { Learner, type TaskClosing, type TaskProbe } from './learner';
import type { MethodId } from './methodIds';
import { pearson, spearman } from './metrics';
import { correctCount, initialWeights } from './model/mlp';
import { createRng, deriveSeed } from './random';

export interface LockstepOptions {
  data: MnistData;
  spec: ScenarioSpec;
  methods: readonly MethodId[];
  seed: number;
  hidden?: readonly number[];
  hyperparameters?: Partial<Hyperparameters>;
  /** Test examples per task in the fixed evaluation subset. */
  evalSubset?: number;
}

export interface Correlation {
  pearson: number;
  spearman: number;
}

/** One layer's importances at a task boundary (W and b together), and how they agree. */
export interface LayerImportance {
  layer: string;
  /** Parameter names, e.g. ["layer 1 W", "layer 1 b"]; the arrays below concatenate them. */
  params: string[];
  fisher: Float32Array;
  omega: Float32Array;
  Omega: Float32Array;
  fisherVsOmega: Correlation;
  fisherVsSiImportance: Correlation;
}

export interface MethodBoundary {
  method: MethodId;
  lossStart: number;
  lossEnd: number;
  /** L(start) − L(end) on the task's loss probe (training data). */
  lossDrop: number;
  /**
   * Σω, the path integral's estimate of the same drop: −Σω = ∫g·dθ ≈ L(end) − L(start) (SI Eq. 3),
   * so Σω ≈ L(start) − L(end). With finite Adam steps it overestimates the drop somewhat.
   */
  sumOmega: number;
  layers: LayerImportance[];
}

export interface TaskBoundaryReport {
  /** The task that just ended. */
  task: number;
  steps: number;
  methods: MethodBoundary[];
}

export interface Evaluation {
  step: number;
  task: number;
  /** accuracy[m][t]: method m on task t's test examples (the fixed subset or the full test set). */
  accuracy: number[][];
  /** Mean training loss of each method since the previous evaluation. */
  trainLoss: number[];
  penalty: number[];
}

const EVAL_CHUNK = 500;

/**
 * Several learners trained in lockstep: same initial weights, same minibatch stream (Joint draws
 * from every task seen so far), task switches at any moment, settings that change between steps.
 */
export class Lockstep {
  readonly scenario: Scenario;
  readonly methods: readonly MethodId[];
  readonly learners: Learner[];
  private hp: Hyperparameters;
  private readonly seed: number;
  private task = 0;
  private steps = 0;
  private stepsInTask = 0;
  private boundaries = 0;
  private readonly seen = new Set<number>([0]);
  private readonly halted = new Set<number>();
  private readonly streams = new Map<number, BatchStream>();
  private readonly jointStream: BatchStream;
  private readonly evalSets: Batch[];

  constructor(options: LockstepOptions) {
    this.seed = options.seed;
    this.hp = { ...DEFAULT_HYPERPARAMETERS, ...options.hyperparameters };
    this.scenario = buildScenario(options.data, options.spec, options.seed);
    this.methods = [...options.methods];
    const { inputSize, classes, heads } = this.scenario;
    const weights = initialWeights(
      { inputSize, classes, heads, hidden: options.hidden ?? DEFAULT_HIDDEN },
      options.seed,
    );
    this.learners = this.methods.map((id) => new Learner(id, weights, this.hp));
    this.jointStream = new BatchStream(trainPool(this.scenario, this.seen), deriveSeed(this.seed, 'joint'));
    const evalSize = options.evalSubset ?? DEFAULT_EVAL_SUBSET;
    this.evalSets = this.scenario.tasks.map((_, t) =>
      makeBatch(
        this.scenario,
        fixedSubset(this.scenario, t, 'test', evalSize, deriveSeed(this.seed, 'eval', t)),
        'test',
      ),
    );
    this.beginTask();
  }

  get currentTask(): number {
    return this.task;
  }

  get stepCount(): number {
    return this.steps;
  }

  get hyperparameters(): Readonly<Hyperparameters> {
    return this.hp;
  }

  /** Steps trained since the current task began. */
  get stepsInCurrentTask(): number {
    return this.stepsInTask;
  }

  /** Stops training one method (it diverged); the others go on. Its weights stay as they are. */
  halt(methodIndex: number): void {
    this.halted.add(methodIndex);
  }

  /** Tasks trained on so far, in first-visit order. */
  get seenTasks(): number[] {
    return [...this.seen];
  }

  /** One minibatch step for every learner. Nothing is read back. */
  step(): void {
    const stream = this.streams.get(this.task)!;
    const batch = makeBatch(this.scenario, stream.next(this.hp.batchSize), 'train');
    const needsJoint = this.learners.some((l) => l.method.trainsOnAllSeenTasks);
    const jointBatch = needsJoint
      ? makeBatch(this.scenario, this.jointStream.next(this.hp.batchSize), 'train')
      : null;
    this.learners.forEach((learner, m) => {
      if (!this.halted.has(m)) learner.step(learner.method.trainsOnAllSeenTasks ? jointBatch! : batch);
      faultPoint('step');
    });
    disposeBatch(batch);
    if (jointBatch) disposeBatch(jointBatch);
    this.steps++;
    this.stepsInTask++;
  }

  /**
   * `steps` steps, evaluating on the fixed subset whenever the global step count is a multiple
   * of `evalEvery` (the points of the forgetting curves between task boundaries).
   */
  async train(steps: number, evalEvery = DEFAULT_EVAL_EVERY): Promise<Evaluation[]> {
    const points: Evaluation[] = [];
    for (let s = 0; s < steps; s++) {
      this.step();
      if (this.steps % evalEvery === 0) points.push(await this.evaluate());
    }
    return points;
  }

  /**
   * Ends the current task (Fisher, Ω, penalties consolidated; the report has every method's
   * importances) and starts `task`. A task with no training steps is not consolidated (null).
   */
  async switchTask(task: number): Promise<TaskBoundaryReport | null> {
    if (!Number.isInteger(task) || task < 0 || task >= this.scenario.tasks.length) {
      throw new RangeError(
        `No task ${task}: this scenario has tasks 0 to ${this.scenario.tasks.length - 1}.`,
      );
    }
    if (task === this.task) return null;
    const report = this.stepsInTask > 0 ? await this.closeTask() : null;
    this.task = task;
    if (!this.seen.has(task)) {
      this.seen.add(task);
      this.jointStream.setPool(trainPool(this.scenario, this.seen));
    }
    this.beginTask();
    return report;
  }

  /**
   * Accuracy of every method on every task (one read for all), on the fixed evaluation subset
   * or on the full test sets.
   */
  async evaluate(scope: 'subset' | 'full' = 'subset'): Promise<Evaluation> {
    const tasks = this.scenario.tasks;
    const counts: tf.Scalar[][] = this.learners.map(() => tasks.map(() => tf.keep(tf.scalar(0))));
    const sizes = tasks.map((t, j) =>
      scope === 'subset' ? this.evalSets[j].x.shape[0] : t.test.index.length,
    );
    for (let j = 0; j < tasks.length; j++) {
      const chunks =
        scope === 'subset'
          ? [this.evalSets[j]]
          : this.chunks(j, sizes[j]).map((refs) => makeBatch(this.scenario, refs, 'test'));
      for (const chunk of chunks) {
        this.learners.forEach((learner, m) => {
          const previous = counts[m][j];
          counts[m][j] = tf.keep(
            tf.tidy(() =>
              tf.add(previous, correctCount(learner.model.logits(chunk.x, chunk.heads[0]), chunk.y)),
            ),
          );
          previous.dispose();
        });
        if (scope === 'full') disposeBatch(chunk);
      }
    }
    const packed = tf.tidy(() =>
      tf.concat([
        tf.stack(counts.flat()),
        tf.stack(this.learners.map((l) => l.takeMeanLoss())),
        tf.stack(this.learners.map((l) => l.penalty())),
      ]),
    );
    tf.dispose(counts.flat());
    const flat = await packed.data();
    packed.dispose();
    const n = this.learners.length;
    const T = tasks.length;
    return {
      step: this.steps,
      task: this.task,
      accuracy: this.learners.map((_, m) => tasks.map((_, j) => flat[m * T + j] / sizes[j])),
      trainLoss: Array.from(flat.subarray(n * T, n * T + n)),
      penalty: Array.from(flat.subarray(n * T + n, n * T + 2 * n)),
    };
  }

  /** Changes settings between steps (learning rate, batch size, c, λ, ξ, Fisher settings, …). */
  setHyperparameters(patch: Partial<Hyperparameters>): void {
    this.hp = { ...this.hp, ...patch };
    for (const learner of this.learners) learner.setHyperparameters(this.hp);
  }

  dispose(): void {
    for (const learner of this.learners) learner.dispose();
    for (const batch of this.evalSets) disposeBatch(batch);
  }

  private chunks(task: number, n: number): ExampleRef[][] {
    const out: ExampleRef[][] = [];
    for (let s = 0; s < n; s += EVAL_CHUNK) {
      out.push(Array.from({ length: Math.min(EVAL_CHUNK, n - s) }, (_, k) => ({ task, pos: s + k })));
    }
    return out;
  }

  /** `size` fixed training examples of `task` (the caller disposes them), e.g. for the loss landscape. */
  probeFor(task: number, size: number): TaskProbe {
    return this.probe(task, size, 'probe');
  }

  private probe(task: number, size: number, label: string): TaskProbe {
    const refs = fixedSubset(this.scenario, task, 'train', size, deriveSeed(this.seed, label, task));
    const { x, y } = makeBatch(this.scenario, refs, 'train');
    return { x, y, head: this.scenario.tasks[task].head };
  }

  private beginTask(): void {
    if (!this.streams.has(this.task)) {
      const pool = trainPool(this.scenario, [this.task]);
      this.streams.set(this.task, new BatchStream(pool, deriveSeed(this.seed, 'stream', this.task)));
    }
    const probe = this.probe(this.task, LOSS_PROBE_SIZE, 'loss');
    for (const learner of this.learners) learner.beginTask(probe);
    tf.dispose([probe.x, probe.y]);
    this.stepsInTask = 0;
  }

  private async closeTask(): Promise<TaskBoundaryReport> {
    const lossProbe = this.probe(this.task, LOSS_PROBE_SIZE, 'loss');
    const fisherProbe = this.probe(this.task, this.hp.fisherSamples, 'fisher');
    const fisherSeed = deriveSeed(this.seed, 'fisher-sample', this.boundaries++);
    const closings: TaskClosing[] = [];
    for (const learner of this.learners) {
      // Every learner samples the same labels given the same probabilities: one seed, fresh stream each.
      closings.push(await learner.closeTask(lossProbe, fisherProbe, createRng(fisherSeed)));
      faultPoint('consolidation');
    }
    tf.dispose([lossProbe.x, lossProbe.y, fisherProbe.x, fisherProbe.y]);
    const names = this.learners[0].model.consolidatedNames();
    return {
      task: this.task,
      steps: this.stepsInTask,
      methods: closings.map((c, m) => ({
        method: this.methods[m],
        lossStart: c.lossStart,
        lossEnd: c.lossEnd,
        lossDrop: c.lossStart - c.lossEnd,
        sumOmega: c.sumOmega,
        layers: layerImportances(names, c),
      })),
    };
  }
}

/** Groups W and b of each layer ("layer 1 W", "layer 1 b" → "layer 1") and correlates them. */
function layerImportances(names: string[], c: TaskClosing): LayerImportance[] {
  const layers = [...new Set(names.map((n) => n.replace(/ [Wb]$/, '')))];
  const join = (parts: Float32Array[], idx: number[]) => {
    const out = new Float32Array(idx.reduce((s, k) => s + parts[k].length, 0));
    let o = 0;
    for (const k of idx) {
      out.set(parts[k], o);
      o += parts[k].length;
    }
    return out;
  };
  return layers.map((layer) => {
    const idx = names.flatMap((n, k) => (n.startsWith(`${layer} `) ? [k] : []));
    const fisher = join(c.fisher, idx);
    const omega = join(c.omega, idx);
    const Omega = join(c.Omega, idx);
    return {
      layer,
      params: idx.map((k) => names[k]),
      fisher,
      omega,
      Omega,
      fisherVsOmega: { pearson: pearson(fisher, omega), spearman: spearman(fisher, omega) },
      fisherVsSiImportance: { pearson: pearson(fisher, Omega), spearman: spearman(fisher, Omega) },
    };
  });
}
