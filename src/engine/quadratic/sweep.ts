import type { LabParams, LabResult } from './lab';
import { penaltyTerms, REGULARISED_METHODS, type RegularisedMethod, strengthKeyOf } from './methods';
import { addTerm, EMPTY_SUM, minimiserOf, type QuadTask, termOf } from './task';

/** Strengths from 0 to "very large" (10⁴), log-spaced so the whole trade-off is visible. */
export function sweepStrengths(count = 60): Float64Array {
  const out = new Float64Array(count);
  for (let i = 1; i < count; i++) out[i] = 10 ** (-3 + (7 * (i - 1)) / (count - 2));
  return out;
}

/**
 * For each regularised method, the curve of task-B end points as its strength sweeps 0 → 10⁴.
 * End points are the converged ones (the closed-form minimiser of L_B + penalty), so the curve shows
 * the family of A/B trade-offs independently of the learning rate and step count. SI's Ω comes from
 * task A's real trajectory.
 */
export function sweepEndPoints(
  p: LabParams,
  result: LabResult,
  strengths: Float64Array = sweepStrengths(),
): Record<RegularisedMethod, Float64Array> {
  const taskB: QuadTask = p.tasks[1]!;
  const curve = (method: RegularisedMethod): Float64Array => {
    const out = new Float64Array(2 * strengths.length);
    strengths.forEach((s, i) => {
      const terms = penaltyTerms(method, [result.memoryA], { ...p, [strengthKeyOf(method)]: s });
      const end = minimiserOf(terms.reduce(addTerm, addTerm(EMPTY_SUM, termOf(taskB))));
      out[2 * i] = end ? end[0] : Number.NaN;
      out[2 * i + 1] = end ? end[1] : Number.NaN;
    });
    return out;
  };
  return Object.fromEntries(REGULARISED_METHODS.map((m) => [m, curve(m)])) as Record<
    RegularisedMethod,
    Float64Array
  >; // keys: every regularised method
}
