/** How the URL settings map onto the worker's run configuration, hyperparameters and pacing. */
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters } from '../engine/defaults';
import type { MethodId } from '../engine/methodIds';
import type { Pacing, RunConfig } from '../worker/protocol';
import type { UrlSettings } from './urlParams';

export function runConfigOf(s: UrlSettings): RunConfig {
  return {
    protocol: s.protocol,
    scenario: s.scenario,
    tasks: s.tasks,
    methods: [...s.methods],
    seed: s.seed,
    hidden: [...s.hidden],
  };
}

/** Learning rates that differ from the shared one, by method (a 0 in the settings means shared). */
export function learningRateOverridesOf(s: UrlSettings): Partial<Record<MethodId, number>> {
  const byMethod: Record<MethodId, number> = {
    sgd: s.lrSgd,
    l2: s.lrL2,
    ewc: s.lrEwc,
    si: s.lrSi,
    joint: s.lrJoint,
  };
  return Object.fromEntries(Object.entries(byMethod).filter(([, lr]) => lr > 0));
}

export function hyperparametersOf(s: UrlSettings): Hyperparameters {
  return {
    ...DEFAULT_HYPERPARAMETERS,
    learningRate: s.lr,
    batchSize: s.batch,
    c: s.c,
    xi: s.xi,
    lambdaL2: s.lambdaL2,
    lambdaEwc: s.lambdaEwc,
    fisher: s.fisher,
    fisherSamples: s.samples,
    ewcOnline: s.online,
    gamma: s.gamma,
  };
}

export function pacingOf(s: UrlSettings): Pacing {
  return { stepsPerSecond: s.speed, epochsPerTask: s.epochs };
}

/** The keys of a changed object whose values differ (shallow, arrays compared by content). */
export function changedKeys<T extends object>(a: T, b: T): (keyof T)[] {
  return (Object.keys(a) as (keyof T)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
