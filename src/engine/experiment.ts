import type { MethodBoundary } from './boundary';
import { sumDiagnostics } from './claims';
import type { MnistData } from './data/mnistAsset';
import { type ScenarioSpec, scenarioKeyOf } from './data/scenarios';
import { DEFAULT_EVAL_EVERY, type Hyperparameters, recommendedSettings } from './defaults';
import type { LaneSpec } from './laneSettings';
import { type Evaluation, Lockstep } from './lockstep';
import type { MethodId } from './methods/registry';
import { averageAccuracy, backwardTransfer, forwardTransfer } from './metrics';
import { stepsForEpochs } from './schedule';
import { acrossSeeds, MAX_SEED_LANES } from './seedLanes';

export interface ExperimentOptions {
  spec: ScenarioSpec;
  methods: readonly MethodId[];
  /**
   * A lane per method above, each fixing some of its parameters (a strength sweep, src/engine/sweep.ts)
   * or with its own seed (src/engine/seedLanes.ts).
   */
  lanes?: readonly LaneSpec[];
  /** Left out: the scenario's recommended schedule and network. */
  epochs?: number;
  seed: number;
  hidden?: readonly number[];
  /** On top of the scenario's recommended values. */
  hyperparameters?: Partial<Hyperparameters>;
  /** Evaluate on the fixed test subset every K steps (the forgetting curves). */
  evalEvery?: number;
}

export interface TaskSummary {
  task: number;
  /** L(start) − L(end) on the task's loss probe, and the path integral's estimate of it. */
  lossDrop: number;
  sumOmega: number;
}

export interface MethodResult {
  method: MethodId;
  /** R[i][j]: full-test accuracy on task j after training tasks 0..i. */
  accuracy: number[][];
  averageAccuracy: number;
  bwt: number;
  fwt: number;
  tasks: TaskSummary[];
  /**
   * Per task, the method's diagnostics summed over its steps (A-GEM's projected steps and cosines,
   * methods/agem.ts); null for a method without any.
   */
  diagnostics: (Record<string, number> | null)[];
}

export interface ExperimentResult {
  spec: ScenarioSpec;
  seed: number;
  epochs: number;
  hidden: number[];
  hyperparameters: Hyperparameters;
  stepsPerTask: number[];
  /** Full-test accuracy of the untrained initial network on every task (FWT's reference; the first lane's). */
  baseline: number[];
  methods: MethodResult[];
  /** Subset evaluations every `evalEvery` steps; accuracy rows follow `methods`. */
  curve: Evaluation[];
  seconds: number;
}

type OnTaskDone = (task: number, seconds: number) => void;

/**
 * The whole protocol, headless: train every method in lockstep on each task in turn for
 * `epochs` passes over its training data, evaluating on the full test sets after every task.
 */
export async function runExperiment(
  data: MnistData,
  options: ExperimentOptions,
  onTaskDone?: OnTaskDone,
  /** Stop after this many tasks (a reproduction check of a stored run's start); left out: all. */
  taskCount?: number,
): Promise<ExperimentResult> {
  return (await trainLanes(data, options, onTaskDone, taskCount)).result;
}

/**
 * The protocol on several seeds, trained as lanes of one lockstep (at most MAX_SEED_LANES seeds to
 * a lockstep): every method (or sweep lane) once per seed. Each seed's result is the one
 * `runExperiment` gives at that seed alone, but `seconds` is its lockstep's, shared with its seeds.
 */
export async function runSeeds(
  data: MnistData,
  options: ExperimentOptions,
  seeds: readonly number[],
  onTaskDone?: OnTaskDone,
): Promise<ExperimentResult[]> {
  const base = options.lanes ?? options.methods.map((method) => ({ method }));
  const results: ExperimentResult[] = [];
  for (let i = 0; i < seeds.length; i += MAX_SEED_LANES) {
    const chunk = seeds.slice(i, i + MAX_SEED_LANES);
    const lanes = acrossSeeds(base, chunk);
    const { result, initial } = await trainLanes(
      data,
      { ...options, methods: lanes.map((l) => l.method), lanes, seed: chunk[0] },
      onTaskDone,
    );
    for (const [k, seed] of chunk.entries()) {
      // acrossSeeds is lane-major: base lane b on the k-th seed is lane b·K + k.
      const own = base.map((_, b) => b * chunk.length + k);
      const pick = <T>(xs: readonly T[]) => own.map((m) => xs[m]);
      results.push({
        ...result,
        seed,
        baseline: initial[own[0]],
        methods: pick(result.methods),
        curve: result.curve.map((e) => ({
          ...e,
          accuracy: pick(e.accuracy),
          trainLoss: pick(e.trainLoss),
          penalty: pick(e.penalty),
          diagnostics: pick(e.diagnostics),
        })),
      });
    }
  }
  return results;
}

/** `runExperiment`'s run, and each lane's untrained accuracy on every task (its seed's FWT reference). */
async function trainLanes(
  data: MnistData,
  options: ExperimentOptions,
  onTaskDone?: OnTaskDone,
  taskCount?: number,
): Promise<{ result: ExperimentResult; initial: number[][] }> {
  const started = performance.now();
  const schedule = recommendedSettings(scenarioKeyOf(options.spec));
  const epochs = options.epochs ?? schedule.epochs;
  const evalEvery = options.evalEvery ?? DEFAULT_EVAL_EVERY;
  const hidden = [...(options.hidden ?? schedule.hidden)];
  const lockstep = new Lockstep({
    data,
    spec: options.spec,
    methods: options.methods,
    lanes: options.lanes,
    seed: options.seed,
    hidden,
    hyperparameters: options.hyperparameters,
  });
  const hyperparameters = lockstep.settings.hp;
  try {
    const T = Math.min(lockstep.scenario.tasks.length, taskCount ?? Number.POSITIVE_INFINITY);
    const initial = (await lockstep.evaluate('full')).accuracy;
    const rows: number[][][] = options.methods.map(() => []);
    const summaries: TaskSummary[][] = options.methods.map(() => []);
    const diagnostics: (Record<string, number> | null)[][] = options.methods.map(() => []);
    const curve: Evaluation[] = [];
    const stepsPerTask = lockstep.scenario.tasks.map((t) =>
      stepsForEpochs(epochs, t.train.index.length, hyperparameters.batchSize),
    );
    for (let t = 0; t < T; t++) {
      if (t > 0) {
        const report = await lockstep.switchTask(t);
        report?.methods.forEach((m, i) => {
          summaries[i].push(summarize(report.task, m));
        });
      }
      const points = await lockstep.train(stepsPerTask[t], evalEvery);
      curve.push(...points);
      const evaluation = await lockstep.evaluate('full');
      evaluation.accuracy.forEach((row, m) => {
        rows[m].push(row);
        // Each evaluation took the sums since the one before: together, the task's steps.
        diagnostics[m].push(sumDiagnostics([...points, evaluation].map((e) => e.diagnostics[m])));
      });
      onTaskDone?.(t, (performance.now() - started) / 1000);
    }
    // Close the last task too, so its loss drop and importances are reported.
    const last = await lockstep.switchTask(0);
    last?.methods.forEach((m, i) => {
      summaries[i].push(summarize(last.task, m));
    });
    const result = {
      spec: lockstep.scenario.spec,
      seed: options.seed,
      epochs,
      hidden,
      hyperparameters,
      stepsPerTask,
      baseline: initial[0],
      methods: options.methods.map((method, m) => ({
        method,
        accuracy: rows[m],
        averageAccuracy: averageAccuracy(rows[m]),
        bwt: backwardTransfer(rows[m]),
        fwt: forwardTransfer(rows[m], initial[m]),
        tasks: summaries[m],
        diagnostics: diagnostics[m],
      })),
      curve,
      seconds: (performance.now() - started) / 1000,
    };
    return { result, initial };
  } finally {
    lockstep.dispose();
  }
}

function summarize(task: number, m: MethodBoundary): TaskSummary {
  return { task, lossDrop: m.lossStart - m.lossEnd, sumOmega: m.sumOmega };
}
