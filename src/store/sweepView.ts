/**
 * A strength sweep's table as the run's results give it: the sweep's method and strengths (from
 * the run's lanes), its table at the latest evaluation, and whether it is final. The sweep panel
 * draws it and the session keeps it (src/store/sweepHistory.ts).
 */
import { scenarioKeyOf } from '../engine/data/scenarios';
import type { MethodId } from '../engine/methodIds';
import { bestRow, laneStrength, type SweepRow, sweepRows, sweptParam } from '../engine/sweep';
import type { ResultsState } from './results';

export interface SweepView {
  readonly method: MethodId;
  /** e.g. "c" or "λ". */
  readonly symbol: string;
  /** The method's recommended strength in the run's scenario. */
  readonly recommended: number;
  readonly rows: SweepRow[];
  readonly best: SweepRow | null;
  /** 1-based: the task trained last, and how many there are. */
  readonly task: number;
  readonly tasks: number;
  readonly step: number;
  /** The last task is trained and measured on the full test sets (live numbers: the fixed test subset). */
  readonly final: boolean;
}

/** The sweep's table at the latest evaluation; null when the run is no sweep or nothing is measured yet. */
export function sweepView(s: Pick<ResultsState, 'config' | 'evaluations' | 'taskNames'>): SweepView | null {
  const lanes = s.config?.lanes;
  const param = lanes?.[0] && sweptParam(lanes[0].method);
  const last = s.evaluations.at(-1);
  const T = s.taskNames.length;
  if (!s.config || !lanes || !param || !last || T === 0) return null;
  const strengths = lanes.map(laneStrength);
  const accuracy = lanes.map((_, l) => Array.from(last.accuracy.subarray(l * T, (l + 1) * T)));
  const rows = sweepRows(strengths, accuracy, last.task);
  return {
    method: lanes[0].method,
    symbol: param.symbol,
    recommended: param.recommended[scenarioKeyOf(s.config)],
    rows,
    best: bestRow(rows),
    task: last.task + 1,
    tasks: T,
    step: last.step,
    final: last.full && last.task === T - 1,
  };
}
