/**
 * Sweeps the headless experiment over grids of settings and several seeds, one method per run: the
 * learners of a lockstep run do not interact, so one SGD run per seed serves every row. Prints one
 * table per shared setting; every finished run is appended to a JSON-lines file, so an interrupted
 * sweep resumes where it stopped and a finished one reprints its tables at once.
 *
 *   npx tsx scripts/sweep.ts -- --protocol permuted-mnist --tasks 3 --epochs 1 --seeds 0,1,2 \
 *     --vary 'hidden=100,100|256,256' --vary lr=0.001,0.003 \
 *     --grid ewc:lambda-ewc=10,100,1000 --grid 'si:c=0.1,1;xi=0.001,0.1' --grid l2:lambda-l2=0.01,0.1 \
 *     --story --out bench/results/sweeps/permuted-3.jsonl
 *
 * --grid METHOD:FLAG=V,V;FLAG=V,V  a method and the CLI flags it is swept over (every combination)
 * --vary FLAG=V,V                  a flag every method shares (SGD too); each value gets its own table
 *                                  (lists split on '|' where one is given, and `hidden` always does)
 * --seeds 0,1,2  --out FILE  --story (the first-click checks per row)  --per-seed (a row per seed)
 * --prefixes 2,3,4                 also the tables of every run's first 2, 3, 4 tasks (see `row`)
 * Every other flag goes to scripts/experiment.ts's parser unchanged (--methods adds unswept methods).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type ExperimentOptions, runExperiment } from '../src/engine/experiment';
import { METHOD_IDS, METHOD_LABELS, type MethodId } from '../src/engine/methodIds';
import { averageAccuracy, backwardTransfer } from '../src/engine/metrics';
import { ArgumentError, parseExperimentArgs } from './experimentArgs';
import { readMnistPackage } from './mnist-asset-plugin';
import { selectNodeBackend } from './tfBackend';

/** What the first click must show (issue 11), in accuracy points. */
const STORY = { sgdForgets: 15, keeps: 3, learnsWithin: 3, l2Rigid: 5 } as const;

/** A list of CLI arguments, e.g. ['--c', '0.1', '--xi', '0.001']. */
type Args = string[];

interface Grid {
  method: MethodId;
  points: Args[];
}

interface SweepOptions {
  base: Args;
  baseMethods: MethodId[];
  seeds: number[];
  shared: Args[];
  grids: Grid[];
  out: string;
  story: boolean;
  perSeed: boolean;
  /** Also the tables of each run's first K tasks (permuted MNIST). */
  prefixes: number[];
}

interface RunRecord {
  key: string;
  method: MethodId;
  seed: number;
  /** Accuracy matrix R[i][j] on the full test sets, in [0, 1]. */
  accuracy: number[][];
  stepsPerTask: number[];
  seconds: number;
}

const usage = () => readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0];

/** "FLAG=V,V;FLAG=V" → every combination, as argument lists. */
function expand(spec: string, what: string): Args[] {
  let combos: Args[] = [[]];
  for (const part of spec.split(';').filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 1) throw new ArgumentError(`${what} "${spec}": write FLAG=V,V (got "${part}").`);
    const flag = part.slice(0, eq).trim().replace(/^--/, '');
    const raw = part.slice(eq + 1);
    const values = raw.includes('|') || flag === 'hidden' ? raw.split('|') : raw.split(',');
    combos = combos.flatMap((c) => values.map((v) => [...c, `--${flag}`, v.trim()]));
  }
  return combos;
}

const methodId = (raw: string): MethodId => {
  const id = METHOD_IDS.find((m) => m === raw.trim());
  if (!id) throw new ArgumentError(`Unknown method "${raw}" (one of ${METHOD_IDS.join(', ')}).`);
  return id;
};

function parseSweepArgs(argv: readonly string[]): SweepOptions | 'help' {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const o: SweepOptions = {
    base: [],
    baseMethods: ['sgd'],
    seeds: [0],
    shared: [[]],
    grids: [],
    out: 'bench/results/sweeps/sweep.jsonl',
    story: false,
    perSeed: false,
    prefixes: [],
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new ArgumentError(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--help') return 'help';
    else if (flag === '--story') o.story = true;
    else if (flag === '--per-seed') o.perSeed = true;
    else if (flag === '--out') o.out = value();
    else if (flag === '--prefixes') o.prefixes = value().split(',').map(Number);
    else if (flag === '--seeds') o.seeds = value().split(',').map(Number);
    else if (flag === '--seed') throw new ArgumentError('Use --seeds (a list) in a sweep.');
    else if (flag === '--methods') o.baseMethods = value().split(',').map(methodId);
    else if (flag === '--vary') {
      const more = expand(value(), '--vary');
      o.shared = o.shared.flatMap((s) => more.map((m) => [...s, ...m]));
    } else if (flag === '--grid') {
      const v = value();
      const colon = v.indexOf(':');
      if (colon < 1) throw new ArgumentError(`--grid "${v}": write METHOD:FLAG=V,V;FLAG=V.`);
      o.grids.push({ method: methodId(v.slice(0, colon)), points: expand(v.slice(colon + 1), '--grid') });
    } else {
      o.base.push(args[i]);
      // A flag's value travels with it (flags without one are the CLI's switches).
      if (inline === undefined && args[i + 1] !== undefined && !args[i + 1].startsWith('--')) {
        o.base.push(args[++i]);
      }
    }
  }
  if (o.seeds.some((s) => !Number.isInteger(s) || s < 0))
    throw new ArgumentError('--seeds takes whole numbers ≥ 0, e.g. 0,1,2.');
  if (!o.baseMethods.includes('sgd')) o.baseMethods.unshift('sgd');
  return o;
}

/** The options of one run, through the CLI's own parser (it rejects a flag the method ignores). */
function options(o: SweepOptions, shared: Args, method: MethodId, point: Args, seed: number) {
  const parsed = parseExperimentArgs([
    ...o.base,
    ...shared,
    ...point,
    '--methods',
    method,
    '--seed',
    String(seed),
  ]);
  if (parsed === 'help') throw new ArgumentError('--help is not a sweep setting.');
  return parsed.experiment;
}

const keyOf = (e: ExperimentOptions) =>
  JSON.stringify([e.spec, e.methods, e.epochs, e.seed, e.hidden, e.hyperparameters]);

function loadRecords(path: string): Map<string, RunRecord> {
  const records = new Map<string, RunRecord>();
  if (!existsSync(path)) return records;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as RunRecord;
    records.set(r.key, r);
  }
  return records;
}

/** One row of a table: a method at one setting, on one seed. */
interface Row {
  seed: number;
  R: number[][];
  avg: number;
  bwt: number;
  /** Task 1 at the end of task 1, and at the end. */
  t1First: number;
  t1Last: number;
  /** Accuracy on each new task (i ≥ 1) when its training ends, minus SGD's. */
  newGaps: number[];
}

/**
 * A run's row over its first `T` tasks: the first T tasks of a longer permuted run are exactly a
 * T-task run (the same permutations, batches and boundaries), so one 5-task run answers 2 to 5.
 */
function row(r: RunRecord, sgd: RunRecord, T: number): Row {
  const percent = (rec: RunRecord) =>
    rec.accuracy.slice(0, T).map((line) => line.slice(0, T).map((a) => 100 * a));
  const R = percent(r);
  const S = percent(sgd);
  return {
    seed: r.seed,
    R,
    avg: averageAccuracy(R),
    bwt: backwardTransfer(R),
    t1First: R[0][0],
    t1Last: R[T - 1][0],
    newGaps: R.slice(1).map((line, k) => line[k + 1] - S[k + 1][k + 1]),
  };
}

const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const worst = (xs: number[]) => (xs.length ? Math.min(...xs) : 0);

/** Whether one seed's row shows its method's part of the first-click story. */
function storyHolds(method: MethodId, r: Row): boolean | null {
  const drop = r.t1First - r.t1Last;
  if (method === 'sgd') return drop >= STORY.sgdForgets;
  if (method === 'ewc' || method === 'si')
    return drop <= STORY.keeps && worst(r.newGaps) >= -STORY.learnsWithin;
  // L2's other way to differ (protecting task 1 clearly less than EWC/SI) needs their rows too.
  if (method === 'l2') return -meanOf(r.newGaps) >= STORY.l2Rigid;
  return null;
}

const f1 = (x: number, width = 6) => x.toFixed(1).padStart(width);

/** One line of a table: a method at one setting, its run and SGD's for each seed. */
interface Entry {
  label: string;
  method: MethodId;
  runs: { run: RunRecord; sgd: RunRecord }[];
}

function printTable(o: SweepOptions, title: string, entries: Entry[], T: number) {
  const tasks = Array.from({ length: T }, (_, j) => `T${j + 1}`.padStart(6)).join('');
  console.log(`\n${title}`);
  console.log(
    `method  ${'setting'.padEnd(28)}   avg   BWT  T1@1 T1end  drop newΔ(min) newΔ(mean) |${tasks} (final)${o.story ? '  story' : ''}`,
  );
  const line = (method: MethodId, label: string, rs: Row[]) => {
    const m = (pick: (r: Row) => number) => meanOf(rs.map(pick));
    const story = rs.map((r) => storyHolds(method, r));
    const cells = [
      f1(m((r) => r.avg)),
      f1(m((r) => r.bwt)),
      f1(m((r) => r.t1First)),
      f1(m((r) => r.t1Last)),
      f1(m((r) => r.t1First - r.t1Last)),
      f1(
        m((r) => worst(r.newGaps)),
        10,
      ),
      f1(
        m((r) => meanOf(r.newGaps)),
        11,
      ),
      ' |',
      ...Array.from({ length: T }, (_, j) => f1(m((r) => r.R[T - 1][j]))),
      o.story && story[0] !== null ? `  ${story.filter(Boolean).length}/${rs.length}` : '',
    ];
    console.log(`${METHOD_LABELS[method].padEnd(7)} ${label.padEnd(28)}${cells.join('')}`);
  };
  for (const e of entries) {
    const rows = e.runs.map(({ run, sgd }) => row(run, sgd, T));
    line(e.method, e.label, rows);
    if (o.perSeed && rows.length > 1) for (const r of rows) line(e.method, `  seed ${r.seed}`, [r]);
  }
}

async function main(): Promise<number> {
  let o: ReturnType<typeof parseSweepArgs>;
  try {
    o = parseSweepArgs(process.argv.slice(2));
    if (o !== 'help') for (const s of o.shared) options(o, s, 'sgd', [], 0); // fail fast on bad flags
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    console.error(`sweep: ${error.message}`);
    return 2;
  }
  if (o === 'help') {
    console.log(usage());
    return 0;
  }
  const sweep = o;
  mkdirSync(dirname(sweep.out), { recursive: true });
  const records = loadRecords(sweep.out);
  console.error(`backend: ${await selectNodeBackend()}; ${records.size} runs already in ${sweep.out}`);
  const data = readMnistPackage();
  const started = performance.now();

  const run = async (e: ExperimentOptions): Promise<RunRecord> => {
    const key = keyOf(e);
    const known = records.get(key);
    if (known) return known;
    const result = await runExperiment(data, e);
    const m = result.methods[0];
    const record: RunRecord = {
      key,
      method: m.method,
      seed: e.seed,
      accuracy: m.accuracy,
      stepsPerTask: result.stepsPerTask,
      seconds: result.seconds,
    };
    appendFileSync(sweep.out, `${JSON.stringify(record)}\n`);
    records.set(key, record);
    const elapsed = (performance.now() - started) / 1000;
    console.error(
      `  ${m.method} seed ${e.seed}: avg ${(100 * m.averageAccuracy).toFixed(1)} (${result.seconds.toFixed(0)} s; ${elapsed.toFixed(0)} s in all)`,
    );
    return record;
  };

  for (const shared of sweep.shared) {
    const table: Entry[] = [];
    const runsFor = async (method: MethodId, point: Args) => {
      const runs: Entry['runs'] = [];
      for (const seed of sweep.seeds) {
        const sgd = await run(options(sweep, shared, 'sgd', [], seed));
        runs.push({ run: await run(options(sweep, shared, method, point, seed)), sgd });
      }
      return runs;
    };
    const label = (point: Args) => point.join(' ').replaceAll('--', '') || '(base)';
    for (const method of sweep.baseMethods) {
      table.push({ label: method === 'sgd' ? '—' : label([]), method, runs: await runsFor(method, []) });
    }
    for (const grid of sweep.grids) {
      for (const point of grid.points) {
        table.push({ label: label(point), method: grid.method, runs: await runsFor(grid.method, point) });
      }
    }
    const e = options(sweep, shared, 'sgd', [], sweep.seeds[0]);
    const hp = e.hyperparameters!;
    const T = table[0].runs[0].run.accuracy.length;
    // The whole run always gets its table; the prefixes add tables for its first K tasks.
    for (const K of [...sweep.prefixes.filter((k) => k < T), T]) {
      const spec = e.spec.scenario
        ? `${e.spec.scenario}-incremental`
        : `${K} tasks${K < T ? ` (first ${K} of ${T})` : ''}`;
      printTable(
        sweep,
        `${e.spec.protocol} ${spec}, ${e.epochs} epochs, hidden ${e.hidden!.join(',')}, ${hp.optimizer} lr ${hp.learningRate}, batch ${hp.batchSize}` +
          ` — mean over seeds ${sweep.seeds.join(',')}; ${shared.join(' ').replaceAll('--', '') || 'no varied flags'}`,
        table,
        K,
      );
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`sweep: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
