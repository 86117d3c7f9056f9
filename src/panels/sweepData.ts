/**
 * What the strength-sweep panel's CSV and the lane labels read of a run; the sweep's table itself
 * is the store's (src/store/sweepView.ts), as the session keeps finished sweeps from it.
 */

import type { RunConfig } from '../engine/runConfig';
import { laneLabel } from '../engine/sweep';
import type { ResultsState } from '../store/results';
import { sweepView } from '../store/sweepView';
import { type CsvExport, csvExport } from './export';

/** Each lane's name in tables and legends: "SI c=0.01" in a sweep, the method's label otherwise. */
export function laneLabels(config: RunConfig): string[] {
  return config.methods.map((method, i) => laneLabel(config.lanes?.[i] ?? { method }));
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
