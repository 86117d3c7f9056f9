/**
 * The schedule's one formula, shared by the page's automatic schedule (src/worker/runner.ts) and
 * the CLI (src/engine/experiment.ts), so both train a task for the same number of steps.
 */

/** Steps that make `epochs` passes over `examples` training examples in minibatches of `batchSize` (the last one partial). */
export function stepsForEpochs(epochs: number, examples: number, batchSize: number): number {
  return Math.ceil((epochs * examples) / batchSize);
}
