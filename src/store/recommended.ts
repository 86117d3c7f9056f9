/**
 * The settings a scenario recommends (src/engine/defaults.ts `recommendedSettings`: its network,
 * schedule and learning rate from the settings table, every method parameter from its module). A
 * value equal to the scenario's recommendation follows the scenario when it changes and is left
 * out of the link; any other value is the user's (or the link's) and stays, in the settings and in
 * the link.
 */
import { scenarioKeyOf } from '../engine/data/scenarios';
import {
  type Recommended,
  type RecommendedKey,
  recommendedSettings as recommendedIn,
} from '../engine/defaults';
import { METHOD_PARAMS } from '../engine/methods/registry';
import { RECOMMENDED_SETTING_KEYS } from '../engine/settingsTable';
import type { ScenarioOf, UrlSettings } from './urlParams';

export const RECOMMENDED_KEYS: readonly RecommendedKey[] = [
  ...RECOMMENDED_SETTING_KEYS,
  ...METHOD_PARAMS.map((p) => p.key),
];

export const recommendedSettings = (s: ScenarioOf): Recommended => recommendedIn(scenarioKeyOf(s));

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const isRecommendedKey = (key: string): key is RecommendedKey =>
  (RECOMMENDED_KEYS as readonly string[]).includes(key);

/**
 * What else changes with `patch`: when it changes the scenario, every recommended setting that
 * the patch leaves alone and that was at the old scenario's recommendation moves to the new one's.
 */
export function followScenario(before: UrlSettings, patch: Partial<UrlSettings>): Partial<Recommended> {
  const after = { ...before, ...patch };
  if (scenarioKeyOf(after) === scenarioKeyOf(before)) return {};
  const was = recommendedSettings(before);
  const now = recommendedSettings(after);
  return Object.fromEntries(
    RECOMMENDED_KEYS.filter((k) => !Object.hasOwn(patch, k) && same(before[k], was[k])).map((k) => [
      k,
      now[k],
    ]),
  );
}
