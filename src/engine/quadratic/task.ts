import { addSym, mulSymVec, quadForm, type Sym2, solveSym, symFromEigen, type Vec2, ZERO_SYM } from './mat2';

/**
 * A quadratic task L(θ) = ½(θ−θ*)ᵀH(θ−θ*), described the way it is edited on the plot: its centre
 * θ*, the two curvatures (eigenvalues of H) and the rotation of the first curvature's axis.
 */
export interface QuadTask {
  readonly centre: Vec2;
  readonly curvatures: Vec2;
  /** Direction (radians, counter-clockwise from the θ₁ axis) of the axis with curvature curvatures[0]. */
  readonly angle: number;
}

export const hessianOf = (task: QuadTask): Sym2 =>
  symFromEigen(task.curvatures[0], task.curvatures[1], task.angle);

/** One term ½(θ−centre)ᵀH(θ−centre): a task, or one method's penalty. */
export interface QuadTerm {
  readonly H: Sym2;
  readonly centre: Vec2;
}

export const termOf = (task: QuadTask): QuadTerm => ({ H: hessianOf(task), centre: task.centre });

export const termValue = (term: QuadTerm, x: number, y: number): number =>
  0.5 * quadForm(term.H, x - term.centre[0], y - term.centre[1]);

/**
 * A sum of quadratic terms kept as its gradient Hθ − h (H = ΣHᵢ, h = ΣHᵢcᵢ). Unlike a single term it
 * needs no centre, so a zero-strength penalty (H = 0) is still representable.
 */
export interface QuadSum {
  readonly H: Sym2;
  readonly h: Vec2;
}

export const EMPTY_SUM: QuadSum = { H: ZERO_SYM, h: [0, 0] };

export function addTerm(sum: QuadSum, term: QuadTerm): QuadSum {
  const hc = mulSymVec(term.H, term.centre);
  return { H: addSym(sum.H, term.H), h: [sum.h[0] + hc[0], sum.h[1] + hc[1]] };
}

export const sumOf = (terms: readonly QuadTerm[]): QuadSum => terms.reduce(addTerm, EMPTY_SUM);

/** The minimiser H⁻¹h of a sum of quadratics; null when the sum is flat in some direction. */
export const minimiserOf = (sum: QuadSum): Vec2 | null => solveSym(sum.H, sum.h);
