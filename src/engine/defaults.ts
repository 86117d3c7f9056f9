/**
 * The engine's default settings: the CLI, the worker and the UI import these. The shared settings
 * (learning rate, batch size, network, schedule…) are declared in src/engine/settingsTable.ts;
 * each method's own parameters (c, ξ, λ…) in its module under src/engine/methods/; the evidence
 * for the recommended values is in docs/defaults.md.
 */

import type { ScenarioKey, ScenarioSpec } from './data/scenarios';
import { type ParamKey, recommendedParams } from './methods/registry';
import {
  RECOMMENDED_SETTING_KEYS,
  type RecommendedSettingKey,
  SETTINGS,
  type SettingValues,
  type SharedHyperparameters,
  settingValues,
  sharedHyperparameters,
} from './settingsTable';

// Their home is the table; re-exported so the engine's many importers keep one import line.
export type { FisherEstimator, OptimizerKind, SharedHyperparameters } from './settingsTable';

/** The shared settings plus every method's parameters (c, ξ, λ…, declared in each method's module). */
export type Hyperparameters = SharedHyperparameters & Record<ParamKey, number>;

/** What a scenario recommends: its network, schedule and learning rate, and every method's parameters. */
export type RecommendedKey = RecommendedSettingKey | ParamKey;
export type Recommended = SettingValues<RecommendedSettingKey> & Record<ParamKey, number>;

/**
 * The settings a scenario is tuned for: the sweeps in docs/defaults.md chose them together, so a
 * scenario's story shows with them.
 */
export function recommendedSettings(scenario: ScenarioKey): Recommended {
  return { ...settingValues(RECOMMENDED_SETTING_KEYS, scenario), ...recommendedParams(scenario) };
}

/** The shared defaults with the scenario's learning rate and every method parameter at its recommended value. */
export function recommendedHyperparameters(scenario: ScenarioKey): Hyperparameters {
  return { ...sharedHyperparameters(scenario), ...recommendedParams(scenario) };
}

/** The first click: the scenario the app opens with and `npm run experiment` runs with no arguments. */
export const FIRST_CLICK: Readonly<ScenarioSpec> = {
  protocol: SETTINGS.protocol.default,
  tasks: SETTINGS.tasks.default,
};

/** The headless default (the first click's scenario). */
export const DEFAULT_HYPERPARAMETERS: Readonly<Hyperparameters> = recommendedHyperparameters('permuted-4');

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;

/** The network when a scenario recommends none (tests, the benchmark). */
export const DEFAULT_HIDDEN = [256, 256] as const;
/** Evaluate on the fixed evaluation subset every K steps. */
export const DEFAULT_EVAL_EVERY = 50;
/** Test examples per task in the fixed evaluation subset (the forgetting curves). */
export const DEFAULT_EVAL_SUBSET = 256;
/** Training examples per task on which L(start) and L(end) are measured. */
export const LOSS_PROBE_SIZE = 1000;
