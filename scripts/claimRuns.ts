/**
 * Every run whose claims the benchmark counts over seeds (issue 21): each network lesson scene's
 * run (src/lesson/sceneRuns.ts) and each scenario story's run at its recommended settings with the
 * methods its claims name (src/engine/stories.ts), as `npm run experiment` would run it. Shared by
 * `npm run evidence` and the claims test, so both look up the same evidence.
 */

import {
  BENCHMARK_SEEDS,
  describeSpread,
  requiredSeeds,
  type SeedTally,
  tallyClaim,
  tallySweepClaim,
} from '../src/engine/claimSeeds';
import { type Claim, claimMethods } from '../src/engine/claims';
import { SCENARIO_KEYS, type ScenarioKey } from '../src/engine/data/scenarios';
import { type Evidence, seedMatrices } from '../src/engine/evidence';
import type { ExperimentOptions } from '../src/engine/experiment';
import { METHOD_IDS } from '../src/engine/methods/registry';
import { SCENARIO_STORIES } from '../src/engine/stories';
import { type SweepClaim, sweepResultOf } from '../src/engine/sweepClaims';
import type { ClaimCounts } from '../src/lesson/claimCounts';
import { sceneRuns } from '../src/lesson/sceneRuns';
import { SCENES } from '../src/lesson/scenes';
import { parseExperimentArgs } from './experimentArgs';

/** Claims stated by one scene or one scenario line. */
export interface ClaimGroup {
  readonly kind: 'scenes' | 'scenarios';
  /** The scene's id or the scenario's key. */
  readonly id: string;
  readonly claims: readonly Claim[];
  readonly sweepClaims: readonly SweepClaim[];
}

export interface ClaimRun {
  /** In words, for messages: "scene 6 (ewc), 7 (si)" or "scenario permuted-4". */
  readonly name: string;
  /** What `--only` takes for it: any of its scenes' ids, or its scenario key. */
  readonly only: readonly string[];
  readonly options: ExperimentOptions;
  readonly groups: readonly ClaimGroup[];
}

/** A scenario story's run, parsed as the command line parses `--protocol … --methods …`. */
function storyOptions(key: ScenarioKey): ExperimentOptions {
  const claimed = new Set(SCENARIO_STORIES[key].claims.flatMap(claimMethods));
  const [protocol, rest] = key.split('-');
  const args =
    protocol === 'permuted'
      ? ['--protocol', 'permuted-mnist', '--tasks', rest]
      : ['--protocol', 'split-mnist', '--scenario', rest];
  const parsed = parseExperimentArgs([
    ...args,
    '--methods',
    METHOD_IDS.filter((m) => claimed.has(m)).join(','),
  ]);
  if (parsed === 'help') throw new Error('unreachable: no --help given');
  return parsed.experiment;
}

export function claimRuns(): ClaimRun[] {
  const scenes: ClaimRun[] = sceneRuns(SCENES).map((run) => ({
    name: `scene ${run.scenes.map((s) => `${s.n} (${s.id})`).join(', ')}`,
    only: run.scenes.map((s) => s.id),
    options: run.options,
    groups: run.scenes.map((s) => ({
      kind: 'scenes',
      id: s.id,
      claims: s.claims,
      sweepClaims: s.sweepClaims,
    })),
  }));
  const stories: ClaimRun[] = SCENARIO_KEYS.map((key) => ({
    name: `scenario ${key}`,
    only: [key],
    options: storyOptions(key),
    groups: [{ kind: 'scenarios', id: key, claims: SCENARIO_STORIES[key].claims, sweepClaims: [] }],
  }));
  return [...scenes, ...stories];
}

/** The command that stores a run's evidence on the benchmark's seeds. */
export const evidenceCommand = (run: ClaimRun) =>
  `npm run evidence -- --seeds 0-${BENCHMARK_SEEDS.length - 1} --only ${run.only[0]}`;

/** Of these seeds (the benchmark's unless given), those the evidence holds every lane of, in order. */
export function completeSeeds(run: ClaimRun, evidence: Evidence, seeds = BENCHMARK_SEEDS): number[] {
  return seeds.filter((seed) => seedMatrices(evidence, seed, run.options) !== null);
}

/** Every claim of a run's groups counted over the given seeds of its evidence. */
export function runTallies(
  run: ClaimRun,
  evidence: Evidence,
  seeds: readonly number[],
): { group: ClaimGroup; tallies: SeedTally[] }[] {
  const perSeed = seeds.map((seed) => seedMatrices(evidence, seed, run.options)!);
  const { spec, lanes } = run.options;
  const sweeps = perSeed.flatMap((m) => sweepResultOf(spec, lanes, m) ?? []);
  return run.groups.map((group) => ({
    group,
    tallies: [
      ...group.claims.map((c) => tallyClaim(c, perSeed)),
      ...group.sweepClaims.map((c) => tallySweepClaim(c, sweeps)),
    ],
  }));
}

/** The counts file's entries of these runs: per group, per claim text, held of seeds. */
export function countsOf(results: ReturnType<typeof runTallies>): ClaimCounts {
  const part = (kind: ClaimGroup['kind']) =>
    Object.fromEntries(
      results
        .filter((r) => r.group.kind === kind)
        .map(({ group, tallies }) => [
          group.id,
          Object.fromEntries(tallies.map((t) => [t.line, { held: t.held, seeds: t.seeds }])),
        ]),
    );
  return { scenes: part('scenes'), scenarios: part('scenarios') };
}

/**
 * The claims test's verdict on one run: skipped (with the command that stores what is missing)
 * when the evidence lacks any of the benchmark's seeds at the run's current options; otherwise
 * every claim short of M − ⌊M/20⌋ seeds, and every count the counts file gets wrong.
 */
export function evidenceVerdict(
  run: ClaimRun,
  evidence: Evidence | null,
  counts: ClaimCounts,
): { skip: string } | { problems: string[] } {
  const M = BENCHMARK_SEEDS.length;
  const seeds = evidence ? completeSeeds(run, evidence) : [];
  if (!evidence || seeds.length < M)
    return {
      skip: `${run.name}: ${evidence ? `only ${seeds.length} of seeds 0–${M - 1} stored` : 'no evidence'} at its current settings; run ${evidenceCommand(run)}`,
    };
  return {
    problems: runTallies(run, evidence, seeds).flatMap(({ group, tallies }) => {
      const stored = Object.hasOwn(counts[group.kind], group.id) ? counts[group.kind][group.id] : {};
      return tallies.flatMap((t) => {
        const where = `${group.kind === 'scenes' ? 'scene' : 'scenario'} ${group.id}: ${t.line}`;
        const count = Object.hasOwn(stored, t.line) ? stored[t.line] : undefined;
        return [
          ...(t.holds
            ? []
            : [
                `${where}: held on ${t.held} of ${t.seeds} seeds, needs ${requiredSeeds(t.seeds)} (spread ${describeSpread(t.spread)})`,
              ]),
          ...(count?.held === t.held && count.seeds === t.seeds
            ? []
            : [
                `${where}: the counts file says ${count ? `${count.held}/${count.seeds}` : 'nothing'}, the evidence ${t.held}/${t.seeds}; run ${evidenceCommand(run)}`,
              ]),
        ];
      });
    }),
  };
}
