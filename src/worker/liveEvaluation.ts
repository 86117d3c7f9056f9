/**
 * How the live run measures accuracy between task switches: on a fixed, seeded subset of each
 * trained task's test digits, every K steps. Task switches and the end of an automatic schedule
 * use the full test set instead (what the accuracy matrix and the CLI report). Pure numbers, no
 * TensorFlow.js.
 */

/**
 * Test digits per task in the live subset. Split MNIST's tasks have about 400 test digits: all are
 * used. Permuted MNIST's have 2,000: 1,200 of them keep a point within ±1.8 percentage points
 * (95 %) of the full-test accuracy whatever that accuracy is (see `halfWidth95` in
 * src/engine/metrics.ts).
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
