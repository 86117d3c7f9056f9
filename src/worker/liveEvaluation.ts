/**
 * How the live run measures accuracy between task switches: on a fixed, seeded subset of each
 * trained task's test digits, every K steps. Task switches and the end of an automatic schedule
 * use the full test set instead (what the accuracy matrix and the CLI report). Pure numbers, no
 * TensorFlow.js: the page imports it to say on the figures what a live point is.
 */

/**
 * Test digits per task in the live subset. Split MNIST's tasks have about 400 test digits: all are
 * used. Permuted MNIST's have 2,000: 1,200 of them keep a point within ±1.8 percentage points
 * (95 %) of the full-test accuracy whatever that accuracy is (see `halfWidth95`).
 */
export const LIVE_TEST_DIGITS = 1200;

/**
 * Evaluating one test digit costs about this share of one training example of a minibatch step
 * (forward pass only, against forward, backward, penalty and optimizer): measured with
 * `npm run bench -- live` on WASM (784-256-256), where a step of batch 64 costs as much as
 * evaluating about 670 digits.
 */
const DIGIT_COST_IN_EXAMPLES = 1 / 10.5;
/** The live evaluation may take at most this share of the training time. */
const EVAL_SHARE = 1 / 3;

/**
 * K, the steps between two live evaluations: the smallest multiple of 10 (at least 10) that keeps
 * the evaluation of `digits` test digits (over all evaluated tasks) under a third of training
 * time. Deterministic, so the same settings give their points at the same steps.
 */
export function liveEvalEvery(digits: number, batchSize: number): number {
  const evalInSteps = (digits * DIGIT_COST_IN_EXAMPLES) / Math.max(1, batchSize);
  return Math.max(10, Math.ceil(evalInSteps / EVAL_SHARE / 10) * 10);
}

/**
 * The 95 % half-width, in percentage points, of a subset of n digits drawn without replacement
 * from a test set of N, around the full-test accuracy, at the worst case (accuracy 50 %); 0 when
 * the subset is the whole test set.
 */
export function halfWidth95(n: number, N: number): number {
  if (n >= N) return 0;
  const finite = Math.sqrt((N - n) / Math.max(1, N - 1));
  return 100 * 1.96 * Math.sqrt(0.25 / n) * finite;
}
