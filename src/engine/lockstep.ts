import * as tf from '@tensorflow/tfjs-core';
import type { MethodBoundary, TaskBoundaryReport } from './boundary';
import {
  type Batch,
  BatchStream,
  disposeBatch,
  type ExampleRef,
  fixedSubset,
  makeBatch,
  trainPool,
} from './data/batches';
import { ReplayMemory } from './data/memory';
import type { MnistData } from './data/mnistAsset';
import { buildScenario, type Scenario, type ScenarioSpec, scenarioKeyOf } from './data/scenarios';
import {
  DEFAULT_EVAL_EVERY,
  DEFAULT_EVAL_SUBSET,
  DEFAULT_HIDDEN,
  type Hyperparameters,
  LOSS_PROBE_SIZE,
  recommendedHyperparameters,
} from './defaults';
import { faultPoint } from './faultPoints';
import { FusedTrainer } from './fused/fusedTrainer';
import { type LaneMatMul, laneMatMulFor } from './fused/laneLosses';
import { type LaneSpec, laneSettings } from './laneSettings';
import { Learner, type TaskProbe } from './learner';
import type { MethodId } from './methods/registry';
import type { DataSource } from './methods/types';
import { correctCount, initialWeights } from './model/mlp';
import { createRng, deriveSeed } from './random';
import { RunningSettings } from './settings';

export interface LockstepOptions {
  data: MnistData;
  spec: ScenarioSpec;
  /** The methods trained, one lane each; or `lanes`, which may fix a method's parameters per lane. */
  methods?: readonly MethodId[];
  lanes?: readonly LaneSpec[];
  seed: number;
  hidden?: readonly number[];
  /**
   * The run's settings, owned by the caller (the worker's runner) and read live; without them the
   * lockstep owns settings of its own: the scenario's recommended values with `hyperparameters` on top.
   */
  settings?: RunningSettings;
  hyperparameters?: Partial<Hyperparameters>;
  /** Test examples per task in the fixed evaluation subset. */
  evalSubset?: number;
  /**
   * Train every lane as one batched model (the default), or each learner on its own (the reference
   * the fused step is tested against, and the benchmark's baseline). A string picks how the fused
   * step's matrix products run instead of the backend's best.
   */
  fused?: boolean | LaneMatMul;
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
  private readonly lanes: Learner[];
  /** The fused step, or null when every learner steps on its own. */
  private readonly fused: FusedTrainer | null;
  readonly settings: RunningSettings;
  private readonly seed: number;
  private task = 0;
  private steps = 0;
  private stepsInTask = 0;
  private boundaries = 0;
  private readonly seen = new Set<number>([0]);
  private readonly halted = new Set<number>();
  private readonly streams = new Map<number, BatchStream>();
  private readonly jointStream: BatchStream;
  /** Experience replay's memory and the stream that draws from it, when a method replays. */
  private readonly replay: {
    memory: ReplayMemory;
    stream: BatchStream;
    size: (s: RunningSettings) => number;
  } | null;
  private readonly evalSets: Batch[];

  constructor(options: LockstepOptions) {
    this.seed = options.seed;
    this.scenario = buildScenario(options.data, options.spec, options.seed);
    this.settings =
      options.settings ??
      new RunningSettings({
        ...recommendedHyperparameters(scenarioKeyOf(options.spec)),
        ...options.hyperparameters,
      });
    const lanes = options.lanes ?? (options.methods ?? []).map((method) => ({ method }));
    if (lanes.length === 0) throw new RangeError('A lockstep needs at least one method.');
    this.methods = lanes.map((l) => l.method);
    const { inputSize, classes, heads } = this.scenario;
    const weights = initialWeights(
      { inputSize, classes, heads, hidden: options.hidden ?? DEFAULT_HIDDEN },
      options.seed,
    );
    this.lanes = lanes.map((l) => new Learner(l.method, weights, laneSettings(this.settings, l)));
    const fused = options.fused ?? true;
    this.fused =
      fused === false
        ? null
        : new FusedTrainer(this.lanes, fused === true ? laneMatMulFor(tf.getBackend()) : fused);
    this.jointStream = new BatchStream(trainPool(this.scenario, this.seen), deriveSeed(this.seed, 'joint'));
    const replaying = this.learners.map((l) => l.method.data).find((d) => d.kind === 'memory');
    this.replay = replaying
      ? {
          memory: new ReplayMemory(this.scenario, this.seed),
          stream: new BatchStream([], deriveSeed(this.seed, 'replay')),
          size: replaying.size,
        }
      : null;
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

  /**
   * One learner per lane: its model, method and measures. Under the fused step, reading them first
   * hands each learner its lane's current weights and ω.
   */
  get learners(): readonly Learner[] {
    this.fused?.syncLearners();
    return this.lanes;
  }

  /** Whether the lanes train as one batched model. */
  get isFused(): boolean {
    return this.fused !== null;
  }

  get currentTask(): number {
    return this.task;
  }

  get stepCount(): number {
    return this.steps;
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

  /** The examples in the replay memory now (empty without a replaying method, or before a boundary). */
  get replayMemory(): readonly ExampleRef[] {
    return this.replay?.memory.examples ?? [];
  }

  /**
   * One minibatch step for every learner. Nothing is read back. Every learner trains on the same
   * minibatch of the current task; Joint's is drawn from every task seen so far instead, and a
   * replaying method's has as many examples again from the memory once it holds any (the loss is
   * the mean over both halves; examples of other tasks read their own heads).
   */
  step(): void {
    const { batchSize } = this.settings.hp;
    const refs = this.streams.get(this.task)!.next(batchSize);
    const batches = new Map<DataSource['kind'], Batch>();
    const refsFor = (kind: DataSource['kind']): ExampleRef[] => {
      if (kind === 'seen') return this.jointStream.next(batchSize);
      if (kind === 'memory' && this.replayMemory.length > 0)
        return [...refs, ...this.replay!.stream.next(batchSize)];
      return refs;
    };
    const batchFor = (source: DataSource): Batch => {
      let batch = batches.get(source.kind);
      if (!batch) {
        batch = makeBatch(this.scenario, refsFor(source.kind), 'train');
        batches.set(source.kind, batch);
      }
      return batch;
    };
    if (this.fused) {
      this.fused.step(this.lanes.map((l, m) => (this.halted.has(m) ? null : batchFor(l.method.data))));
      faultPoint('step');
    } else {
      this.lanes.forEach((learner, m) => {
        if (!this.halted.has(m)) learner.step(batchFor(learner.method.data));
        faultPoint('step');
      });
    }
    for (const batch of batches.values()) disposeBatch(batch);
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
    if (report && this.replay) {
      // The finished task's examples join the memory; a new size applies here, at a boundary.
      this.replay.memory.addTask(this.task, this.replay.size(this.settings));
      this.replay.stream.setPool([...this.replay.memory.examples]);
    }
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
   * or on the full test sets. With `only`, just those tasks are evaluated; the others are NaN.
   */
  async evaluate(scope: 'subset' | 'full' = 'subset', only?: readonly number[]): Promise<Evaluation> {
    const tasks = this.scenario.tasks;
    const learners = this.learners;
    const counts: tf.Scalar[][] = learners.map(() => tasks.map(() => tf.keep(tf.scalar(0))));
    const sizes = tasks.map((t, j) =>
      only && !only.includes(j) ? 0 : scope === 'subset' ? this.evalSets[j].x.shape[0] : t.test.index.length,
    );
    for (let j = 0; j < tasks.length; j++) {
      if (sizes[j] === 0) continue;
      const chunks =
        scope === 'subset'
          ? [this.evalSets[j]]
          : this.chunks(j, sizes[j]).map((refs) => makeBatch(this.scenario, refs, 'test'));
      for (const chunk of chunks) {
        learners.forEach((learner, m) => {
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
        this.fused ? this.fused.takeMeanLosses() : tf.stack(learners.map((l) => l.takeMeanLoss())),
        tf.stack(learners.map((l) => l.penaltyValue())),
      ]),
    );
    tf.dispose(counts.flat());
    const flat = await packed.data();
    packed.dispose();
    const n = learners.length;
    const T = tasks.length;
    return {
      step: this.steps,
      task: this.task,
      accuracy: learners.map((_, m) => tasks.map((_, j) => flat[m * T + j] / sizes[j])),
      trainLoss: Array.from(flat.subarray(n * T, n * T + n)),
      penalty: Array.from(flat.subarray(n * T + n, n * T + 2 * n)),
    };
  }

  /** Changes settings between steps (learning rate, batch size, c, λ, ξ, Fisher settings, …). */
  setHyperparameters(patch: Partial<Hyperparameters>): void {
    this.settings.update(patch);
  }

  dispose(): void {
    this.fused?.dispose();
    for (const learner of this.lanes) learner.dispose();
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
    const fisherProbe = this.probe(this.task, this.settings.hp.fisherSamples, 'fisher');
    const fisherSeed = deriveSeed(this.seed, 'fisher-sample', this.boundaries++);
    const methods: MethodBoundary[] = [];
    for (const learner of this.learners) {
      // Every learner samples the same labels given the same probabilities: one seed, fresh stream each.
      methods.push(await learner.closeTask(lossProbe, fisherProbe, createRng(fisherSeed)));
      faultPoint('consolidation');
    }
    this.fused?.afterBoundary();
    tf.dispose([lossProbe.x, lossProbe.y, fisherProbe.x, fisherProbe.y]);
    return { task: this.task, steps: this.stepsInTask, methods };
  }
}
