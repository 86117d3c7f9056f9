import { diagonalOf, type Sym2, type Vec2 } from './mat2';

/** The lab's strength sliders (the network run's keys where they mean the same thing). */
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
