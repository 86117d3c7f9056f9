import type { MethodId, ParamKey } from './methods/registry';
import type { SettingsView } from './methods/types';
import type { RunningSettings } from './settings';

/**
 * One lane of a lockstep: a method, method parameters it holds fixed (a strength sweep's lanes),
 * and its own seed (seed lanes, src/engine/seedLanes.ts).
 */
export interface LaneSpec {
  readonly method: MethodId;
  readonly params?: Readonly<Partial<Record<ParamKey, number>>>;
  /**
   * The lane's seed; absent: the run's. Everything random a lane owns derives from it: its initial
   * weights, minibatch order, memory draws, Fisher samples and, on permuted MNIST, its permutations
   * (so its training and test sets). Lanes with the same seed share all of these.
   */
  readonly seed?: number;
}

/** What a learner reads of the settings: the run's, with its lane's own parameter values on top. */
export interface LearnerSettings extends SettingsView {
  readonly version: number;
  learningRate(method: MethodId): number;
}

/**
 * The run's settings seen by one lane: a parameter the lane fixes reads the lane's value, every
 * other value is the run's live one (so the shared sliders still act on every lane).
 */
export function laneSettings(run: RunningSettings, lane: LaneSpec): LearnerSettings {
  const fixed = new Map(Object.entries(lane.params ?? {}).filter(([, v]) => Number.isFinite(v)));
  if (fixed.size === 0) return run;
  for (const key of fixed.keys()) run.param(key); // throws on a key no method declares
  return {
    get hp() {
      return run.hp;
    },
    get version() {
      return run.version;
    },
    param: (key) => fixed.get(key) ?? run.param(key),
    learningRate: (method) => run.learningRate(method),
  };
}
