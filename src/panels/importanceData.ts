import type { LayerImportance } from '../engine/boundary';
import type { MethodId } from '../engine/methodIds';
import { KEPT_IMPORTANCES, type TaskSwitch } from '../store/results';

/** The boundaries that consolidated something, with their index into `switches`. */
export function consolidatedBoundaries(switches: readonly TaskSwitch[]): { index: number; sw: TaskSwitch }[] {
  return switches.flatMap((sw, index) => (sw.boundary ? [{ index, sw }] : []));
}

/** What an importance panel says for a boundary whose values were let go (see KEPT_IMPORTANCES). */
export const RELEASED_MESSAGE = `This boundary's per-parameter importances were let go to save memory (the latest ${KEPT_IMPORTANCES} are kept): pick a later boundary.`;

/** One method's layers at one boundary (all layers when `layer` is null; none once let go). */
export function layersAt(
  sw: TaskSwitch | undefined,
  method: MethodId,
  layer: string | null,
): LayerImportance[] {
  if (sw?.released) return [];
  const b = sw?.boundary?.find((x) => x.method === method);
  return (b?.layers ?? []).filter((l) => layer === null || l.layer === layer);
}

export interface PathIntegralPoint {
  method: MethodId;
  /** The task that ended. */
  task: number;
  step: number;
  /** −Σω: the path integral's estimate of the loss change L(end) − L(start). */
  estimate: number;
  /** The actual loss change L(end) − L(start) on the task's loss probe (negative: it dropped). */
  actual: number;
  /** actual / estimate: 1 on the line; below 1 when the path integral overestimates the drop. */
  ratio: number;
}

/**
 * The talk's sanity check, one point per boundary and method. The engine's Σω ≈ L(start) − L(end)
 * (SI Eq. 3: ∫g·dθ = L(end) − L(start) = −Σω), so −Σω is compared with ΔL = L(end) − L(start).
 */
export function pathIntegralPoints(switches: readonly TaskSwitch[]): PathIntegralPoint[] {
  return consolidatedBoundaries(switches).flatMap(({ sw }) =>
    (sw.boundary ?? []).map((b) => {
      const estimate = -b.sumOmega;
      const actual = b.lossEnd - b.lossStart;
      return { method: b.method, task: sw.from, step: sw.step, estimate, actual, ratio: actual / estimate };
    }),
  );
}
