/**
 * The worker's events for the synapse figures (importance maps over the pixels, the gallery of
 * digits, the confusion matrices): each sent only when it changes, its numbers in typed arrays
 * that travel as transferables. Part of the WorkerEvent union (protocol.ts).
 */
import type { MethodId } from '../engine/methods/registry';

/** Once per run: the gallery's digits and what the figures need to label and unscramble them. */
export interface SynapseSetupEvent {
  type: 'synapse-setup';
  width: number;
  height: number;
  /** The task of each gallery digit (digits come task by task, up to GALLERY_DIGITS_PER_TASK each). */
  task: Uint8Array;
  /** Every gallery digit as people know it (no permutation), width × height bytes each. */
  images: Uint8Array;
  /** Each gallery digit's answer in its head's label space (what a prediction is compared with). */
  labels: Uint8Array;
  /** Answers per head (2 for split MNIST's pairs in task- and domain-incremental, else 10). */
  classes: number;
  /** Per task: the digit that answer c stands for is classOffset[t] + c. */
  classOffset: Int32Array;
  /** Per task: the pixel permutation its inputs see (input p shows pixel perm[p]), or null; a copy. */
  permutations: (Int32Array | null)[];
}

/**
 * At a task boundary: each declared measure's first-layer importance summed over each input's
 * outgoing weights, on every method's weights: `values` is methods × measures × inputs.
 */
export interface PixelMapsEvent {
  type: 'pixel-maps';
  step: number;
  /** The task that ended. */
  task: number;
  measures: string[];
  values: Float32Array;
}

/**
 * The latest live evaluation's gallery: each method's output distribution on every gallery digit
 * (methods × digits × classes), the step each digit flipped right → wrong (methods × digits, -1:
 * no flip), and the live map of this task's ω for the methods whose importance grows along the path.
 */
export interface GalleryEvent {
  type: 'gallery';
  step: number;
  task: number;
  probabilities: Float32Array;
  flippedAt: Int32Array;
  /** Which methods have a live map, and their maps (one per method, inputs each). */
  liveMethods: MethodId[];
  liveMaps: Float32Array;
}

/**
 * Confusion counts on the full test sets of the tasks trained so far, at a task switch and at a
 * schedule's end: `counts` is methods × tasks × classes (true) × classes (answer); tasks not yet
 * trained are zeros and unmarked in `evaluated`.
 */
export interface ConfusionEvent {
  type: 'confusion';
  step: number;
  /** The task trained up to this step. */
  task: number;
  classes: number;
  evaluated: Uint8Array;
  counts: Float32Array;
}

export type SynapseEvent = SynapseSetupEvent | PixelMapsEvent | GalleryEvent | ConfusionEvent;

/** The buffers a synapse event hands over. */
export function synapseTransferables(event: SynapseEvent): ArrayBuffer[] {
  switch (event.type) {
    case 'synapse-setup':
      return [
        event.images.buffer,
        event.labels.buffer,
        event.task.buffer,
        event.classOffset.buffer,
        ...event.permutations.flatMap((p) => (p ? [p.buffer] : [])),
      ] as ArrayBuffer[];
    case 'pixel-maps':
      return [event.values.buffer as ArrayBuffer];
    case 'gallery':
      return [event.probabilities.buffer, event.flippedAt.buffer, event.liveMaps.buffer] as ArrayBuffer[];
    case 'confusion':
      return [event.evaluated.buffer, event.counts.buffer] as ArrayBuffer[];
  }
}
