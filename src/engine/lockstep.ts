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
import { FusedTrainer, type Trainer } from './fused/fusedTrainer';
import { type LaneBatch, type LaneNetwork, networkOf, type OldTasks } from './fused/laneHooks';
import { type LaneMatMul, laneMatMulFor } from './fused/laneLosses';
import { type LaneSpec, laneSettings } from './laneSettings';
import { Learner, type TaskProbe } from './learner';
import type { MethodId } from './methods/registry';
import type { SettingsView } from './methods/types';
import { correctCount, initialWeights, pathLogits } from './model/mlp';
import { createRng, deriveSeed } from './random';
import { laneSeed } from './seedLanes';
import { RunningSettings } from './settings';

export interface LockstepOptions {
  data: MnistData;
  spec: ScenarioSpec;
  /**
   * The methods trained, one lane each; or `lanes`, which may fix a method's parameters per lane
   * and give a lane its own seed.
   */
  methods?: readonly MethodId[];
  lanes?: readonly LaneSpec[];
  /** The run's seed, which a lane without its own trains with. */
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
   * How the fused step's matrix products run (default: the backend's best), or another trainer
   * (the tests' per-learner reference, src/engine/fused/referenceTrainer.ts).
   */
  trainer?: LaneMatMul | ((learners: readonly Learner[]) => Trainer);
}

export interface Evaluation {
  step: number;
  task: number;
  /** accuracy[m][t]: method m on task t's test examples (the fixed subset or the full test set). */
  accuracy: number[][];
  /** Mean training loss of each method since the previous evaluation. */
  trainLoss: number[];
  penalty: number[];
  /**
   * Per lane, its method's diagnostics (methods/types.ts `StepHooks.diagnostics`) summed over the
   * steps since the previous evaluation, by key; null for a method without any. A-GEM's:
   * `references`, `projected`, `cosine`, `cosineSquared` (see methods/agem.ts).
   */
  diagnostics: (Readonly<Record<string, number>> | null)[];
}

/**
 * What a lane's frozen copy (taken at the last boundary) says on the current task's evaluation
 * digits, against the lane's network now: through each old task's head, or on a shared head over
 * the old tasks' classes, averaged over the digits (and heads).
 */
export interface FrozenOutputs {
  /** The mean probability the frozen copy gives its own top class. */
  old: number;
  /** The mean probability the current network gives the frozen copy's top class. */
  current: number;
  /** The share of digits on which both networks' top classes agree. */
  agreement: number;
}

/** A memory a method draws from (replay's rehearsal, A-GEM's reference batches), and its stream. */
interface MethodMemory {
  memory: ReplayMemory;
  stream: BatchStream;
  size: (s: SettingsView) => number;
}

const EVAL_CHUNK = 500;

/**
 * What the lanes of one seed share: the scenario (its split and, on permuted MNIST, its
 * permutations), the minibatch streams, each method's memory and the evaluation sets. Lanes of
 * other seeds have their own, so a lane's run is the run it would be alone at its seed.
 */
class SeedState {
  readonly scenario: Scenario;
  /** Each task's minibatch stream, made when it is first trained. */
  private readonly streams = new Map<number, BatchStream>();
  readonly jointStream: BatchStream;
  /** Each method's memory, when it replays or draws reference batches, by method. */
  readonly memories = new Map<MethodId, MethodMemory>();
  readonly evalSets: Batch[];

  constructor(
    data: MnistData,
    spec: ScenarioSpec,
    readonly seed: number,
    /** The lanes of this seed, by index in the run. */
    readonly lanes: readonly number[],
    evalSize: number,
    seen: ReadonlySet<number>,
  ) {
    this.scenario = buildScenario(data, spec, seed);
    this.jointStream = new BatchStream(trainPool(this.scenario, seen), deriveSeed(seed, 'joint'));
    this.evalSets = this.scenario.tasks.map((_, t) =>
      makeBatch(
        this.scenario,
        fixedSubset(this.scenario, t, 'test', evalSize, deriveSeed(seed, 'eval', t)),
        'test',
      ),
    );
  }

  /** A memory for each of its lanes' methods that replays or draws reference batches. */
  addMemories(learners: readonly Learner[]): void {
    for (const { id, method } of learners) {
      const source = method.data.kind === 'memory' ? method.data : method.step?.reference;
      if (!source || this.memories.has(id)) continue;
      // Every method's memory is drawn with the seed: at the same size, replay and A-GEM
      // remember the same examples.
      this.memories.set(id, {
        memory: new ReplayMemory(this.scenario, this.seed),
        stream: new BatchStream(
          [],
          id === 'replay' ? deriveSeed(this.seed, 'replay') : deriveSeed(this.seed, 'memory', id),
        ),
        size: source.size,
      });
    }
  }

  /** The examples in a method's memory now (empty without one, or before a boundary). */
  memoryOf(method: MethodId): readonly ExampleRef[] {
    return this.memories.get(method)?.memory.examples ?? [];
  }

  /** The stream of `task`'s training examples, made when the task is first trained. */
  streamOf(task: number): BatchStream {
    let stream = this.streams.get(task);
    if (!stream) {
      stream = new BatchStream(trainPool(this.scenario, [task]), deriveSeed(this.seed, 'stream', task));
      this.streams.set(task, stream);
    }
    return stream;
  }

  /** `size` fixed training examples of `task` (the caller disposes them). */
  probe(task: number, size: number, label: string): TaskProbe {
    const refs = fixedSubset(this.scenario, task, 'train', size, deriveSeed(this.seed, label, task));
    const { x, y } = makeBatch(this.scenario, refs, 'train');
    return { x, y, head: this.scenario.tasks[task].head };
  }

  dispose(): void {
    for (const batch of this.evalSets) disposeBatch(batch);
  }
}

/**
 * Several learners trained in lockstep: lanes of one seed start from the same weights and share one
 * minibatch stream (Joint draws from every task seen so far); each seed's lanes have their own.
 * Task switches at any moment, settings that change between steps.
 */
export class Lockstep {
  /** The run's seed's scenario (or, when no lane has the run's seed, the first lane's). */
  readonly scenario: Scenario;
  readonly methods: readonly MethodId[];
  /** The run's seed, and each lane's (its own, or the run's). */
  readonly seed: number;
  readonly laneSeeds: readonly number[];
  private readonly lanes: Learner[];
  /** The one training step (or, in the tests, the per-learner reference). */
  private readonly trainer: Trainer;
  readonly settings: RunningSettings;
  /** Each seed's shared state, in the order the seeds first appear among the lanes. */
  private readonly seeds: SeedState[];
  /** Each lane's seed's state. */
  private readonly seedOf: SeedState[];
  /** The run's seed's state: what the single-scenario reads (memories, probes) read. */
  private readonly primary: SeedState;
  private task = 0;
  private steps = 0;
  private stepsInTask = 0;
  private boundaries = 0;
  private readonly seen = new Set<number>([0]);
  private readonly halted = new Set<number>();
  /** The tasks the frozen copies (taken at the last boundary) had learned. */
  private frozenTasks: number[] = [];

  constructor(options: LockstepOptions) {
    this.settings =
      options.settings ??
      new RunningSettings({
        ...recommendedHyperparameters(scenarioKeyOf(options.spec)),
        ...options.hyperparameters,
      });
    const lanes = options.lanes ?? (options.methods ?? []).map((method) => ({ method }));
    if (lanes.length === 0) throw new RangeError('A lockstep needs at least one method.');
    this.methods = lanes.map((l) => l.method);
    this.seed = options.seed;
    this.laneSeeds = lanes.map((l) => laneSeed(l, options.seed));
    const evalSize = options.evalSubset ?? DEFAULT_EVAL_SUBSET;
    const bySeed = new Map<number, number[]>();
    for (const [m, seed] of this.laneSeeds.entries()) bySeed.set(seed, [...(bySeed.get(seed) ?? []), m]);
    this.seeds = [...bySeed].map(
      ([seed, indices]) => new SeedState(options.data, options.spec, seed, indices, evalSize, this.seen),
    );
    this.seedOf = this.laneSeeds.map((seed) => this.seeds.find((g) => g.seed === seed)!);
    this.primary = this.seeds.find((g) => g.seed === options.seed) ?? this.seeds[0];
    this.scenario = this.primary.scenario;
    const { inputSize, classes, heads } = this.scenario;
    const shape = { inputSize, classes, heads, hidden: options.hidden ?? DEFAULT_HIDDEN };
    // Lanes of one seed start from the same weights.
    const weights = new Map(this.seeds.map((g) => [g.seed, initialWeights(shape, g.seed)]));
    this.lanes = lanes.map(
      (l, m) => new Learner(l.method, weights.get(this.seedOf[m].seed)!, laneSettings(this.settings, l)),
    );
    for (const g of this.seeds) g.addMemories(g.lanes.map((m) => this.lanes[m]));
    const trainer = options.trainer ?? laneMatMulFor(tf.getBackend());
    this.trainer =
      typeof trainer === 'function' ? trainer(this.lanes) : new FusedTrainer(this.lanes, trainer);
    this.beginTask();
  }

  /**
   * One learner per lane: its model, method and measures. Under the fused step, reading them first
   * hands each learner its lane's current weights and ω.
   */
  get learners(): readonly Learner[] {
    this.trainer.syncLearners();
    return this.lanes;
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

  isHalted(methodIndex: number): boolean {
    return this.halted.has(methodIndex);
  }

  /** Tasks trained on so far, in first-visit order. */
  get seenTasks(): number[] {
    return [...this.seen];
  }

  /** The examples in the replay memory now (empty without a replaying method, or before a boundary). */
  get replayMemory(): readonly ExampleRef[] {
    return this.memoryOf('replay');
  }

  /**
   * The examples in a method's memory now (empty without one, or before a boundary): the run's
   * seed's memory (a lane of another seed has its own).
   */
  memoryOf(method: MethodId): readonly ExampleRef[] {
    return this.primary.memoryOf(method);
  }

  /**
   * One minibatch step for every learner. Nothing is read back. Every learner of a seed trains on
   * the same minibatch of the current task (each seed draws its own); Joint's is drawn from every
   * task seen so far instead, and a replaying method's has as many examples again from its memory
   * once it holds any (the loss is the mean over both halves; examples of other tasks read their
   * own heads). A method that asks for reference batches gets one of the minibatch's size from its
   * memory, once it holds any.
   */
  step(): void {
    const { batchSize } = this.settings.hp;
    const refs = new Map(this.seeds.map((g) => [g, g.streamOf(this.task).next(batchSize)]));
    // By seed and kind, so lanes of one seed share one minibatch.
    const batches = new Map<string, Batch>();
    const laneBatch = ({ id, method }: Learner, m: number): LaneBatch => {
      const g = this.seedOf[m];
      const current = refs.get(g)!;
      const batchOf = (key: string, draw: () => ExampleRef[]): Batch => {
        let batch = batches.get(`${g.seed} ${key}`);
        if (!batch) {
          batch = makeBatch(g.scenario, draw(), 'train');
          batches.set(`${g.seed} ${key}`, batch);
        }
        return batch;
      };
      const fromMemory = () => g.memories.get(id)!.stream.next(batchSize);
      const { kind } = method.data;
      const remembers = g.memoryOf(id).length > 0;
      return {
        batch:
          kind === 'seen'
            ? batchOf(kind, () => g.jointStream.next(batchSize))
            : kind === 'memory' && remembers
              ? batchOf(`memory ${id}`, () => [...current, ...fromMemory()])
              : batchOf('current', () => current),
        reference: method.step?.reference && remembers ? batchOf(`reference ${id}`, fromMemory) : null,
      };
    };
    this.trainer.step(
      this.lanes.map((l, m) => (this.halted.has(m) ? null : laneBatch(l, m))),
      this.oldTasks(),
    );
    faultPoint('step');
    for (const batch of batches.values()) disposeBatch(batch);
    this.steps++;
    this.stepsInTask++;
  }

  /** The tasks the frozen copies had learned, other than the current one: their heads and classes. */
  private oldTasks(): OldTasks {
    const old = this.frozenTasks.filter((t) => t !== this.task);
    const classes = new Set(old.flatMap((t) => [...new Set(this.scenario.tasks[t].train.target)]));
    return {
      heads: [...new Set(old.map((t) => this.scenario.tasks[t].head))].sort((a, b) => a - b),
      classes: [...classes].sort((a, b) => a - b),
    };
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
    if (report) {
      for (const m of this.seeds.flatMap((g) => [...g.memories.values()])) {
        // The finished task's examples join the memory; a new size applies here, at a boundary.
        m.memory.addTask(this.task, m.size(this.settings));
        m.stream.setPool([...m.memory.examples]);
      }
      this.frozenTasks = [...this.seen];
    }
    this.task = task;
    if (!this.seen.has(task)) {
      this.seen.add(task);
      for (const g of this.seeds) g.jointStream.setPool(trainPool(g.scenario, this.seen));
    }
    this.beginTask();
    return report;
  }

  /**
   * Accuracy of every method on every task (one read for all), on the fixed evaluation subset
   * or on the full test sets, each lane on its own seed's. With `only`, just those tasks are
   * evaluated; the others are NaN.
   */
  async evaluate(scope: 'subset' | 'full' = 'subset', only?: readonly number[]): Promise<Evaluation> {
    const tasks = this.scenario.tasks;
    const learners = this.learners;
    const counts: tf.Scalar[][] = learners.map(() => tasks.map(() => tf.keep(tf.scalar(0))));
    const sizesOf = (g: SeedState) =>
      g.scenario.tasks.map((t, j) =>
        only && !only.includes(j) ? 0 : scope === 'subset' ? g.evalSets[j].x.shape[0] : t.test.index.length,
      );
    const sizes = this.seedOf.map(sizesOf);
    for (const g of this.seeds) {
      const own = sizesOf(g);
      for (let j = 0; j < tasks.length; j++) {
        if (own[j] === 0) continue;
        const chunks =
          scope === 'subset'
            ? [g.evalSets[j]]
            : this.chunks(j, own[j]).map((refs) => makeBatch(g.scenario, refs, 'test'));
        for (const chunk of chunks) {
          for (const m of g.lanes) {
            const previous = counts[m][j];
            counts[m][j] = tf.keep(
              tf.tidy(() =>
                tf.add(previous, correctCount(learners[m].model.logits(chunk.x, chunk.heads[0]), chunk.y)),
              ),
            );
            previous.dispose();
          }
          if (scope === 'full') disposeBatch(chunk);
        }
      }
    }
    const diagnostics = this.trainer.takeDiagnostics();
    const packed = tf.tidy(() =>
      tf.concat([
        tf.stack(counts.flat()),
        this.trainer.takeMeanLosses(),
        tf.stack(learners.map((l) => l.penaltyValue())),
        ...diagnostics.filter((d) => d !== null),
      ]),
    );
    tf.dispose([...counts.flat(), ...diagnostics.filter((d) => d !== null)]);
    const flat = await packed.data();
    packed.dispose();
    const n = learners.length;
    const T = tasks.length;
    let offset = n * T + 2 * n;
    const named = learners.map((l, m) => {
      const keys = diagnostics[m] ? l.method.step!.diagnostics!.map((d) => d.key) : null;
      if (!keys) return null;
      offset += keys.length;
      return Object.fromEntries(keys.map((key, i) => [key, flat[offset - keys.length + i]]));
    });
    return {
      step: this.steps,
      task: this.task,
      accuracy: learners.map((_, m) => tasks.map((_, j) => flat[m * T + j] / sizes[m][j])),
      trainLoss: Array.from(flat.subarray(n * T, n * T + n)),
      penalty: Array.from(flat.subarray(n * T + n, n * T + 2 * n)),
      diagnostics: named,
    };
  }

  /**
   * For each lane whose method keeps a frozen copy, what the copy's outputs are on the current
   * task's fixed evaluation digits and how much of them the lane's network keeps (what LwF's
   * distillation holds on to); null for the other lanes and before the first boundary. One read.
   */
  async frozenOutputs(): Promise<(FrozenOutputs | null)[]> {
    const old = this.oldTasks();
    const parts = this.learners.map((l, m) => {
      if (!l.frozen || old.heads.length === 0) return null;
      const { x } = this.seedOf[m].evalSets[this.task];
      const trunkLayers = l.model.trunk.length;
      const frozen = networkOf(l.frozen, trunkLayers);
      const current = networkOf(l.model.variables(), trunkLayers);
      return tf.tidy(() => {
        const classes = l.model.multiHead ? null : tf.tensor1d([...old.classes], 'int32');
        const probabilities = (net: LaneNetwork, h: number) => {
          const logits = pathLogits([...net.trunk, net.heads[h]], x);
          return tf.softmax(classes ? tf.gather(logits, classes, 1) : logits);
        };
        const perHead = old.heads.map((h) => {
          const [p, q] = [probabilities(frozen, h), probabilities(current, h)];
          const top = tf.argMax(p, 1);
          const mask = tf.oneHot(top, p.shape[1]!).toFloat();
          return tf.stack([
            tf.mean(tf.sum(tf.mul(p, mask), 1)),
            tf.mean(tf.sum(tf.mul(q, mask), 1)),
            tf.mean(tf.cast(tf.equal(tf.argMax(q, 1), top), 'float32')),
          ]);
        });
        return tf.mean(tf.stack(perHead), 0);
      });
    });
    const given = parts.filter((p) => p !== null);
    if (given.length === 0) return parts.map(() => null);
    const packed = tf.concat(given);
    tf.dispose(given);
    const flat = await packed.data();
    packed.dispose();
    let k = 0;
    return parts.map((p) => {
      if (!p) return null;
      const [o, c, a] = flat.subarray(3 * k, 3 * ++k);
      return { old: o, current: c, agreement: a };
    });
  }

  /** Changes settings between steps (learning rate, batch size, c, λ, ξ, Fisher settings, …). */
  setHyperparameters(patch: Partial<Hyperparameters>): void {
    this.settings.update(patch);
  }

  dispose(): void {
    this.trainer.dispose();
    for (const learner of this.lanes) learner.dispose();
    for (const g of this.seeds) g.dispose();
  }

  private chunks(task: number, n: number): ExampleRef[][] {
    const out: ExampleRef[][] = [];
    for (let s = 0; s < n; s += EVAL_CHUNK) {
      out.push(Array.from({ length: Math.min(EVAL_CHUNK, n - s) }, (_, k) => ({ task, pos: s + k })));
    }
    return out;
  }

  /**
   * `size` fixed training examples of `task` (the caller disposes them), e.g. for the loss
   * landscape: the run's seed's.
   */
  probeFor(task: number, size: number): TaskProbe {
    return this.primary.probe(task, size, 'probe');
  }

  private beginTask(): void {
    const learners = this.learners;
    for (const g of this.seeds) {
      g.streamOf(this.task);
      const probe = g.probe(this.task, LOSS_PROBE_SIZE, 'loss');
      for (const m of g.lanes) learners[m].beginTask(probe);
      tf.dispose([probe.x, probe.y]);
    }
    this.stepsInTask = 0;
  }

  private async closeTask(): Promise<TaskBoundaryReport> {
    const boundary = this.boundaries++;
    const probes = this.seeds.map((g) => ({
      loss: g.probe(this.task, LOSS_PROBE_SIZE, 'loss'),
      fisher: g.probe(this.task, this.settings.hp.fisherSamples, 'fisher'),
      fisherSeed: deriveSeed(g.seed, 'fisher-sample', boundary),
    }));
    const methods: MethodBoundary[] = [];
    for (const [m, learner] of this.learners.entries()) {
      const { loss, fisher, fisherSeed } = probes[this.seeds.indexOf(this.seedOf[m])];
      // Every learner of a seed samples the same labels given the same probabilities: one seed, fresh stream each.
      methods.push(await learner.closeTask(loss, fisher, createRng(fisherSeed)));
      faultPoint('consolidation');
    }
    this.trainer.afterBoundary();
    tf.dispose(probes.flatMap((p) => [p.loss.x, p.loss.y, p.fisher.x, p.fisher.y]));
    return { task: this.task, steps: this.stepsInTask, methods };
  }
}
