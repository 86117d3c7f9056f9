/**
 * The worker's side of the synapse figures, for one run: a fixed, seeded gallery of test digits
 * per task, kept on the device; each method's predictions on them (and SI's live ω map) at every
 * live evaluation, in one read; the pixel maps from a boundary's report; the confusion counts on
 * the full test sets. The runner posts what each returns.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TaskBoundaryReport } from '../engine/boundary';
import { disposeBatch, type ExampleRef, fixedSubset, makeBatch } from '../engine/data/batches';
import { argmaxRows, FlipTracker } from '../engine/galleryFlips';
import type { Lockstep } from '../engine/lockstep';
import { pixelImportance } from '../engine/pixelImportance';
import { deriveSeed } from '../engine/random';
import type { ConfusionEvent, GalleryEvent, PixelMapsEvent, SynapseSetupEvent } from './synapseProtocol';

/** Gallery digits per task: a row of the gallery. */
export const GALLERY_DIGITS_PER_TASK = 8;
/** Test digits per forward pass of the confusion counts. */
const CONFUSION_CHUNK = 500;

export class SynapseProbe {
  /** Each task's gallery digits as the network sees them (permuted where the task is). */
  private readonly inputs: { x: tf.Tensor2D; head: number }[];
  /** Every gallery digit, task by task, and its answer in its head's label space. */
  private readonly refs: ExampleRef[];
  private readonly labels: Uint8Array;
  private readonly flips: FlipTracker;
  private latest: GalleryEvent | null = null;
  /** The learners whose importance grows live along the path (SI): their map of ω during a task. */
  private readonly live: number[];

  constructor(
    private readonly ls: Lockstep,
    seed: number,
  ) {
    const { scenario } = ls;
    const refs = scenario.tasks.map((_, t) =>
      fixedSubset(scenario, t, 'test', GALLERY_DIGITS_PER_TASK, deriveSeed(seed, 'gallery', t)),
    );
    this.inputs = refs.map((r, t) => {
      // Only the inputs stay on the device; the answers are compared on the CPU.
      const { x, y } = makeBatch(scenario, r, 'test');
      y.dispose();
      return { x, head: scenario.tasks[t].head };
    });
    this.labels = Uint8Array.from(refs.flat(), ({ task, pos }) => scenario.tasks[task].test.target[pos]);
    this.flips = new FlipTracker(ls.learners.length, this.labels.length);
    this.live = ls.learners.flatMap((l, m) => (l.method.protects?.live ? [m] : []));
    this.refs = refs.flat();
  }

  /** The gallery's digits as people know them, and how to label and unscramble the figures. */
  setup(): SynapseSetupEvent {
    const { scenario } = this.ls;
    const { data, inputSize } = scenario;
    const images = new Uint8Array(this.refs.length * inputSize);
    this.refs.forEach(({ task, pos }, d) => {
      const i = scenario.tasks[task].test.index[pos];
      images.set(data.images.subarray(i * inputSize, (i + 1) * inputSize), d * inputSize);
    });
    const split = scenario.spec.protocol === 'split-mnist' && scenario.classes === 2;
    return {
      type: 'synapse-setup',
      width: data.width,
      height: data.height,
      task: Uint8Array.from(this.refs, (r) => r.task),
      images,
      labels: Uint8Array.from(this.labels),
      classes: scenario.classes,
      classOffset: Int32Array.from(scenario.tasks, (_, t) => (split ? 2 * t : 0)),
      permutations: scenario.tasks.map((t) => (t.permutation ? Int32Array.from(t.permutation) : null)),
    };
  }

  /**
   * At a live evaluation: every method's output distribution on every gallery digit and the live ω
   * maps, in one read; flips updated for the tasks trained so far. Kept until `takeLatest`.
   */
  async evaluate(): Promise<void> {
    const { ls } = this;
    const learners = ls.learners;
    const packed = tf.tidy(() =>
      tf.concat([
        ...learners.flatMap((l) =>
          this.inputs.map(({ x, head }) => tf.softmax(l.model.logits(x, head)).flatten()),
        ),
        ...this.live.map((m) => tf.sum(learners[m].pathOmega[0], 1)),
      ]),
    );
    const flat = (await packed.data()) as Float32Array;
    packed.dispose();
    const { classes, inputSize } = ls.scenario;
    const n = learners.length * this.labels.length * classes;
    const probabilities = flat.slice(0, n);
    const seen = new Set(ls.seenTasks);
    this.flips.update(ls.stepCount, argmaxRows(probabilities, classes), this.labels, (d) => {
      const t = this.refs[d].task;
      return t === ls.currentTask ? 'training' : seen.has(t) ? 'past' : 'unseen';
    });
    this.latest = {
      type: 'gallery',
      step: ls.stepCount,
      task: ls.currentTask,
      probabilities,
      flippedAt: Int32Array.from(this.flips.flippedAt),
      liveMethods: this.live.map((m) => ls.methods[m]),
      liveMaps: flat.slice(n, n + this.live.length * inputSize),
    };
  }

  /** The latest gallery not yet posted (then forgotten), or null. */
  takeLatest(): GalleryEvent | null {
    const latest = this.latest;
    this.latest = null;
    return latest;
  }

  /** Every measure's pixel map on every method's weights, from a boundary's report (null: no boundary). */
  pixelMaps(report: TaskBoundaryReport | null): PixelMapsEvent | null {
    const first = report?.methods[0]?.layers[0];
    if (!report || !first) return null;
    const { inputSize } = this.ls.scenario;
    const measures = first.measures.map((x) => x.id);
    const units = first.measures[0] ? first.measures[0].values.length / (inputSize + 1) : 0;
    const values = new Float32Array(report.methods.length * measures.length * inputSize);
    report.methods.forEach((method, m) => {
      method.layers[0].measures.forEach((x, k) => {
        values.set(pixelImportance(x.values, inputSize, units), (m * measures.length + k) * inputSize);
      });
    });
    return { type: 'pixel-maps', step: this.ls.stepCount, task: report.task, measures, values };
  }

  /** Confusion counts of every method on the full test sets of the tasks trained so far, in one read. */
  async confusion(): Promise<ConfusionEvent> {
    const { ls } = this;
    const { scenario } = ls;
    const C = scenario.classes;
    const seen = new Set(ls.seenTasks);
    const counts = ls.learners.map(() => scenario.tasks.map(() => tf.keep(tf.zeros([C, C]))));
    for (const t of seen) {
      const n = scenario.tasks[t].test.index.length;
      for (let s = 0; s < n; s += CONFUSION_CHUNK) {
        const refs = Array.from({ length: Math.min(CONFUSION_CHUNK, n - s) }, (_, k) => ({
          task: t,
          pos: s + k,
        }));
        const batch = makeBatch(scenario, refs, 'test');
        ls.learners.forEach((l, m) => {
          const previous = counts[m][t];
          counts[m][t] = tf.keep(
            tf.tidy(() => {
              const answers = tf.oneHot(tf.argMax(l.model.logits(batch.x, scenario.tasks[t].head), 1), C);
              return tf.add(previous, tf.matMul(batch.y, answers.toFloat(), true, false));
            }),
          );
          previous.dispose();
        });
        disposeBatch(batch);
      }
    }
    const packed = tf.tidy(() => tf.concat(counts.flat().map((c) => c.flatten())));
    tf.dispose(counts.flat());
    const flat = (await packed.data()) as Float32Array;
    packed.dispose();
    return {
      type: 'confusion',
      step: ls.stepCount,
      task: ls.currentTask,
      classes: C,
      evaluated: Uint8Array.from(scenario.tasks, (_, t) => (seen.has(t) ? 1 : 0)),
      counts: flat,
    };
  }

  dispose(): void {
    tf.dispose(this.inputs.map((i) => i.x));
  }
}
