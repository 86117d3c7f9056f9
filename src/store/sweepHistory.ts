/**
 * The finished strength sweeps of this session, the latest per scenario and method, so the sweep
 * figure can draw another method's curve beside the one running ("one curve per method").
 */
import { create } from 'zustand';
import { type ScenarioKey, scenarioKeyOf } from '../engine/data/scenarios';
import type { MethodId } from '../engine/methodIds';
import { useResults } from './results';
import { type SweepView, sweepView } from './sweepView';

export type KeptSweep = Pick<SweepView, 'method' | 'symbol' | 'recommended' | 'rows'>;

export const useSweepHistory = create<{
  kept: Partial<Record<ScenarioKey, Partial<Record<MethodId, KeptSweep>>>>;
}>(() => ({ kept: {} }));

/** The finished sweeps of `scenario` other than `method`'s, in the order they finished. */
export function otherSweeps(scenario: ScenarioKey, method: MethodId): KeptSweep[] {
  return Object.values(useSweepHistory.getState().kept[scenario] ?? {}).filter(
    (k): k is KeptSweep => k !== undefined && k.method !== method,
  );
}

// A sweep is kept once its last task is measured on the full test sets.
useResults.subscribe((now, before) => {
  if (now.evaluations === before.evaluations || !now.config) return;
  const view = sweepView(now);
  if (!view?.final) return;
  const scenario = scenarioKeyOf(now.config);
  const { method, symbol, recommended, rows } = view;
  useSweepHistory.setState((s) => ({
    kept: { ...s.kept, [scenario]: { ...s.kept[scenario], [method]: { method, symbol, recommended, rows } } },
  }));
});
