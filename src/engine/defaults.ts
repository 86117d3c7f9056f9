/**
 * The engine's default settings: the CLI, the worker and the UI import these. Each method's own
 * parameters (c, ξ, λ…) and their recommended value per scenario are in its module under
 * src/engine/methods/; the evidence for the values is in docs/defaults.md.
 */

import type { ScenarioKey, ScenarioSpec } from './data/scenarios';
import { type ParamKey, recommendedParams } from './methods/registry';

export type OptimizerKind = 'adam' | 'sgd';
export type FisherEstimator = 'sampled' | 'exact' | 'empirical';

/** Settings every method shares; they may change between steps. */
export interface SharedHyperparameters {
  optimizer: OptimizerKind;
  learningRate: number;
  /** Adam's epsilon, passed explicitly because tfjs's default depends on the backend. */
  adamEpsilon: number;
  batchSize: number;
  /** Fresh optimizer state (Adam moments) at every task boundary. */
  resetOptimizer: boolean;
  fisher: FisherEstimator;
  /** Examples of the finished task the importances (the Fisher, MAS's Ω) are measured on. */
  fisherSamples: number;
  /** Online EWC: one anchor (the latest weights) and F ← γF + F_new. Otherwise one penalty per task. */
  ewcOnline: boolean;
  gamma: number;
}

/** The shared settings plus every method's parameters (c, ξ, λ…, declared in each method's module). */
export type Hyperparameters = SharedHyperparameters & Record<ParamKey, number>;

export const DEFAULT_SHARED_HYPERPARAMETERS: Readonly<SharedHyperparameters> = {
  optimizer: 'adam',
  learningRate: 1e-3,
  adamEpsilon: 1e-8,
  batchSize: 64,
  resetOptimizer: false,
  fisher: 'sampled',
  fisherSamples: 500,
  ewcOnline: false,
  gamma: 1,
};

/**
 * The network and schedule each scenario is tuned for (with its methods' recommended strengths):
 * the sweeps in docs/defaults.md chose them together, so a scenario's story shows with them.
 */
export interface RecommendedSchedule {
  readonly hidden: readonly number[];
  /** Epochs per task of the automatic schedule. */
  readonly epochs: number;
  readonly learningRate: number;
}

const PERMUTED_SCHEDULE: RecommendedSchedule = { hidden: [100, 100], epochs: 1, learningRate: 0.003 };

export const RECOMMENDED_SCHEDULE: Readonly<Record<ScenarioKey, RecommendedSchedule>> = {
  'permuted-4': PERMUTED_SCHEDULE,
  'permuted-5': PERMUTED_SCHEDULE,
  'permuted-10': PERMUTED_SCHEDULE,
  'split-task': { hidden: [256, 256], epochs: 3, learningRate: 0.003 },
  'split-domain': { hidden: [256, 256], epochs: 3, learningRate: 0.001 },
  'split-class': { hidden: [256, 256], epochs: 3, learningRate: 0.001 },
};

/** Permuted MNIST's task count unless a link or the command line gives one (the first click's). */
export const DEFAULT_PERMUTED_TASKS = 4;

/** The shared defaults with the scenario's learning rate and every method parameter at its recommended value. */
export function recommendedHyperparameters(scenario: ScenarioKey): Hyperparameters {
  return {
    ...DEFAULT_SHARED_HYPERPARAMETERS,
    learningRate: RECOMMENDED_SCHEDULE[scenario].learningRate,
    ...recommendedParams(scenario),
  };
}

/** The first click: the scenario the app opens with and `npm run experiment` runs with no arguments. */
export const FIRST_CLICK: Readonly<ScenarioSpec> = {
  protocol: 'permuted-mnist',
  tasks: DEFAULT_PERMUTED_TASKS,
};

/** The headless default (the first click's scenario). */
export const DEFAULT_HYPERPARAMETERS: Readonly<Hyperparameters> = recommendedHyperparameters('permuted-4');

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;

/** The network when a scenario recommends none (tests, the benchmark). */
export const DEFAULT_HIDDEN = [256, 256] as const;
/** Split MNIST's tasks: the digit pairs 0/1, 2/3, 4/5, 6/7, 8/9. */
export const SPLIT_MNIST_TASKS = 5;
export const MAX_PERMUTED_TASKS = 10;
/** Evaluate on the fixed evaluation subset every K steps. */
export const DEFAULT_EVAL_EVERY = 50;
/** Test examples per task in the fixed evaluation subset (the forgetting curves). */
export const DEFAULT_EVAL_SUBSET = 256;
/** Training examples per task on which L(start) and L(end) are measured. */
export const LOSS_PROBE_SIZE = 1000;
/** Share of each digit class kept for training; the rest is test data. */
export const TRAIN_FRACTION = 0.8;
