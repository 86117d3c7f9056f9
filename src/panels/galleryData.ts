/**
 * The gallery's data: each gallery digit of the tasks trained so far with every method's answer,
 * confidence and output distribution, and whether that answer was right and has been forgotten
 * since (a flip, with its step). Pure data, tested without a page.
 */
import type { MethodId } from '../engine/methodIds';
import type { Gallery, SynapseSetup } from '../store/synapses';

export interface GalleryAnswer {
  method: MethodId;
  /** The digit the method answers. */
  answer: number;
  confidence: number;
  right: boolean;
  /** The step it turned wrong after being right; -1 when it is not a flip. */
  flippedAt: number;
  /** The method's whole output distribution, answer c standing for digit `offset + c`. */
  distribution: Float32Array;
}

export interface GalleryDigit {
  /** Index among the gallery's digits. */
  index: number;
  task: number;
  /** The digit it shows. */
  digit: number;
  /** Its first class's digit: answer c stands for digit offset + c. */
  offset: number;
  answers: GalleryAnswer[];
}

/** Every gallery digit of `tasks`, with every method's latest answer on it (none before the first evaluation). */
export function galleryDigits(
  setup: SynapseSetup,
  gallery: Gallery | null,
  methods: readonly MethodId[],
  tasks: readonly number[],
): GalleryDigit[] {
  const N = setup.labels.length;
  const C = setup.classes;
  const digits: GalleryDigit[] = [];
  setup.task.forEach((task, d) => {
    if (!tasks.includes(task)) return;
    const offset = setup.classOffset[task];
    const label = setup.labels[d];
    const answers = gallery
      ? methods.map((method, m) => {
          const distribution = gallery.probabilities.subarray((m * N + d) * C, (m * N + d + 1) * C);
          let best = 0;
          for (let c = 1; c < C; c++) if (distribution[c] > distribution[best]) best = c;
          return {
            method,
            answer: offset + best,
            confidence: distribution[best],
            right: best === label,
            flippedAt: gallery.flippedAt[m * N + d],
            distribution,
          };
        })
      : [];
    digits.push({ index: d, task, digit: offset + label, offset, answers });
  });
  return digits;
}

/** One row per digit and method: what the CSV export holds. */
export function galleryRows(digits: readonly GalleryDigit[], step: number): (string | number)[][] {
  return [
    ['step', 'gallery_digit', 'task', 'digit', 'method', 'answer', 'confidence', 'right', 'flipped_at_step'],
    ...digits.flatMap((g) =>
      g.answers.map((a) => [
        step,
        g.index,
        g.task + 1,
        g.digit,
        a.method,
        a.answer,
        a.confidence,
        a.right ? 1 : 0,
        a.flippedAt >= 0 ? a.flippedAt : '',
      ]),
    ),
  ];
}
