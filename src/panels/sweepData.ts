/**
 * What the strength-sweep panel, its CSV and the lane labels read of a run: the sweep's method and
 * strengths (from the run's lanes), its table at the latest evaluation, and whether it is final.
 */
import { scenarioKeyOf } from '../engine/data/scenarios';
import type { MethodId } from '../engine/methodIds';
import { bestRow, laneLabel, laneStrength, type SweepRow, sweepRows, sweptParam } from '../engine/sweep';
import type { ResultsState } from '../store/results';
import type { RunConfig } from '../worker/protocol';
import { type CsvExport, csvExport } from './export';

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

/** Each lane's name in tables and legends: "SI c=0.01" in a sweep, the method's label otherwise. */
export function laneLabels(config: RunConfig): string[] {
  return config.methods.map((method, i) => laneLabel(config.lanes?.[i] ?? { method }));
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

/** The sweep table: one row per lane, accuracies in %, at the latest evaluation. */
export function strengthSweepCsv(s: Pick<ResultsState, 'config' | 'evaluations' | 'taskNames'>): CsvExport[] {
  const view = sweepView(s);
  return [
    csvExport('one row per strength (the sweep table)', '', () => [
      [
        'method',
        'strength',
        'first_task_accuracy',
        'newest_task_accuracy',
        'average_accuracy',
        'newest_task',
        'step',
        'final',
        'recommended',
      ],
      ...(view?.rows ?? []).map((r) => [
        view?.method ?? '',
        r.strength,
        pct(r.first),
        pct(r.newest),
        pct(r.average),
        view?.task ?? '',
        view?.step ?? '',
        view?.final ? 1 : 0,
        view?.recommended ?? '',
      ]),
    ]),
  ];
}

const pct = (v: number) => (Number.isFinite(v) ? Number((v * 100).toFixed(2)) : '');
