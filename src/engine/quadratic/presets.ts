import type { Vec2 } from './mat2';
import type { QuadTask } from './task';

export const PRESET_IDS = ['ewc-paper', 'rotated-a', 'three-tasks'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  readonly label: string;
  /** One sentence on what the preset is there to show. */
  readonly description: string;
  readonly tasks: readonly QuadTask[];
  readonly theta0: Vec2;
  /** A learning rate at which every method stays stable on these tasks with the default strengths. */
  readonly lr: number;
}

/** Kirkpatrick et al.'s picture: A is flat along θ₁ and steep along θ₂, axis-aligned. */
const PAPER_A: QuadTask = { centre: [-1.5, -0.6], curvatures: [0.12, 3], angle: 0 };
const PAPER_B: QuadTask = { centre: [1.6, 1.5], curvatures: [3, 0.12], angle: 0.35 };

export const PRESETS: Record<PresetId, Preset> = {
  'ewc-paper': {
    label: 'EWC paper picture',
    description:
      'Task A is flat along θ₁: EWC slides along it into task B’s valley, SGD forgets A, L2 stops half-way.',
    tasks: [PAPER_A, PAPER_B],
    theta0: [-3, 2],
    lr: 0.1,
  },
  'rotated-a': {
    label: 'Rotated A: diagonal F fails',
    description:
      'Task A’s valley runs diagonally, so diag(F) is a circle: diagonal EWC acts like L2; the full Fisher follows the valley.',
    tasks: [
      { centre: [-1.2, -0.8], curvatures: [0.1, 4], angle: Math.PI / 4 },
      { centre: [1.8, -1.2], curvatures: [3, 0.1], angle: 0 },
    ],
    theta0: [-3, 1.5],
    lr: 0.1,
  },
  'three-tasks': {
    label: 'Three tasks (A → B → C)',
    description:
      'A third task C after B: each method now has to keep two earlier tasks. SI’s Ω for θ₂ grows large on B (θ₂ earned credit but hardly moved), hence the smaller η.',
    tasks: [PAPER_A, PAPER_B, { centre: [-0.4, 2.2], curvatures: [2, 0.15], angle: -0.5 }],
    theta0: [-3, 2],
    lr: 0.05,
  },
};
