/**
 * 2×2 linear algebra for the two-parameter lab. Everything is a plain readonly value so the
 * settings that hold them stay serialisable; the hot loops read the fields into locals instead.
 */

/** A point or vector in the (θ₁, θ₂) plane. */
export type Vec2 = readonly [number, number];

/** A symmetric 2×2 matrix [[a, b], [b, c]]; Hessians, Fishers and penalties are all of this kind. */
export interface Sym2 {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

export const ZERO_SYM: Sym2 = { a: 0, b: 0, c: 0 };

export const scalarSym = (s: number): Sym2 => ({ a: s, b: 0, c: s });

export const addSym = (p: Sym2, q: Sym2): Sym2 => ({ a: p.a + q.a, b: p.b + q.b, c: p.c + q.c });

export const scaleSym = (s: number, p: Sym2): Sym2 => ({ a: s * p.a, b: s * p.b, c: s * p.c });

/** Drops the off-diagonal entry: what a diagonal (per-parameter) importance keeps of a matrix. */
export const diagonalOf = (p: Sym2): Sym2 => ({ a: p.a, b: 0, c: p.c });

export const mulSymVec = (p: Sym2, v: Vec2): Vec2 => [p.a * v[0] + p.b * v[1], p.b * v[0] + p.c * v[1]];

export const determinant = (p: Sym2): number => p.a * p.c - p.b * p.b;

/** vᵀ P v */
export const quadForm = (p: Sym2, x: number, y: number): number =>
  p.a * x * x + 2 * p.b * x * y + p.c * y * y;

/** Solves P x = v by Cramer's rule; null when P is (numerically) singular. */
export function solveSym(p: Sym2, v: Vec2): Vec2 | null {
  const det = determinant(p);
  const scale = Math.max(Math.abs(p.a), Math.abs(p.b), Math.abs(p.c));
  if (scale === 0 || Math.abs(det) <= 1e-12 * scale * scale) return null;
  return [(p.c * v[0] - p.b * v[1]) / det, (p.a * v[1] - p.b * v[0]) / det];
}

/** R(angle) · diag(l1, l2) · R(angle)ᵀ: eigenvalue l1 along the direction `angle` (radians). */
export function symFromEigen(l1: number, l2: number, angle: number): Sym2 {
  const cs = Math.cos(angle);
  const sn = Math.sin(angle);
  return { a: l1 * cs * cs + l2 * sn * sn, b: (l1 - l2) * cs * sn, c: l1 * sn * sn + l2 * cs * cs };
}

/** Eigen-decomposition: l1 ≥ l2, and `angle` the direction of l1's eigenvector. */
export function eigenSym(p: Sym2): { l1: number; l2: number; angle: number } {
  const mean = (p.a + p.c) / 2;
  const radius = Math.hypot((p.a - p.c) / 2, p.b);
  return { l1: mean + radius, l2: mean - radius, angle: 0.5 * Math.atan2(2 * p.b, p.a - p.c) };
}
