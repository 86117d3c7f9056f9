/**
 * The network scenes' runs as headless experiments (src/engine/experiment.ts): the same scenario,
 * network, schedule, strengths and seed as the scene sets in the page. Scenes that differ only in
 * their methods share one run with every method they need (the learners of a lockstep run do not
 * interact, so each method's numbers are those of a run of its own). A scene that trains seeds as
 * lanes (`seedLanes`) runs here as its base run, one seed: its claims mean "on every seed"
 * (src/engine/claimSeeds.ts), and the seeds are the benchmark's (scripts/claimRuns.ts), each a run.
 */
import type { Claim } from '../engine/claims';
import type { ExperimentOptions } from '../engine/experiment';
import { METHOD_IDS } from '../engine/methods/registry';
import { DEFAULT_SEED_LANES } from '../engine/seedLanes';
import type { SweepClaim } from '../engine/sweepClaims';
import { hyperparametersOf, runConfigOf } from '../store/runConfig';
import { URL_DEFAULTS, type UrlSettings } from '../store/urlParams';
import { sceneSettings } from './applyScene';
import type { Scene } from './sceneTypes';

export interface SceneRun {
  /** The scenes (1-based numbers and ids) whose claims this run checks. */
  readonly scenes: readonly {
    readonly n: number;
    readonly id: string;
    readonly claims: readonly Claim[];
    readonly sweepClaims: readonly SweepClaim[];
  }[];
  readonly options: ExperimentOptions;
}

function optionsOf(s: UrlSettings): ExperimentOptions {
  // A sweep's lanes replace its methods, as in the page (src/store/runConfig.ts).
  const { methods, lanes } = runConfigOf(s);
  return {
    spec:
      s.protocol === 'permuted-mnist'
        ? { protocol: s.protocol, tasks: s.tasks }
        : { protocol: s.protocol, scenario: s.scenario },
    methods,
    lanes,
    seed: s.seed,
    hidden: s.hidden,
    epochs: s.epochs,
    hyperparameters: hyperparametersOf(s),
  };
}

export function sceneRuns(scenes: readonly Scene[]): SceneRun[] {
  const runs = new Map<string, { scenes: SceneRun['scenes'][number][]; options: ExperimentOptions }>();
  scenes.forEach((scene, i) => {
    if (scene.view !== 'network') return;
    const settings = { ...URL_DEFAULTS, ...sceneSettings(scene, new Set()) };
    const options = optionsOf({ ...settings, seedLanes: DEFAULT_SEED_LANES });
    const key = JSON.stringify({ ...options, methods: [] });
    const run = runs.get(key) ?? { scenes: [], options: { ...options, methods: [] } };
    const methods = new Set([...run.options.methods, ...options.methods]);
    // A sweep's lanes (one method, repeated) stay as they are; other runs gather their scenes' methods.
    run.options = {
      ...run.options,
      methods: options.lanes ? options.methods : METHOD_IDS.filter((m) => methods.has(m)),
    };
    run.scenes.push({
      n: i + 1,
      id: scene.id,
      claims: scene.claims ?? [],
      sweepClaims: scene.sweepClaims ?? [],
    });
    runs.set(key, run);
  });
  return [...runs.values()];
}
