import type { MethodId } from '../methodIds';
import { diagonalOf, type Sym2, scalarSym, scaleSym, type Vec2 } from './mat2';
import type { QuadTerm } from './task';

/** The sequential methods the lab trains side by side (the joint optimum is a closed form, not a run). */
export const CL_METHODS = ['sgd', 'l2', 'ewc', 'si'] as const satisfies readonly MethodId[];
export type ClMethod = (typeof CL_METHODS)[number];
export type RegularisedMethod = Exclude<ClMethod, 'sgd'>;
export const REGULARISED_METHODS = ['l2', 'ewc', 'si'] as const satisfies readonly RegularisedMethod[];

export interface Strengths {
  /** L2: λ·Σ(θ−θ*)². */
  readonly lambdaL2: number;
  /** EWC: λ/2·Σ F(θ−θ*)². */
  readonly lambdaEwc: number;
  /** SI: c·Σ Ω_k(θ_k−θ̃_k)². */
  readonly c: number;
  /** SI's damping in Ω = ω/(Δ²+ξ). */
  readonly xi: number;
  /** EWC with the full Fisher instead of its diagonal (to show what the diagonal loses). */
  readonly fullFisher: boolean;
}

/** What a method keeps of one finished task. */
export interface TaskMemory {
  readonly start: Vec2;
  readonly end: Vec2;
  /** SI's ω accumulated while training this task. */
  readonly omega: Vec2;
  /** The task's Hessian: for a Gaussian-likelihood quadratic it is also the Fisher at the optimum. */
  readonly hessian: Sym2;
}

export const fisherOf = (hessian: Sym2, full: boolean): Sym2 => (full ? hessian : diagonalOf(hessian));

/** SI's Ω_k = Σ_ν ω_k^ν / ((Δ_k^ν)² + ξ), summed over the finished tasks ν. */
export function siImportance(memories: readonly TaskMemory[], xi: number): Vec2 {
  let o1 = 0;
  let o2 = 0;
  for (const m of memories) {
    const d1 = m.end[0] - m.start[0];
    const d2 = m.end[1] - m.start[1];
    o1 += m.omega[0] / (d1 * d1 + xi);
    o2 += m.omega[1] / (d2 * d2 + xi);
  }
  return [o1, o2];
}

/**
 * The penalty a method adds while training the next task, as terms ½(θ−anchor)ᵀP(θ−anchor):
 * L2 λ·|θ−θ*|² is P = 2λI, EWC λ/2·(θ−θ*)ᵀF(θ−θ*) is P = λF (one per finished task), SI
 * c·ΣΩ_k(θ_k−θ̃_k)² is P = 2c·diag(Ω) anchored at the end of the last task.
 */
export function penaltyTerms(method: ClMethod, memories: readonly TaskMemory[], s: Strengths): QuadTerm[] {
  switch (method) {
    case 'sgd':
      return [];
    case 'l2':
      return memories.map((m) => ({ H: scalarSym(2 * s.lambdaL2), centre: m.end }));
    case 'ewc':
      return memories.map((m) => ({
        H: scaleSym(s.lambdaEwc, fisherOf(m.hessian, s.fullFisher)),
        centre: m.end,
      }));
    case 'si': {
      const last = memories[memories.length - 1];
      if (!last) return [];
      const omega = siImportance(memories, s.xi);
      return [{ H: { a: 2 * s.c * omega[0], b: 0, c: 2 * s.c * omega[1] }, centre: last.end }];
    }
  }
}

/** The slider that sets each regularised method's strength; the sweep varies it. */
export const STRENGTH_KEY = { l2: 'lambdaL2', ewc: 'lambdaEwc', si: 'c' } as const satisfies Record<
  RegularisedMethod,
  keyof Strengths
>;
