/**
 * The settings a scenario recommends: its network, schedule and learning rate
 * (src/engine/defaults.ts) and every method parameter (src/engine/methods/). A value equal to the
 * scenario's recommendation follows the scenario when it changes and is left out of the link; any
 * other value is the user's (or the link's) and stays, in the settings and in the link.
 */
import { scenarioKeyOf } from '../engine/data/scenarios';
import { RECOMMENDED_SCHEDULE } from '../engine/defaults';
import { METHOD_PARAMS, type ParamKey, recommendedParams } from '../engine/methods/registry';
import type { UrlSettings } from './urlParams';

export type RecommendedKey = 'hidden' | 'epochs' | 'lr' | ParamKey;
export type Recommended = Pick<UrlSettings, RecommendedKey>;
/** What picks the scenario: the protocol, the split setting and (permuted MNIST) the task count. */
export type ScenarioOf = Pick<UrlSettings, 'protocol' | 'scenario'> & Partial<Pick<UrlSettings, 'tasks'>>;

export const RECOMMENDED_KEYS: readonly RecommendedKey[] = [
  'hidden',
  'epochs',
  'lr',
  ...METHOD_PARAMS.map((p) => p.key),
];

export function recommendedSettings(s: ScenarioOf): Recommended {
  const key = scenarioKeyOf(s);
  const { hidden, epochs, learningRate } = RECOMMENDED_SCHEDULE[key];
  return { hidden: [...hidden], epochs, lr: learningRate, ...recommendedParams(key) };
}

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
