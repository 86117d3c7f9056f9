/**
 * Runs a continual-learning protocol headless with the engine the playground uses, and checks the
 * scenario's story (src/engine/stories.ts) on every seed, then counts each claim over the seeds:
 *   npm run experiment                      the first click: its scenario, schedule, SGD, L2, EWC, SI
 *   npm run experiment -- --seeds 0-19 --evidence   the benchmark, stored under docs/evidence/
 *   npm run experiment -- --seeds 0,1,2       the seeds as lanes of one run (--seeds-in-turn: one after another)
 *   npx tsx scripts/experiment.ts -- --protocol split-mnist --scenario class --methods sgd,ewc,joint
 * Exit code 1, with one line per broken claim, when a claim held on fewer than M − ⌊M/20⌋ of M seeds.
 */
import { relative } from 'node:path';

import { requiredSeeds, tallyClaim } from '../src/engine/claimSeeds';
import {
  type Claim,
  type ClaimOutcome,
  checkClaim,
  claimMethods,
  type MethodMatrix,
} from '../src/engine/claims';
import type { MnistData } from '../src/engine/data/mnistAsset';
import { type ScenarioSpec, scenarioKeyOf } from '../src/engine/data/scenarios';
import { type ExperimentResult, runExperiment, runSeeds } from '../src/engine/experiment';
import type { LaneSpec } from '../src/engine/laneSettings';
import { METHOD_LABELS, METHOD_PARAMS, type MethodId } from '../src/engine/methods/registry';
import { averageAccuracy } from '../src/engine/metrics';
import { SCENARIO_STORIES } from '../src/engine/stories';
import { formatStrength, laneLabel, laneStrength, sweepRows } from '../src/engine/sweep';
import { claimTableLines } from './claimTable';
import { runWithEvidence, type SeedRun } from './evidenceStore';
import { ArgumentError, type CliOptions, parseExperimentArgs, USAGE } from './experimentArgs';
import { readMnistPackage } from './mnist-asset-plugin';
import { selectNodeBackend } from './tfBackend';

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

function printTables(result: ExperimentResult, labels: readonly string[], lanes: readonly LaneSpec[]): void {
  const { spec, hyperparameters: hp } = result;
  const T = result.baseline.length;
  const header = Array.from({ length: T }, (_, j) => `T${j + 1}`.padStart(6)).join('');
  console.log(
    `${spec.protocol}${spec.scenario ? ` (${spec.scenario}-incremental)` : ''}, ${T} tasks, ${result.epochs} epochs ` +
      `(${result.stepsPerTask.join('/')} steps), seed ${result.seed}, hidden ${result.hidden.join(',')}, ` +
      `${hp.optimizer} lr ${hp.learningRate}, batch ${hp.batchSize}`,
  );
  // The parameters of the methods run, e.g. "c 0.5, ξ 0.001, λ(EWC) 100" (a shared symbol names its method).
  // A sweep's lanes fix its strength each: the run's value of it is not what they trained with.
  const swept = new Set(lanes.flatMap((l) => Object.keys(l.params ?? {})));
  const ran = METHOD_PARAMS.filter(
    (p) => result.methods.some((m) => m.method === p.owner) && !swept.has(p.key),
  );
  const params = ran.map((p) => {
    const shared = METHOD_PARAMS.filter((q) => q.symbol === p.symbol).length > 1;
    return `${p.symbol}${shared ? `(${METHOD_LABELS[p.owner]})` : ''} ${hp[p.key]}`;
  });
  console.log(
    [
      ...params,
      `Fisher ${hp.fisher} ×${hp.fisherSamples}${hp.ewcOnline ? `, online γ ${hp.gamma}` : ''}`,
    ].join(', '),
  );
  console.log(`untrained network  ${result.baseline.map(pct).join('')}\n`);
  for (const [i, m] of result.methods.entries()) {
    console.log(`${labels[i]}: accuracy (%) on each task after training task i`);
    console.log(`        ${header}`);
    m.accuracy.forEach((row, i) => {
      console.log(`  T${String(i + 1).padEnd(4)}${row.map(pct).join('')}`);
    });
    const checks = m.tasks.map((t) => `${t.sumOmega.toFixed(2)}/${t.lossDrop.toFixed(2)}`).join(' ');
    console.log(`  Σω / loss drop per task: ${checks}\n`);
  }
  const w = Math.max(7, ...labels.map((l) => l.length));
  console.log(`${'method'.padEnd(w)}  avg acc    BWT     FWT`);
  for (const [i, m] of result.methods.entries()) {
    console.log(
      `${labels[i].padEnd(w)} ${pct(m.averageAccuracy)}  ${signed(m.bwt).padStart(6)}  ${signed(m.fwt).padStart(6)}`,
    );
  }
  console.log(`\n(${result.seconds.toFixed(0)} s)`);
}

/** The scenario's claims whose methods all ran. */
function storyClaims(spec: ScenarioSpec, methods: readonly MethodId[]): Claim[] {
  return SCENARIO_STORIES[scenarioKeyOf(spec)].claims.filter((c) =>
    claimMethods(c).every((m) => methods.includes(m)),
  );
}

function printStory(seed: number, outcomes: readonly ClaimOutcome[]): void {
  const held = outcomes.filter((o) => o.holds).length;
  console.log(`\nstory, seed ${seed}: ${held} of ${outcomes.length} claims hold`);
  for (const o of outcomes) console.log(`  ${o.holds ? 'ok  ' : 'FAIL'} ${o.line}`);
}

/** A sweep's table (src/engine/sweep.ts): per strength, the final accuracy on task 1, the last task and on average. */
function printSweep(seed: number, matrices: readonly MethodMatrix[], lanes: readonly LaneSpec[]): void {
  const last = matrices.map((m) => m.accuracy[m.accuracy.length - 1]);
  const rows = sweepRows(lanes.map(laneStrength), last, last[0].length - 1);
  console.log(`\nsweep, seed ${seed}: strength   task 1   newest  average`);
  for (const r of rows)
    console.log(
      `  ${formatStrength(r.strength).padStart(18)} ${pct(r.first)}   ${pct(r.newest)}   ${pct(r.average)}`,
    );
}

/** Several seeds: average accuracy and the drop on task 1 of each method, seed by seed. */
function printSeedSummary(results: readonly SeedRun[], labels: readonly string[]): void {
  const seeds = results.map((r) => `seed ${r.seed}`.padStart(13)).join('');
  console.log(`\n${'avg / T1 drop'.padEnd(13)}${seeds}`);
  labels.forEach((label, i) => {
    const cells = results.map((r) => {
      const R = r.matrices[i].accuracy;
      const drop = 100 * (R[0][0] - R[R.length - 1][0]);
      return `${(100 * averageAccuracy(R)).toFixed(1)} / ${drop.toFixed(1)}`.padStart(13);
    });
    console.log(`${label.padEnd(13)}${cells.join('')}`);
  });
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseExperimentArgs>;
  try {
    parsed = parseExperimentArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ArgumentError) {
      console.error(`experiment: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const backend = await selectNodeBackend();
  const progress = (task: number, seconds: number) =>
    console.error(`task ${task + 1} done (${seconds.toFixed(0)} s)`);
  if (!parsed.json) console.error(`backend: ${backend}`);
  const data = readMnistPackage();
  const { lanes, methods } = parsed.experiment;
  const labels = (lanes ?? methods.map((method) => ({ method }))).map(laneLabel);
  // A sweep's lanes share one method: the scenario's claims about methods do not apply to them.
  const claims = lanes ? [] : storyClaims(parsed.experiment.spec, methods);
  const results: SeedRun[] = [];
  const broken: string[] = [];
  for await (const run of seedRuns(data, parsed, parsed.json ? undefined : progress)) {
    const outcomes = claims.map((c) => checkClaim(c, run.matrices));
    results.push(run);
    broken.push(...outcomes.filter((o) => !o.holds).map((o) => `seed ${run.seed}: ${o.line}`));
    const { fresh } = run;
    if (parsed.json) console.log(JSON.stringify({ backend, ...(fresh ?? run), story: outcomes }));
    else {
      // With --evidence a seed may train only the methods it lacks.
      if (fresh) printTables(fresh, lanes ? labels : fresh.methods.map(laneLabel), lanes ?? []);
      else console.log(`seed ${run.seed}: read from ${relative(process.cwd(), run.path ?? '')}`);
      if (lanes) printSweep(run.seed, run.matrices, lanes);
      else printStory(run.seed, outcomes);
    }
  }
  if (!parsed.json && results.length > 1) printSeedSummary(results, labels);
  const M = results.length;
  const tallies = claims.map((c) =>
    tallyClaim(
      c,
      results.map((r) => r.matrices),
    ),
  );
  if (parsed.json) console.log(JSON.stringify({ seeds: M, required: requiredSeeds(M), claims: tallies }));
  else if (tallies.length > 0) console.log(`\n${claimTableLines(tallies, M).join('\n')}`);
  const short = tallies.filter((t) => !t.holds);
  if (short.length === 0) return 0;
  // Why the exit code is 1, on stderr: the claims short of the count, and each seed's broken claims.
  console.error(
    `\nThe story does not hold: ${short.length} claim${short.length > 1 ? 's' : ''} held on fewer than ${requiredSeeds(M)} of ${M} seeds (${broken.length} broken on single seeds):`,
  );
  for (const line of broken) console.error(line);
  return 1;
}

/**
 * Every seed's run, in order: trained here, or with --evidence read from docs/evidence/ where
 * stored (and what is trained stored there).
 */
async function* seedRuns(
  data: MnistData,
  parsed: CliOptions,
  progress: ((task: number, seconds: number) => void) | undefined,
): AsyncGenerator<SeedRun & { path?: string }> {
  if (parsed.evidence) {
    yield* runWithEvidence(data, parsed.experiment, parsed.seeds, progress);
    return;
  }
  // Each seed's numbers are the same either way: as lanes of one run they share its steps. (With
  // --evidence the seeds run one at a time, so each is stored as soon as it is done.)
  const asLanes = parsed.seedsInTurn ? null : await runSeeds(data, parsed.experiment, parsed.seeds, progress);
  for (const [k, seed] of parsed.seeds.entries()) {
    const fresh = asLanes?.[k] ?? (await runExperiment(data, { ...parsed.experiment, seed }, progress));
    yield { seed, fresh, matrices: fresh.methods };
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`experiment: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
