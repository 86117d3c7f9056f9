/**
 * Runs a continual-learning protocol headless with the engine the playground uses, and checks the
 * scenario's story (src/engine/stories.ts) on every seed:
 *   npm run experiment                      the first click: its scenario, schedule, SGD, L2, EWC, SI
 *   npm run experiment -- --seeds 0,1,2       the seeds as lanes of one run (--seeds-in-turn: one after another)
 *   npx tsx scripts/experiment.ts -- --protocol split-mnist --scenario class --methods sgd,ewc,joint
 * Exit code 1, with one line per broken claim, when the story does not hold.
 */
import { type ClaimOutcome, checkClaims } from '../src/engine/claims';
import { scenarioKeyOf } from '../src/engine/data/scenarios';
import { type ExperimentResult, runExperiment, runSeeds } from '../src/engine/experiment';
import type { LaneSpec } from '../src/engine/laneSettings';
import { METHOD_LABELS, METHOD_PARAMS } from '../src/engine/methods/registry';
import { SCENARIO_STORIES } from '../src/engine/stories';
import { formatStrength, laneLabel, laneStrength, sweepRows } from '../src/engine/sweep';
import { ArgumentError, parseExperimentArgs, USAGE } from './experimentArgs';
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

/** The scenario's claims whose methods ran, checked on this result. */
function story(result: ExperimentResult): ClaimOutcome[] {
  return checkClaims(SCENARIO_STORIES[scenarioKeyOf(result.spec)].claims, result.methods);
}

function printStory(result: ExperimentResult, outcomes: readonly ClaimOutcome[]): void {
  const held = outcomes.filter((o) => o.holds).length;
  console.log(`\nstory, seed ${result.seed}: ${held} of ${outcomes.length} claims hold`);
  for (const o of outcomes) console.log(`  ${o.holds ? 'ok  ' : 'FAIL'} ${o.line}`);
}

/** Several seeds: average accuracy and the drop on task 1 of each method, seed by seed. */
/** A sweep's table (src/engine/sweep.ts): per strength, the final accuracy on task 1, the last task and on average. */
function printSweep(result: ExperimentResult, lanes: readonly LaneSpec[]): void {
  const last = result.methods.map((m) => m.accuracy[m.accuracy.length - 1]);
  const rows = sweepRows(lanes.map(laneStrength), last, last[0].length - 1);
  console.log(`\nsweep, seed ${result.seed}: strength   task 1   newest  average`);
  for (const r of rows)
    console.log(
      `  ${formatStrength(r.strength).padStart(18)} ${pct(r.first)}   ${pct(r.newest)}   ${pct(r.average)}`,
    );
}

function printSeedSummary(results: readonly ExperimentResult[], labels: readonly string[]): void {
  const seeds = results.map((r) => `seed ${r.seed}`.padStart(13)).join('');
  console.log(`\n${'avg / T1 drop'.padEnd(13)}${seeds}`);
  labels.forEach((label, i) => {
    const cells = results.map((r) => {
      const R = r.methods[i].accuracy;
      const drop = 100 * (R[0][0] - R[R.length - 1][0]);
      return `${(100 * r.methods[i].averageAccuracy).toFixed(1)} / ${drop.toFixed(1)}`.padStart(13);
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
  const results: ExperimentResult[] = [];
  const broken: string[] = [];
  const onTaskDone = parsed.json ? undefined : progress;
  // Each seed's numbers are the same either way: as lanes of one run they share its steps.
  const asLanes = parsed.seedsInTurn
    ? null
    : await runSeeds(data, parsed.experiment, parsed.seeds, onTaskDone);
  for (const [k, seed] of parsed.seeds.entries()) {
    const result = asLanes?.[k] ?? (await runExperiment(data, { ...parsed.experiment, seed }, onTaskDone));
    // A sweep's lanes share one method: the scenario's claims about methods do not apply to them.
    const outcomes = lanes ? [] : story(result);
    results.push(result);
    broken.push(...outcomes.filter((o) => !o.holds).map((o) => `seed ${seed}: ${o.line}`));
    if (parsed.json) console.log(JSON.stringify({ backend, ...result, story: outcomes }));
    else {
      printTables(result, labels, lanes ?? []);
      if (lanes) printSweep(result, lanes);
      else printStory(result, outcomes);
    }
  }
  if (!parsed.json && results.length > 1) printSeedSummary(results, labels);
  if (broken.length === 0) return 0;
  // One line per broken claim, on stderr, so a script sees why the exit code is 1.
  console.error(`\nThe story does not hold (${broken.length} broken claim${broken.length > 1 ? 's' : ''}):`);
  for (const line of broken) console.error(line);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`experiment: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
