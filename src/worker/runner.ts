/**
 * The live run inside the worker: several methods in lockstep, stepped in short bursts so
 * commands are seen between steps (in the order they came), paced, evaluated every K steps, moved
 * to the next task by the automatic schedule, and halted per method when one diverges. Its events
 * go out through the outbox (outbox.ts); a run brought back after a fault is restored (restore.ts).
 */
import type { MnistData } from '../engine/data/mnistAsset';
import type { Hyperparameters } from '../engine/defaults';
import { type Evaluation, type FrozenOutputs, Lockstep } from '../engine/lockstep';
import { stepsForEpochs } from '../engine/schedule';
import { RunningSettings } from '../engine/settings';
import { LandscapeJob, TrajectoryRecorder } from './landscapeJob';
import { LIVE_TEST_DIGITS, liveEvalEvery } from './liveEvaluation';
import { Outbox } from './outbox';
import type { JournalEntry, MethodLearningRates, Pacing, RunConfig, WorkerEvent } from './protocol';
import { applySettings, type RestoreTarget, restore } from './restore';
import { Serial, yieldToEventLoop } from './serial';
import { SynapseProbe } from './synapseProbe';

/** A mean training loss above this counts as diverged (see checkDivergence). */
const DIVERGED_LOSS = 1e3;
/** A burst of steps lasts about this long before the worker looks at its inbox again. */
const BURST_MS = 12;
/** A chunk of the loss-landscape grid lasts about this long, so training pauses only briefly. */
const LANDSCAPE_CHUNK_MS = 15;

type Post = (event: WorkerEvent) => void;

export class Runner {
  private lockstep: Lockstep | null = null;
  /** The running settings' one owner; each run's lockstep, learners and methods read this object. */
  private readonly settings: RunningSettings;
  private running = false;
  /** Counts start, pause, step and configure commands, so a start that waited knows if it was overtaken. */
  private lastCommand = 0;
  private readonly serial = new Serial();
  private readonly outbox: Outbox;
  /** Weight snapshots for the loss-landscape panel. */
  private readonly trajectories = new TrajectoryRecorder();
  /** The gallery, pixel maps and confusion counts of the current run. */
  private synapses: SynapseProbe | null = null;

  constructor(
    private readonly post: Post,
    private readonly loadData: () => Promise<MnistData>,
    private config: RunConfig,
    hyperparameters: Hyperparameters,
    learningRates: MethodLearningRates,
    private pacing: Pacing,
  ) {
    this.settings = new RunningSettings(hyperparameters, learningRates);
    this.outbox = new Outbox(post, () => this.synapses?.takeLatest());
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

  /** Between two steps, so a step never sees half a change. */
  setHyperparameters(patch: Partial<Hyperparameters>): Promise<void> {
    return this.serial.run(() => {
      this.settings.update(patch);
      if (this.lockstep) this.journalSettings(this.lockstep);
    });
  }

  setLearningRates(learningRates: MethodLearningRates): Promise<void> {
    return this.serial.run(() => {
      this.settings.setLearningRates(learningRates);
      if (this.lockstep) this.journalSettings(this.lockstep);
    });
  }

  /** Journals the settings in effect from the current step on (not during a restore, which re-applies them). */
  private journalSettings(ls: Lockstep): void {
    this.post({
      type: 'settings-applied',
      step: ls.stepCount,
      hyperparameters: { ...this.settings.hp },
      learningRates: this.settings.learningRates,
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
        this.outbox.flush();
        const { stepsPerSecond } = this.pacing;
        const wait =
          stepsPerSecond > 0
            ? started + ((ls.stepCount - stepsAtStart) * 1000) / stepsPerSecond - performance.now()
            : 0;
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else {
          if (wait < -1000) [started, stepsAtStart] = [performance.now(), ls.stepCount]; // fell behind: don't sprint
          // Behind the speed limit, or none: commands still get in between bursts.
          await yieldToEventLoop();
        }
      }
    } finally {
      // Only while no later start owns the flag: a run replaced mid-burst (a new configuration,
      // then Start) ends its loop after the new run's loop has begun.
      if (command === this.lastCommand) this.running = false;
      this.outbox.flush(true);
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
      const n = unit === 'batch' ? 1 : this.stepsOf(ls, 1);
      for (let i = 0; i < n; i++) {
        this.trainStep(ls);
        if (this.evaluationDue(ls) && i < n - 1) await this.evaluate(ls);
      }
      await this.evaluate(ls);
    });
    this.outbox.flush(true);
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
    const job = await this.serial.run(async () =>
      LandscapeJob.create(ls, await this.trajectories.pair(ls), resolution),
    );
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
    this.synapses?.dispose();
    this.synapses = null;
    this.outbox.clear();
    this.trajectories.clear();
  }

  /**
   * Builds the run `config` and restores it to step `until` (restore.ts); then the page's current
   * settings, and paused.
   */
  async restore(
    config: RunConfig,
    until: number,
    journal: readonly JournalEntry[],
    full: boolean,
  ): Promise<void> {
    this.lastCommand++;
    this.running = false;
    const current = { hp: { ...this.settings.hp }, learningRates: this.settings.learningRates };
    await this.serial.run(async () => {
      this.config = config;
      this.dispose();
      this.post({ type: 'phase', phase: 'restoring' });
      const ls = await this.build();
      const target: RestoreTarget = {
        settings: this.settings,
        trajectories: this.trajectories,
        evaluationDue: (l) => this.evaluationDue(l),
        post: this.post,
      };
      const accuracy = await restore(ls, target, { until, journal, full });
      applySettings(this.settings, current.hp, current.learningRates);
      this.journalSettings(ls);
      this.post({ type: 'restore', step: until, until, accuracy });
    });
    this.post({ type: 'phase', phase: 'paused' });
  }

  private async ensure(): Promise<Lockstep | null> {
    if (this.lockstep) return this.lockstep;
    const ls = await this.build();
    // The FWT baseline on the full test sets, as the CLI measures it.
    const initial = await this.timed(() => ls.evaluate('full'));
    const testDigits = ls.scenario.tasks.map((t) => t.test.index.length);
    this.post({
      type: 'run',
      config: this.config,
      taskNames: ls.scenario.tasks.map((t) => t.name),
      initialAccuracy: initial.accuracy[0],
      laneInitialAccuracy: initial.accuracy,
      testDigits,
      liveTestDigits: testDigits.map((n) => Math.min(n, LIVE_TEST_DIGITS)),
    });
    if (this.synapses) this.post(this.synapses.setup());
    this.journalSettings(ls);
    this.outbox.add(initial, true, await this.frozen(ls));
    this.outbox.flush(true);
    return ls;
  }

  /** The run's lockstep learners, built from the config and the data (fetched on first need). */
  private async build(): Promise<Lockstep> {
    const data = await this.loadData();
    const { protocol, scenario, tasks, methods, lanes, seed, hidden } = this.config;
    const ls = new Lockstep({
      data,
      spec: protocol === 'split-mnist' ? { protocol, scenario } : { protocol, tasks },
      methods,
      lanes,
      seed,
      hidden,
      settings: this.settings,
      evalSubset: LIVE_TEST_DIGITS,
    });
    this.lockstep = ls;
    // A sweep's figure is its table: the synapse panels (one per method) are not shown for it.
    this.synapses = lanes ? null : new SynapseProbe(ls, seed);
    this.trajectories.begin(ls.currentTask);
    return ls;
  }

  /** The steps of `epochs` passes over the current task, as the CLI counts them. */
  private stepsOf(ls: Lockstep, epochs: number): number {
    const examples = ls.scenario.tasks[ls.currentTask].train.index.length;
    return stepsForEpochs(epochs, examples, this.settings.hp.batchSize);
  }

  private trainStep(ls: Lockstep): void {
    const t0 = performance.now();
    ls.step();
    this.outbox.trainMs += performance.now() - t0;
  }

  private async timed<R>(evaluate: () => Promise<R>): Promise<R> {
    const t0 = performance.now();
    const e = await evaluate();
    this.outbox.evalMs += performance.now() - t0;
    return e;
  }

  /** Every K steps, K sized so the live evaluation of the tasks trained so far stays cheap. */
  private evaluationDue(ls: Lockstep): boolean {
    const digits = ls.seenTasks.reduce(
      (n, t) => n + Math.min(LIVE_TEST_DIGITS, ls.scenario.tasks[t].test.index.length),
      0,
    );
    return ls.stepCount % liveEvalEvery(digits, this.settings.hp.batchSize) === 0;
  }

  /** Steps for about BURST_MS (or the pacing budget), evaluating every K steps. */
  private async burst(ls: Lockstep): Promise<void> {
    if (this.lockstep !== ls || !this.running) return;
    const until = performance.now() + BURST_MS;
    do {
      this.trainStep(ls);
      if (this.evaluationDue(ls)) await this.evaluate(ls);
      if (await this.followSchedule(ls)) return;
    } while (this.pacing.stepsPerSecond === 0 && performance.now() < until && this.running);
  }

  /**
   * The automatic schedule: after N epochs of a task (as many steps as the CLI trains, so the two
   * agree), the next one; after the last, a full-test evaluation and pause.
   */
  private async followSchedule(ls: Lockstep): Promise<boolean> {
    const { epochsPerTask } = this.pacing;
    if (epochsPerTask <= 0 || ls.stepsInCurrentTask < this.stepsOf(ls, epochsPerTask)) return false;
    const next = ls.currentTask + 1;
    if (next >= ls.scenario.tasks.length) {
      this.running = false;
      await this.evaluate(ls, 'full');
      await this.postConfusion();
      this.outbox.flush(true);
      this.post({ type: 'phase', phase: 'paused' });
      return true;
    }
    await this.doSwitch(ls, next);
    return true;
  }

  private async doSwitch(ls: Lockstep, task: number): Promise<void> {
    const from = ls.currentTask;
    // The row of the accuracy matrix: every task's whole test set, as the CLI measures it.
    const before = await this.timed(() => ls.evaluate('full'));
    const frozen = await this.frozen(ls);
    this.checkDivergence(ls, before);
    await this.trajectories.end(ls, ls.stepsInCurrentTask > 0);
    // The gallery's answers at the task's end: what a later task can make it forget.
    await this.synapses?.evaluate();
    await this.postConfusion();
    const report = await ls.switchTask(task);
    this.trajectories.begin(task);
    // Before the report's buffers go with the task-switch message.
    const maps = this.synapses?.pixelMaps(report);
    if (maps) this.post(maps);
    this.outbox.add(before, true, frozen);
    this.outbox.flush(true);
    this.post({
      type: 'task-switch',
      step: ls.stepCount,
      from,
      to: task,
      accuracy: Float32Array.from(before.accuracy.flat()),
      boundary: report?.methods ?? null,
    });
  }

  /** A live evaluation (the tasks trained so far, on the live subset) or a full one (every task). */
  private async evaluate(ls: Lockstep, scope: 'subset' | 'full' = 'subset'): Promise<void> {
    const evaluation = await this.timed(() =>
      scope === 'full' ? ls.evaluate('full') : ls.evaluate('subset', ls.seenTasks),
    );
    await this.trajectories.record(ls);
    await this.synapses?.evaluate();
    this.checkDivergence(ls, evaluation);
    this.outbox.add(evaluation, scope === 'full', await this.frozen(ls));
    this.outbox.flush();
  }

  /**
   * What the lanes' frozen copies (LwF's) say now, sent with an evaluation: one more read, taken
   * only when a lane keeps a copy (null otherwise). At a switch, read before it takes new copies.
   */
  private async frozen(ls: Lockstep): Promise<(FrozenOutputs | null)[] | null> {
    if (!ls.learners.some((l) => l.method.step?.frozenCopy)) return null;
    return this.timed(() => ls.frozenOutputs());
  }

  /**
   * A method whose training loss is NaN, infinite or absurd is halted and reported; the others go
   * on. Cross-entropy starts near ln(classes) ≈ 2.3; a mean above DIVERGED_LOSS means logit gaps of
   * that size, which only a blown-up network has (Adam's bounded steps rarely reach Inf itself).
   */
  private checkDivergence(ls: Lockstep, e: Evaluation): void {
    e.trainLoss.forEach((loss, m) => {
      if (ls.isHalted(m) || (Number.isFinite(loss) && loss < DIVERGED_LOSS)) return;
      ls.halt(m);
      this.post({
        type: 'diverged',
        method: ls.methods[m],
        lane: m,
        step: e.step,
        cause: `its training loss ${Number.isFinite(loss) ? `exploded to ${loss.toExponential(1)}` : `became ${loss}`}: learning rate ${this.settings.learningRate(ls.methods[m])} is too high for it. Lower it and press Reset.`,
      });
    });
  }

  /** The confusion counts on the full test sets of the tasks trained so far. */
  private async postConfusion(): Promise<void> {
    if (this.synapses) this.post(await this.synapses.confusion());
  }
}
