/**
 * The worker's side of the loss-landscape panel: thinned weight snapshots of every method during
 * the current and the last finished task, every method's weights at each task end, and the grid
 * evaluation, run a few points at a time between training bursts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { faultPoint } from '../engine/faultPoints';
import {
  extentOf,
  flatWeights,
  gridAxis,
  type Plane,
  PlaneEvaluator,
  planeThrough,
  project,
  Thinned,
} from '../engine/landscape';
import type { TaskProbe } from '../engine/learner';
import type { Lockstep } from '../engine/lockstep';
import type { MethodId } from '../engine/methodIds';
import type { LandscapeEvent } from './protocol';

/** Snapshots per method per task: enough for a smooth projected path, little memory. */
const MAX_SNAPSHOTS = 24;
/** Training examples per task for the landscape's losses: the evaluation subset's size. */
const PROBE_SIZE = 256;
/** The plane is spanned by SGD and SI when the run has them (as in the issue), else by its first methods. */
const SPAN_PREFERENCE: MethodId[] = ['sgd', 'si'];

interface TaskRecord {
  task: number;
  trajectory: Thinned<Float32Array[]>;
  end: { step: number; weights: Float32Array[] } | null;
}
type FinishedTask = TaskRecord & { end: NonNullable<TaskRecord['end']> };

/** Every method's flat weights, in one read. */
async function readWeights(ls: Lockstep): Promise<Float32Array[]> {
  const stacked = tf.tidy(() => tf.stack(ls.learners.map((l) => flatWeights(l.model))));
  const flat = (await stacked.data()) as Float32Array;
  const size = stacked.shape[1] ?? 0;
  stacked.dispose();
  return ls.learners.map((_, m) => flat.subarray(m * size, (m + 1) * size));
}

export class TrajectoryRecorder {
  /** The task before the last finished one, the last finished one, and the current one. */
  private records: TaskRecord[] = [];

  begin(task: number): void {
    const [before, last] = this.records.slice(-2);
    // The older finished task can only be the plane's origin (A), which needs its end weights, not
    // its path: dropping the path keeps a long run's memory to two tasks' snapshots.
    const older =
      before && last
        ? [{ ...before, trajectory: new Thinned<Float32Array[]>(0) }, last]
        : this.records.slice(-1);
    this.records = [...older, { task, trajectory: new Thinned(MAX_SNAPSHOTS), end: null }];
  }

  /** At an evaluation: a snapshot of every method when the thinning schedule wants one. */
  async record(ls: Lockstep): Promise<void> {
    const current = this.records.at(-1);
    if (current?.trajectory.offer()) current.trajectory.keep(ls.stepCount, await readWeights(ls));
  }

  /** At a task switch, before consolidating: the weights every method ended the task with. */
  async end(ls: Lockstep, trained: boolean): Promise<void> {
    const current = this.records.at(-1);
    if (!current) return;
    if (trained) current.end = { step: ls.stepCount, weights: await readWeights(ls) };
    else this.records.pop(); // a task with no steps is no boundary
  }

  clear(): void {
    this.records = [];
  }

  /**
   * Task A and task B of the landscape: the last finished task and the one being trained, as far
   * as it has got (so a two-task run has its landscape while task 2 trains); before the current
   * task has any steps, the last two finished tasks. Null before there is such a pair.
   */
  async pair(ls: Lockstep): Promise<LandscapePair | null> {
    const done = this.records.filter((r): r is FinishedTask => r.end !== null);
    const current = this.records.at(-1);
    if (current && current.end === null && ls.stepsInCurrentTask > 0 && done.length >= 1) {
      const now = { step: ls.stepCount, weights: await readWeights(ls) };
      return { A: done[done.length - 1], B: { ...current, end: now }, inProgress: true };
    }
    return done.length >= 2
      ? { A: done[done.length - 2], B: done[done.length - 1], inProgress: false }
      : null;
  }
}

export interface LandscapePair {
  A: FinishedTask;
  B: FinishedTask;
  inProgress: boolean;
}

/** One landscape computation in progress; `advance` evaluates grid points for about `budgetMs`. */
export class LandscapeJob {
  private readonly points: [number, number][];
  private readonly losses: Float32Array;
  private done = 0;
  private msPerPoint = 0;

  private constructor(
    private readonly evaluator: PlaneEvaluator,
    private readonly probes: TaskProbe[],
    private readonly result: Omit<LandscapeEvent, 'lossA' | 'lossB'>,
  ) {
    const { xs, ys } = result;
    this.points = Array.from(ys).flatMap((b) => Array.from(xs, (a): [number, number] => [a, b]));
    this.losses = new Float32Array(2 * this.points.length);
  }

  /** A job for task A and task B (see TrajectoryRecorder.pair), or why there is none. */
  static create(ls: Lockstep, pair: LandscapePair | null, resolution: number): LandscapeJob | string {
    if (!pair) return 'The loss landscape needs two tasks: train task 1, then switch to task 2 and train it.';
    // The surface is the loss on the run's seed's data: lanes of other seeds (seed lanes) trained
    // on their own data and are left out, so each method draws one path.
    const drawn = ls.methods.flatMap((method, m) => (ls.laneSeeds[m] === ls.seed ? [{ method, m }] : []));
    const methods = drawn.map((d) => d.method);
    const spans = [...new Set([...SPAN_PREFERENCE, ...methods])].filter((m) => methods.includes(m));
    if (spans.length < 2)
      return 'The loss landscape needs at least two methods in the run (SGD and SI span its plane).';
    const { A, B, inProgress } = pair;
    const at = (m: MethodId) => drawn[methods.indexOf(m)].m;
    const plane: Plane = planeThrough(
      A.end.weights[at(spans[0])],
      B.end.weights[at(spans[0])],
      B.end.weights[at(spans[1])],
    );
    const trajectories = drawn.map(({ method, m }) => {
      const path = [
        { step: A.end.step, w: A.end.weights[m] },
        ...B.trajectory.items.map((k) => ({ step: k.step, w: k.item[m] })),
        { step: B.end.step, w: B.end.weights[m] },
      ];
      return {
        method,
        steps: Int32Array.from(path, (p) => p.step),
        coords: Float32Array.from(path.flatMap((p) => project(plane, p.w))),
      };
    });
    const all = trajectories.flatMap((t) =>
      Array.from({ length: t.steps.length }, (_, k): [number, number] => [
        t.coords[2 * k],
        t.coords[2 * k + 1],
      ]),
    );
    const extent = extentOf(all, 0.3, 0.6);
    const res = Math.max(4, Math.min(64, Math.round(resolution)));
    const probes = [ls.probeFor(A.task, PROBE_SIZE), ls.probeFor(B.task, PROBE_SIZE)];
    const evaluator = new PlaneEvaluator(ls.learners[0].model.shape, plane, probes);
    return new LandscapeJob(evaluator, probes, {
      type: 'landscape',
      taskA: A.task,
      taskB: B.task,
      origin: spans[0],
      spans: [spans[0], spans[1]],
      inProgress,
      xs: gridAxis(extent.x[0], extent.x[1], res),
      ys: gridAxis(extent.y[0], extent.y[1], res),
      trajectories,
    });
  }

  get progress(): { done: number; total: number } {
    return { done: this.done, total: this.points.length };
  }

  get finished(): boolean {
    return this.done >= this.points.length;
  }

  /** Evaluates as many grid points as fit in about `budgetMs` (one at first, to time them). */
  async advance(budgetMs: number): Promise<void> {
    const n = this.msPerPoint > 0 ? Math.max(1, Math.floor(budgetMs / this.msPerPoint)) : 1;
    const chunk = this.points.slice(this.done, this.done + n);
    const t0 = performance.now();
    const out = await this.evaluator.losses(chunk);
    this.msPerPoint = (performance.now() - t0) / chunk.length;
    const total = this.points.length;
    this.losses.set(out.subarray(0, chunk.length), this.done);
    this.losses.set(out.subarray(chunk.length), total + this.done);
    this.done += chunk.length;
    faultPoint('landscape');
  }

  event(): LandscapeEvent {
    const total = this.points.length;
    return { ...this.result, lossA: this.losses.slice(0, total), lossB: this.losses.slice(total) };
  }

  dispose(): void {
    this.evaluator.dispose();
    tf.dispose(this.probes.flatMap((p) => [p.x, p.y]));
  }
}
