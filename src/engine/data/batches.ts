import * as tf from '@tensorflow/tfjs-core';
import { createRng, permutation, type Rng } from '../random';
import type { Scenario } from './scenarios';

/** A minibatch: inputs, one-hot targets, and which head each example is read from. */
export interface Batch {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  /** The distinct heads this batch reads from, ascending (one unless Joint in task-incremental). */
  heads: number[];
  /**
   * For batches that mix heads (Joint in task-incremental learning): [batch, heads] one-hot of
   * each example's head; null otherwise.
   */
  headMask: tf.Tensor2D | null;
}

/** One example: task number and position in that task's train or test list. */
export interface ExampleRef {
  task: number;
  pos: number;
}

/** Builds a batch of train or test examples (pixels scaled to [0, 1], the task's permutation applied). */
export function makeBatch(scenario: Scenario, refs: readonly ExampleRef[], part: 'train' | 'test'): Batch {
  const { inputSize, classes, heads, data } = scenario;
  const x = new Float32Array(refs.length * inputSize);
  const y = new Float32Array(refs.length * classes);
  const mask = new Float32Array(refs.length * heads);
  const headsUsed = new Set<number>();
  refs.forEach(({ task, pos }, r) => {
    const t = scenario.tasks[task];
    const src = t[part].index[pos] * inputSize;
    const perm = t.permutation;
    const row = r * inputSize;
    for (let p = 0; p < inputSize; p++) x[row + p] = data.images[src + (perm ? perm[p] : p)] / 255;
    y[r * classes + t[part].target[pos]] = 1;
    mask[r * heads + t.head] = 1;
    headsUsed.add(t.head);
  });
  const mixed = headsUsed.size > 1;
  return {
    x: tf.tensor2d(x, [refs.length, inputSize]),
    y: tf.tensor2d(y, [refs.length, classes]),
    heads: [...headsUsed].sort((a, b) => a - b),
    headMask: mixed ? tf.tensor2d(mask, [refs.length, heads]) : null,
  };
}

export function disposeBatch(batch: Batch): void {
  batch.x.dispose();
  batch.y.dispose();
  batch.headMask?.dispose();
}

/** The first `n` examples of a seeded shuffle of one task's train or test list. */
export function fixedSubset(
  scenario: Scenario,
  task: number,
  part: 'train' | 'test',
  n: number,
  seed: number,
) {
  const order = permutation(scenario.tasks[task][part].index.length, createRng(seed));
  return Array.from(order.subarray(0, Math.min(n, order.length)), (pos) => ({ task, pos }));
}

/**
 * Epoch-wise shuffled minibatches over a pool of examples. The pool can be replaced (Joint's
 * pool grows with every new task); a new epoch then starts.
 */
export class BatchStream {
  private order: Int32Array = new Int32Array(0);
  private cursor = 0;
  private readonly rng: Rng;

  constructor(
    private pool: ExampleRef[],
    seed: number,
  ) {
    this.rng = createRng(seed);
    this.reshuffle();
  }

  setPool(pool: ExampleRef[]): void {
    this.pool = pool;
    this.reshuffle();
  }

  next(batchSize: number): ExampleRef[] {
    const out: ExampleRef[] = [];
    while (out.length < batchSize) {
      if (this.cursor >= this.order.length) this.reshuffle();
      out.push(this.pool[this.order[this.cursor++]]);
    }
    return out;
  }

  private reshuffle(): void {
    this.order = permutation(this.pool.length, this.rng);
    this.cursor = 0;
  }
}

/** All training examples of the given tasks. */
export function trainPool(scenario: Scenario, tasks: Iterable<number>): ExampleRef[] {
  const pool: ExampleRef[] = [];
  for (const task of tasks) {
    const n = scenario.tasks[task].train.index.length;
    for (let pos = 0; pos < n; pos++) pool.push({ task, pos });
  }
  return pool;
}
