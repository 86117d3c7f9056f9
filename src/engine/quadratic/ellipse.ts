import { eigenSym, type Sym2, type Vec2 } from './mat2';
import type { QuadSum, QuadTask } from './task';
import { minimiserOf } from './task';

/** The level set {θ : ½(θ−centre)ᵀG(θ−centre) = level}: semi-axes r1 (along `angle`) and r2. */
export interface EllipseAxes {
  readonly centre: Vec2;
  readonly r1: number;
  readonly r2: number;
  readonly angle: number;
}

/** Null when G is not positive definite (the level set is not a closed curve). */
export function levelEllipse(G: Sym2, centre: Vec2, level: number): EllipseAxes | null {
  const { l1, l2, angle } = eigenSym(G);
  if (!(l2 > 1e-12)) return null;
  return { centre, r1: Math.sqrt((2 * level) / l1), r2: Math.sqrt((2 * level) / l2), angle };
}

/** Contours of a sum of quadratics, measured from its minimum: ½(θ−m)ᵀG(θ−m) = level. */
export function sumEllipse(sum: QuadSum, level: number): EllipseAxes | null {
  const centre = minimiserOf(sum);
  return centre ? levelEllipse(sum.H, centre, level) : null;
}

/** `count` points around the ellipse, x and y interleaved (the caller maps them to pixels). */
export function ellipsePoints(e: EllipseAxes, count: number): Float64Array {
  const out = new Float64Array(2 * count);
  const cs = Math.cos(e.angle);
  const sn = Math.sin(e.angle);
  for (let i = 0; i < count; i++) {
    const t = (2 * Math.PI * i) / count;
    const u = e.r1 * Math.cos(t);
    const v = e.r2 * Math.sin(t);
    out[2 * i] = e.centre[0] + u * cs - v * sn;
    out[2 * i + 1] = e.centre[1] + u * sn + v * cs;
  }
  return out;
}

/**
 * The handles that edit a task on the plot sit at the ends of its level-`level` ellipse's axes:
 * handle 0 on the axis of curvatures[0], handle 1 on the other.
 */
export function curvatureHandle(task: QuadTask, which: 0 | 1, level: number): Vec2 {
  const angle = task.angle + (which === 0 ? 0 : Math.PI / 2);
  const r = Math.sqrt((2 * level) / task.curvatures[which]);
  return [task.centre[0] + r * Math.cos(angle), task.centre[1] + r * Math.sin(angle)];
}

export const CURVATURE_RANGE: Vec2 = [0.02, 20];

/**
 * Inverse of `curvatureHandle`: dragging a handle to `point` sets that axis's curvature from the
 * distance (r = √(2·level/h)) and the task's rotation from the direction.
 */
export function taskFromHandle(task: QuadTask, which: 0 | 1, point: Vec2, level: number): QuadTask {
  const dx = point[0] - task.centre[0];
  const dy = point[1] - task.centre[1];
  const r2 = Math.max(dx * dx + dy * dy, 1e-9);
  const h = Math.min(CURVATURE_RANGE[1], Math.max(CURVATURE_RANGE[0], (2 * level) / r2));
  const curvatures: Vec2 = which === 0 ? [h, task.curvatures[1]] : [task.curvatures[0], h];
  const angle = Math.atan2(dy, dx) - (which === 0 ? 0 : Math.PI / 2);
  return { ...task, curvatures, angle };
}
