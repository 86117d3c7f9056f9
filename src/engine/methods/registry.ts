/**
 * Every continual-learning method, one module each. The settings UI, the URL table, the CLI flags,
 * the colours, the README's method table and the 2D lab's method list all derive from this list;
 * adding a method is one module and one entry here. No module imports TensorFlow.js at run time.
 */

import type { ScenarioKey } from '../data/scenarios';
import { agem } from './agem';
import { ewc } from './ewc';
import { joint } from './joint';
import { l2 } from './l2';
import { lwf } from './lwf';
import { mas } from './mas';
import { replay } from './replay';
import { sgd } from './sgd';
import { si } from './si';
import type { ImportanceMeasure, MethodModule, MethodParam } from './types';

/** In the order the UI lists them and a link canonicalises them (Joint, the upper bound, last). */
export const METHODS = [sgd, l2, ewc, si, mas, lwf, agem, replay, joint] as const;

type AnyMethod = (typeof METHODS)[number];
export type MethodId = AnyMethod['id'];
/** Every method parameter's key (URL key and settings key), e.g. `lambdaEwc`. */
export type ParamKey = AnyMethod['params'][number]['key'];
/** Per-method learning rates' keys: `learningRateSgd`, `learningRateEwc`, …; 0 means the shared rate. */
export type LearningRateKey = `learningRate${Capitalize<MethodId>}`;

export const METHOD_IDS: readonly MethodId[] = METHODS.map((m) => m.id);

const byId = new Map<string, AnyMethod>(METHODS.map((m) => [m.id, m]));

export function methodModule(id: MethodId): MethodModule {
  return byId.get(id) as MethodModule;
}

const recordOf = <T>(value: (m: AnyMethod) => T) =>
  Object.fromEntries(METHODS.map((m) => [m.id, value(m)])) as Record<MethodId, T>; // keys: every id

export const METHOD_LABELS: Readonly<Record<MethodId, string>> = recordOf((m) => m.label);
export const METHOD_COLORS: Readonly<Record<MethodId, string>> = recordOf((m) => m.color);

export const learningRateKey = (id: MethodId) =>
  `learningRate${id.charAt(0).toUpperCase()}${id.slice(1)}` as LearningRateKey;

export type OwnedParam = MethodParam & { readonly key: ParamKey; readonly owner: MethodId };

/** Every method parameter, in registry order, with the method that reads it. */
export const METHOD_PARAMS: readonly OwnedParam[] = METHODS.flatMap((m) =>
  m.params.map((p: MethodParam) => ({ ...p, key: p.key as ParamKey, owner: m.id })),
);

/** Every declared importance measure, in registry order (what the ω-vs-Fisher panel offers). */
export const IMPORTANCE_MEASURES: readonly (ImportanceMeasure & { readonly owner: MethodId })[] =
  METHODS.flatMap((m) => m.measures.map((measure: ImportanceMeasure) => ({ ...measure, owner: m.id })));

/** Every method parameter at its recommended value for one scenario. */
export function recommendedParams(scenario: ScenarioKey): Record<ParamKey, number> {
  return Object.fromEntries(METHOD_PARAMS.map((p) => [p.key, p.recommended[scenario]])) as Record<
    ParamKey,
    number
  >; // keys: every parameter
}
