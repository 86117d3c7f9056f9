/** How the URL settings map onto the worker's run configuration, hyperparameters and pacing. */
import { scenarioKeyOf } from '../engine/data/scenarios';
import type { Hyperparameters } from '../engine/defaults';
import { learningRateKey, METHOD_IDS, METHOD_PARAMS, type ParamKey } from '../engine/methods/registry';
import { seedLanesOf } from '../engine/seedLanes';
import type { LearningRateOverrides } from '../engine/settings';
import { keysIn, sharedHyperparameters } from '../engine/settingsTable';
import { sweepLanes } from '../engine/sweep';
import type { Pacing, RunConfig } from '../worker/protocol';
import type { UrlSettings } from './urlParams';

export function runConfigOf(s: UrlSettings): RunConfig {
  const run = {
    protocol: s.protocol,
    scenario: s.scenario,
    tasks: s.tasks,
    methods: [...s.methods],
    seed: s.seed,
    hidden: [...s.hidden],
  };
  if (s.sweep === 'off' && s.seedLanes <= 1) return run;
  // A sweep's (or the seeds') lanes replace the methods; `methods` names each lane's, so every
  // per-method row lines up. A sweep wins over seed lanes: its lanes already vary one thing.
  const lanes =
    s.sweep !== 'off'
      ? sweepLanes(s.sweep, s.sweepLanes, scenarioKeyOf(s))
      : seedLanesOf(s.methods, s.seed, s.seedLanes);
  return { ...run, methods: lanes.map((l) => l.method), lanes };
}

/** Learning rates that differ from the shared one, by method (a 0 in the settings means shared). */
export function learningRateOverridesOf(s: UrlSettings): LearningRateOverrides {
  return Object.fromEntries(
    METHOD_IDS.flatMap((id) => (s[learningRateKey(id)] > 0 ? [[id, s[learningRateKey(id)]]] : [])),
  );
}

/** The engine's settings a link gives, under the same names (the table's); those it cannot give keep their value. */
const LINKED_HYPERPARAMETERS = keysIn('engine').filter((k) => (keysIn('url') as string[]).includes(k));

export function hyperparametersOf(s: UrlSettings): Hyperparameters {
  const params = Object.fromEntries(METHOD_PARAMS.map((p) => [p.key, s[p.key]])) as Record<ParamKey, number>; // keys: every parameter
  const linked = Object.fromEntries(LINKED_HYPERPARAMETERS.map((k) => [k, s[k as keyof UrlSettings]]));
  return { ...sharedHyperparameters(scenarioKeyOf(s)), ...params, ...linked };
}

export function pacingOf(s: UrlSettings): Pacing {
  return { stepsPerSecond: s.speed, epochsPerTask: s.epochs };
}

/** The keys of a changed object whose values differ (shallow, arrays compared by content). */
export function changedKeys<T extends object>(a: T, b: T): (keyof T)[] {
  return (Object.keys(a) as (keyof T)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
