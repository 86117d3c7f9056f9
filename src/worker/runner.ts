/**
 * The live run inside the worker: several methods in lockstep, stepped in short bursts so
 * commands are seen between steps, evaluated every K steps, streamed in batched events.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MnistData } from '../engine/data/mnistAsset';
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from '../engine/defaults';
import { type Evaluation, Lockstep, type TaskBoundaryReport } from '../engine/lockstep';
import { LandscapeJob, TrajectoryRecorder } from './landscapeJob';
import type {
  JournalEntry,
  MethodBoundaryEvent,
  MethodLearningRates,
  Pacing,
  RunConfig,
  WorkerEvent,
} from './protocol';
import { Serial, yieldToEventLoop } from './serial';

/** Evaluate on the fixed subset every K steps: often enough for smooth forgetting curves. */
export const EVAL_EVERY = 10;
/** A mean training loss above this counts as diverged (see checkDivergence). */
const DIVERGED_LOSS = 1e3;
/** At most ~30 messages a second to the page. */
const POST_INTERVAL_MS = 33;
/** A burst of steps lasts about this long before the worker looks at its inbox again. */
const BURST_MS = 12;
/** A replay reports its progress (and syncs with the device) about this often. */
const REPLAY_REPORT_MS = 250;
/** A chunk of the loss-landscape grid lasts about this long, so training pauses only briefly. */
const LANDSCAPE_CHUNK_MS = 15;

type Post = (event: WorkerEvent) => void;

export class Runner {
  private lockstep: Lockstep | null = null;
  private hp: Hyperparameters;
  private running = false;
  /** Counts start, pause, step and configure commands, so a start that waited knows if it was overtaken. */
  private lastCommand = 0;
  private readonly serial = new Serial();
  /** Evaluations not yet posted, each with the worker's tensor count when it was taken. */
  private buffer: { e: Evaluation; numTensors: number }[] = [];
  private lastPost = 0;
  private readonly halted = new Set<number>();
  /** Weight snapshots for the loss-landscape panel. */
  private readonly trajectories = new TrajectoryRecorder();

  constructor(
    private readonly post: Post,
    private readonly loadData: () => Promise<MnistData>,
    private config: RunConfig,
    hyperparameters: Hyperparameters,
    private learningRates: MethodLearningRates,
    private pacing: Pacing,
  ) {
    this.hp = { ...DEFAULT_HYPERPARAMETERS, ...hyperparameters };
  }

  /** Whether a run has been built (so a failure pauses it rather than leaving it unstarted). */
  get hasRun(): boolean {
    return this.lockstep !== null;
  }

  /** A new run with this configuration; built now if the data is already here. */
  configure(config: RunConfig): Promise<void> {
    this.lastCommand++;
    this.running = false;
    return this.serial.run(async () => {
      this.config = config;
      this.dispose();
      this.post({ type: 'phase', phase: 'ready' });
    });
  }

  /** Rebuilds the run from its settings and seed (after a backend change), paused. */
  rebuild(): Promise<void> {
    return this.configure(this.config);
  }

  setHyperparameters(patch: Partial<Hyperparameters>): Promise<void> {
    return this.serial.run(() => {
      this.hp = { ...this.hp, ...patch };
      if (this.lockstep) this.applySettings(this.lockstep);
    });
  }

  setLearningRates(learningRates: MethodLearningRates): Promise<void> {
    return this.serial.run(() => {
      this.learningRates = learningRates;
      if (this.lockstep) this.applySettings(this.lockstep);
    });
  }

  /**
   * The shared settings for every method, then each method's own learning rate where it has one.
   */
  private applyHyperparameters(ls: Lockstep): void {
    ls.setHyperparameters(this.hp);
    ls.methods.forEach((method, m) => {
      const lr = this.learningRates[method];
      if (lr !== undefined) ls.learners[m].setHyperparameters({ ...this.hp, learningRate: lr });
    });
  }

  private applySettings(ls: Lockstep): void {
    this.applyHyperparameters(ls);
    this.journalSettings(ls);
  }

  /** Journals the settings in effect from the current step on (not during a replay, which re-applies them). */
  private journalSettings(ls: Lockstep): void {
    this.post({
      type: 'settings-applied',
      step: ls.stepCount,
      hyperparameters: this.hp,
      learningRates: this.learningRates,
    });
  }

  setPacing(pacing: Pacing): void {
    this.pacing = pacing;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const command = ++this.lastCommand;
    const ls = await this.serial.run(() => this.ensure());
    // A pause, step, reset or second start sent while the data loaded comes later, and wins.
    if (!ls || command !== this.lastCommand) return;
    this.running = true;
    this.post({ type: 'phase', phase: 'training' });
    let started = performance.now();
    let stepsAtStart = ls.stepCount;
    try {
      while (this.running && this.lockstep === ls) {
        await this.serial.run(() => this.burst(ls));
        this.flush();
        const { stepsPerSecond } = this.pacing;
        if (stepsPerSecond > 0) {
          const due = started + ((ls.stepCount - stepsAtStart) * 1000) / stepsPerSecond;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          else if (wait < -1000) [started, stepsAtStart] = [performance.now(), ls.stepCount]; // fell behind: don't sprint
        } else {
          await yieldToEventLoop();
        }
      }
    } finally {
      this.running = false;
      this.flush(true);
    }
  }

  pause(): void {
    this.lastCommand++;
    this.running = false;
    this.post({ type: 'phase', phase: 'paused' });
  }

  /** One minibatch, or one epoch of the current task, then paused. */
  async step(unit: 'batch' | 'epoch'): Promise<void> {
    this.lastCommand++;
    this.running = false;
    await this.serial.run(async () => {
      const ls = await this.ensure();
      if (!ls) return;
      const n = unit === 'batch' ? 1 : this.stepsPerEpoch(ls);
      for (let i = 0; i < n; i++) {
        ls.step();
        if (ls.stepCount % EVAL_EVERY === 0 && i < n - 1) await this.evaluate(ls);
      }
      await this.evaluate(ls);
    });
    this.flush(true);
    this.post({ type: 'phase', phase: 'paused' });
  }

  switchTask(task: number): Promise<void> {
    return this.serial.run(async () => {
      const ls = await this.ensure();
      if (!ls || task === ls.currentTask) return;
      await this.doSwitch(ls, task);
    });
  }

  /**
   * The real loss landscape of the last two finished tasks, a chunk of grid points per turn of the
   * command queue so training bursts go on in between; abandoned if the run is replaced.
   */
  async landscape(resolution: number): Promise<void> {
    const ls = this.lockstep;
    if (!ls) return;
    const job = await this.serial.run(() => LandscapeJob.create(ls, this.trajectories, resolution));
    if (typeof job === 'string') {
      this.post({ type: 'error', scope: 'training', message: job, hint: 'Switch tasks, then ask again.' });
      return;
    }
    try {
      this.post({ type: 'landscape-progress', ...job.progress });
      while (!job.finished && this.lockstep === ls) {
        await this.serial.run(() => job.advance(LANDSCAPE_CHUNK_MS));
        this.post({ type: 'landscape-progress', ...job.progress });
        await yieldToEventLoop();
      }
      if (job.finished && this.lockstep === ls) this.post(job.event());
    } finally {
      job.dispose();
    }
  }

  dispose(): void {
    this.lockstep?.dispose();
    this.lockstep = null;
    this.buffer = [];
    this.halted.clear();
    this.trajectories.clear();
  }

  /**
   * Trains the run `config` again to step `until` without reporting it (the page has it), applying
   * the journal's entries at their steps; then the page's current settings, and paused. Training
   * is deterministic, so the weights are those the run had at `until` (on the same backend).
   */
  async replay(config: RunConfig, until: number, journal: readonly JournalEntry[]): Promise<void> {
    this.lastCommand++;
    this.running = false;
    const current = { hp: this.hp, learningRates: this.learningRates };
    await this.serial.run(async () => {
      this.config = config;
      this.dispose();
      this.post({ type: 'phase', phase: 'restoring' });
      const ls = await this.build();
      let next = 0;
      let shown = performance.now();
      const applyDue = async () => {
        for (; next < journal.length && journal[next].step <= ls.stepCount; next++) {
          await this.applyEntry(ls, journal[next]);
        }
      };
      await applyDue();
      while (ls.stepCount < until) {
        ls.step();
        if (ls.stepCount % EVAL_EVERY === 0) await this.trajectories.record(ls);
        await applyDue();
        if (performance.now() - shown > REPLAY_REPORT_MS) {
          // A read-back keeps the GPU's queue from running far behind the steps recorded on it.
          await ls.evaluate();
          this.post({ type: 'replay', step: ls.stepCount, until });
          shown = performance.now();
          await yieldToEventLoop();
        }
      }
      // Also takes the replay's accumulated training loss, so the next evaluation's mean is its own.
      const check = await ls.evaluate();
      [this.hp, this.learningRates] = [current.hp, current.learningRates];
      this.applySettings(ls);
      this.post({ type: 'replay', step: until, until, accuracy: Float32Array.from(check.accuracy.flat()) });
    });
    this.post({ type: 'phase', phase: 'paused' });
  }

  private async applyEntry(ls: Lockstep, entry: JournalEntry): Promise<void> {
    switch (entry.kind) {
      case 'settings':
        [this.hp, this.learningRates] = [entry.hyperparameters, entry.learningRates];
        this.applyHyperparameters(ls);
        return;
      case 'switch':
        await this.trajectories.end(ls, ls.stepsInCurrentTask > 0);
        await ls.switchTask(entry.task);
        this.trajectories.begin(entry.task);
        return;
      case 'halt': {
        const m = ls.methods.indexOf(entry.method);
        this.halted.add(m);
        ls.halt(m);
        return;
      }
    }
  }

  private async ensure(): Promise<Lockstep | null> {
    if (this.lockstep) return this.lockstep;
    const ls = await this.build();
    const initial = await ls.evaluate();
    this.post({
      type: 'run',
      config: this.config,
      taskNames: ls.scenario.tasks.map((t) => t.name),
      initialAccuracy: initial.accuracy[0],
    });
    this.journalSettings(ls);
    this.buffer.push({ e: initial, numTensors: tf.memory().numTensors });
    this.flush(true);
    return ls;
  }

  /** The run's lockstep learners, built from the config and the data (fetched on first need). */
  private async build(): Promise<Lockstep> {
    const data = await this.loadData();
    const { protocol, scenario, tasks, methods, seed, hidden } = this.config;
    const ls = new Lockstep({
      data,
      spec: protocol === 'split-mnist' ? { protocol, scenario } : { protocol, tasks },
      methods,
      seed,
      hidden,
      hyperparameters: this.hp,
    });
    this.lockstep = ls;
    this.trajectories.begin(ls.currentTask);
    this.applyHyperparameters(ls);
    return ls;
  }

  private stepsPerEpoch(ls: Lockstep): number {
    const n = ls.scenario.tasks[ls.currentTask].train.index.length;
    return Math.ceil(n / this.hp.batchSize);
  }

  /** Steps for about BURST_MS (or the pacing budget), evaluating every K steps. */
  private async burst(ls: Lockstep): Promise<void> {
    if (this.lockstep !== ls || !this.running) return;
    const until = performance.now() + BURST_MS;
    do {
      ls.step();
      if (ls.stepCount % EVAL_EVERY === 0) await this.evaluate(ls);
      if (await this.followSchedule(ls)) return;
    } while (this.pacing.stepsPerSecond === 0 && performance.now() < until && this.running);
  }

  /** The automatic schedule: after N epochs of a task, the next one; after the last, pause. */
  private async followSchedule(ls: Lockstep): Promise<boolean> {
    const { epochsPerTask } = this.pacing;
    if (epochsPerTask <= 0 || ls.stepsInCurrentTask < epochsPerTask * this.stepsPerEpoch(ls)) return false;
    const next = ls.currentTask + 1;
    if (next >= ls.scenario.tasks.length) {
      this.running = false;
      await this.evaluate(ls);
      this.flush(true);
      this.post({ type: 'phase', phase: 'paused' });
      return true;
    }
    await this.doSwitch(ls, next);
    return true;
  }

  private async doSwitch(ls: Lockstep, task: number): Promise<void> {
    const from = ls.currentTask;
    const before = await ls.evaluate();
    this.checkDivergence(ls, before);
    await this.trajectories.end(ls, ls.stepsInCurrentTask > 0);
    const report = await ls.switchTask(task);
    this.trajectories.begin(task);
    this.buffer.push({ e: before, numTensors: tf.memory().numTensors });
    this.flush(true);
    this.post({
      type: 'task-switch',
      step: ls.stepCount,
      from,
      to: task,
      accuracy: Float32Array.from(before.accuracy.flat()),
      boundary: report ? boundaryEvent(report) : null,
    });
  }

  private async evaluate(ls: Lockstep): Promise<void> {
    const evaluation = await ls.evaluate();
    await this.trajectories.record(ls);
    this.checkDivergence(ls, evaluation);
    this.buffer.push({ e: evaluation, numTensors: tf.memory().numTensors });
    this.flush();
  }

  /**
   * A method whose training loss is NaN, infinite or absurd is halted and reported; the others go
   * on. Cross-entropy starts near ln(classes) ≈ 2.3; a mean above DIVERGED_LOSS means logit gaps of
   * that size, which only a blown-up network has (Adam's bounded steps rarely reach Inf itself).
   */
  private checkDivergence(ls: Lockstep, e: Evaluation): void {
    e.trainLoss.forEach((loss, m) => {
      if (this.halted.has(m) || (Number.isFinite(loss) && loss < DIVERGED_LOSS)) return;
      this.halted.add(m);
      ls.halt(m);
      this.post({
        type: 'diverged',
        method: ls.methods[m],
        step: e.step,
        cause: `its training loss ${Number.isFinite(loss) ? `exploded to ${loss.toExponential(1)}` : `became ${loss}`}: learning rate ${this.learningRates[ls.methods[m]] ?? this.hp.learningRate} is too high for it. Lower it and press Reset.`,
      });
    });
  }

  private flush(force = false): void {
    const now = performance.now();
    if (this.buffer.length === 0 || (!force && now - this.lastPost < POST_INTERVAL_MS)) return;
    const items = this.buffer;
    const evals = items.map((i) => i.e);
    this.buffer = [];
    this.lastPost = now;
    this.post({
      type: 'evaluations',
      steps: Int32Array.from(evals, (e) => e.step),
      task: Int32Array.from(evals, (e) => e.task),
      accuracy: Float32Array.from(evals.flatMap((e) => e.accuracy.flat())),
      trainLoss: Float32Array.from(evals.flatMap((e) => e.trainLoss)),
      penalty: Float32Array.from(evals.flatMap((e) => e.penalty)),
      numTensors: Int32Array.from(items, (i) => i.numTensors),
    });
  }
}

function boundaryEvent(report: TaskBoundaryReport): MethodBoundaryEvent[] {
  return report.methods.map((m) => ({
    method: m.method,
    lossStart: m.lossStart,
    lossEnd: m.lossEnd,
    sumOmega: m.sumOmega,
    layers: m.layers.map((l) => ({
      layer: l.layer,
      fisher: l.fisher,
      omega: l.omega,
      Omega: l.Omega,
      pearson: l.fisherVsOmega.pearson,
      spearman: l.fisherVsOmega.spearman,
    })),
  }));
}
