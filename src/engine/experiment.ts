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

export interface ExperimentOptions {
  spec: ScenarioSpec;
  methods: readonly MethodId[];
  /** A lane per method above, each fixing some of its parameters (a strength sweep, src/engine/sweep.ts). */
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
  /** Full-test accuracy of the untrained initial network on every task (FWT's reference). */
  baseline: number[];
  methods: MethodResult[];
  /** Subset evaluations every `evalEvery` steps; accuracy rows follow `methods`. */
  curve: Evaluation[];
  seconds: number;
}

/**
 * The whole protocol, headless: train every method in lockstep on each task in turn for
 * `epochs` passes over its training data, evaluating on the full test sets after every task.
 */
export async function runExperiment(
  data: MnistData,
  options: ExperimentOptions,
  onTaskDone?: (task: number, seconds: number) => void,
): Promise<ExperimentResult> {
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
    const T = lockstep.scenario.tasks.length;
    const baseline = (await lockstep.evaluate('full')).accuracy[0];
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
    return {
      spec: lockstep.scenario.spec,
      seed: options.seed,
      epochs,
      hidden,
      hyperparameters,
      stepsPerTask,
      baseline,
      methods: options.methods.map((method, m) => ({
        method,
        accuracy: rows[m],
        averageAccuracy: averageAccuracy(rows[m]),
        bwt: backwardTransfer(rows[m]),
        fwt: forwardTransfer(rows[m], baseline),
        tasks: summaries[m],
        diagnostics: diagnostics[m],
      })),
      curve,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    lockstep.dispose();
  }
}

function summarize(task: number, m: MethodBoundary): TaskSummary {
  return { task, lossDrop: m.lossStart - m.lossEnd, sumOmega: m.sumOmega };
}
