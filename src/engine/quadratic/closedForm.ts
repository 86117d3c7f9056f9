import type { Sym2, Vec2 } from './mat2';
import { scaleSym } from './mat2';
import { addTerm, minimiserOf, type QuadTask, sumOf, termOf } from './task';

/** The joint optimum of ΣLᵢ: (ΣHᵢ)⁻¹ Σ Hᵢθ*ᵢ — where training on all tasks at once would go. */
export function jointOptimum(tasks: readonly QuadTask[]): Vec2 | null {
  return minimiserOf(sumOf(tasks.map(termOf)));
}

/**
 * The minimiser of L_B(θ) + λ/2 (θ−anchor)ᵀF(θ−anchor): where EWC (and, with F = 2I or 2·diag Ω,
 * L2 and SI) converges on task B. Null when the sum is singular.
 */
export function penalisedMinimiser(taskB: QuadTask, anchor: Vec2, fisher: Sym2, lambda: number): Vec2 | null {
  return minimiserOf(addTerm(sumOf([termOf(taskB)]), { H: scaleSym(lambda, fisher), centre: anchor }));
}
