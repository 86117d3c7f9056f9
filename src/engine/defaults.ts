/**
 * Every default setting of the engine, in one place: the CLI, the worker and the UI import these.
 * The regularisation strengths were tuned on this data; the evidence is in docs/defaults.md.
 */

export type OptimizerKind = 'adam' | 'sgd';
export type FisherEstimator = 'sampled' | 'exact' | 'empirical';

/** Settings that may change between steps. */
export interface Hyperparameters {
  optimizer: OptimizerKind;
  learningRate: number;
  /** Adam's epsilon, passed explicitly because tfjs's default depends on the backend. */
  adamEpsilon: number;
  batchSize: number;
  /** Fresh optimizer state (Adam moments) at every task boundary. */
  resetOptimizer: boolean;
  /** SI strength c in c·ΣΩ(θ−θ̃)². */
  c: number;
  /** SI damping ξ in Ω += ω/(Δ²+ξ). */
  xi: number;
  /** L2 strength λ in λ·Σ(θ−θ*)². */
  lambdaL2: number;
  /** EWC strength λ in λ/2·ΣF(θ−θ*)². */
  lambdaEwc: number;
  fisher: FisherEstimator;
  /** Examples of the finished task used to estimate the Fisher. */
  fisherSamples: number;
  /** Online EWC: one anchor (the latest weights) and F ← γF + F_new. Otherwise one penalty per task. */
  ewcOnline: boolean;
  gamma: number;
}

export const DEFAULT_HYPERPARAMETERS: Readonly<Hyperparameters> = {
  optimizer: 'adam',
  learningRate: 1e-3,
  adamEpsilon: 1e-8,
  batchSize: 64,
  resetOptimizer: false,
  c: 0.5,
  xi: 0.001,
  lambdaL2: 0.01,
  lambdaEwc: 100,
  fisher: 'sampled',
  fisherSamples: 500,
  ewcOnline: false,
  gamma: 1,
};

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;

export const DEFAULT_HIDDEN = [256, 256] as const;
/** Split MNIST's tasks: the digit pairs 0/1, 2/3, 4/5, 6/7, 8/9. */
export const SPLIT_MNIST_TASKS = 5;
export const DEFAULT_PERMUTED_TASKS = 5;
export const MAX_PERMUTED_TASKS = 10;
export const DEFAULT_EPOCHS = 3;
/** Evaluate on the fixed evaluation subset every K steps. */
export const DEFAULT_EVAL_EVERY = 50;
/** Test examples per task in the fixed evaluation subset (the forgetting curves). */
export const DEFAULT_EVAL_SUBSET = 256;
/** Training examples per task on which L(start) and L(end) are measured. */
export const LOSS_PROBE_SIZE = 1000;
/** Share of each digit class kept for training; the rest is test data. */
export const TRAIN_FRACTION = 0.8;
