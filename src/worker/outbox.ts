/**
 * The runner's event outbox: evaluations wait here and go to the page batched into one message,
 * at most about 30 a second, each batch followed by whatever else is sent at that pace (the
 * gallery's latest answers).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Evaluation, FrozenOutputs } from '../engine/lockstep';
import type { WorkerEvent } from './protocol';

/** At most ~30 messages a second to the page. */
const POST_INTERVAL_MS = 33;

export class Outbox {
  /** Evaluations not yet posted, each with the worker's tensor count when it was taken. */
  private buffer: {
    e: Evaluation;
    full: boolean;
    frozen: (FrozenOutputs | null)[] | null;
    numTensors: number;
  }[] = [];
  private lastPost = 0;
  /** Worker time in training steps and in evaluations since the run was built (ms), sent with each batch. */
  trainMs = 0;
  evalMs = 0;

  constructor(
    private readonly post: (event: WorkerEvent) => void,
    /** The latest of what goes out at the evaluations' pace, if any is new. */
    private readonly alongside: () => WorkerEvent | null | undefined,
  ) {}

  /**
   * An evaluation to send; `full`: on every task's whole test set; `frozen`: the frozen copies'
   * outputs read with it (null when no lane keeps one).
   */
  add(e: Evaluation, full: boolean, frozen: (FrozenOutputs | null)[] | null): void {
    this.buffer.push({ e, full, frozen, numTensors: tf.memory().numTensors });
  }

  /** Posts what waits, unless the last post was under POST_INTERVAL_MS ago (`force`: post anyway). */
  flush(force = false): void {
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
      full: Uint8Array.from(items, (i) => (i.full ? 1 : 0)),
      accuracy: Float32Array.from(evals.flatMap((e) => e.accuracy.flat())),
      trainLoss: Float32Array.from(evals.flatMap((e) => e.trainLoss)),
      penalty: Float32Array.from(evals.flatMap((e) => e.penalty)),
      numTensors: Int32Array.from(items, (i) => i.numTensors),
      diagnostics: evals.map((e) => e.diagnostics),
      frozen: items.map((i) => i.frozen),
      trainMs: this.trainMs,
      evalMs: this.evalMs,
    });
    const next = this.alongside();
    if (next) this.post(next);
  }

  /** Forgets the run's unsent evaluations and its times (a new run). */
  clear(): void {
    this.buffer = [];
    this.trainMs = 0;
    this.evalMs = 0;
  }
}
