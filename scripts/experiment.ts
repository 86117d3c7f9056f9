/**
 * Runs a continual-learning protocol headless with the engine the playground uses:
 *   npx tsx scripts/experiment.ts -- --protocol permuted-mnist --tasks 5 --methods sgd,l2,ewc,si --epochs 3 --seed 0
 */
import { type ExperimentResult, runExperiment } from '../src/engine/experiment';
import { METHOD_LABELS, METHOD_PARAMS } from '../src/engine/methods/registry';
import { ArgumentError, parseExperimentArgs, USAGE } from './experimentArgs';
import { readMnistPackage } from './mnist-asset-plugin';
import { selectNodeBackend } from './tfBackend';

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

function printTables(result: ExperimentResult): void {
  const { spec, hyperparameters: hp } = result;
  const T = result.baseline.length;
  const header = Array.from({ length: T }, (_, j) => `T${j + 1}`.padStart(6)).join('');
  console.log(
    `${spec.protocol}${spec.scenario ? ` (${spec.scenario}-incremental)` : ''}, ${T} tasks, ${result.epochs} epochs ` +
      `(${result.stepsPerTask.join('/')} steps), seed ${result.seed}, hidden ${result.hidden.join(',')}, ` +
      `${hp.optimizer} lr ${hp.learningRate}, batch ${hp.batchSize}`,
  );
  // The parameters of the methods run, e.g. "c 0.5, ξ 0.001, λ(EWC) 100" (a shared symbol names its method).
  const params = METHOD_PARAMS.filter((p) => result.methods.some((m) => m.method === p.owner)).map((p) => {
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
  for (const m of result.methods) {
    console.log(`${METHOD_LABELS[m.method]}: accuracy (%) on each task after training task i`);
    console.log(`        ${header}`);
    m.accuracy.forEach((row, i) => {
      console.log(`  T${String(i + 1).padEnd(4)}${row.map(pct).join('')}`);
    });
    const checks = m.tasks.map((t) => `${t.sumOmega.toFixed(2)}/${t.lossDrop.toFixed(2)}`).join(' ');
    console.log(`  Σω / loss drop per task: ${checks}\n`);
  }
  console.log('method   avg acc    BWT     FWT');
  for (const m of result.methods) {
    console.log(
      `${METHOD_LABELS[m.method].padEnd(7)} ${pct(m.averageAccuracy)}  ${signed(m.bwt).padStart(6)}  ${signed(m.fwt).padStart(6)}`,
    );
  }
  console.log(`\n(${result.seconds.toFixed(0)} s)`);
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
  const result = await runExperiment(
    readMnistPackage(),
    parsed.experiment,
    parsed.json ? undefined : progress,
  );
  if (parsed.json) console.log(JSON.stringify({ backend, ...result }));
  else printTables(result);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`experiment: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
