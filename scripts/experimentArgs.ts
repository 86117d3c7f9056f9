import { type ScenarioSpec, scenarioKeyOf } from '../src/engine/data/scenarios';
import {
  DEFAULT_PERMUTED_TASKS,
  FIRST_CLICK,
  type Hyperparameters,
  MAX_PERMUTED_TASKS,
  RECOMMENDED_SCHEDULE,
  recommendedHyperparameters,
} from '../src/engine/defaults';
import type { ExperimentOptions } from '../src/engine/experiment';
import type { LaneSpec } from '../src/engine/laneSettings';
import { METHOD_IDS, METHOD_PARAMS, type OwnedParam } from '../src/engine/methods/registry';
import {
  DEFAULT_SWEEP_LANES,
  MAX_SWEEP_LANES,
  MIN_SWEEP_LANES,
  SWEEP_METHODS,
  sweepLanes,
  sweptParam,
} from '../src/engine/sweep';

/** Flags that set several method parameters at once (`--lambda`: every parameter declaring it). */
const SHARED_FLAGS = [...new Set(METHOD_PARAMS.flatMap((p) => (p.sharedFlag ? [p.sharedFlag] : [])))];

export const USAGE = `Usage: tsx scripts/experiment.ts [--protocol permuted-mnist|split-mnist] [--scenario task|domain|class]
  [--tasks N] [--methods ${METHOD_IDS.join(',')} | --sweep ${SWEEP_METHODS.join('|')} [--sweep-lanes K]]
  [--epochs E] [--seed S | --seeds 0,1,2]
  ${[...METHOD_PARAMS.map((p) => `[--${p.flag} ${p.symbol}]`), ...SHARED_FLAGS.map((f) => `[--${f} ${METHOD_PARAMS.find((p) => p.sharedFlag === f)?.symbol}]`)].join(' ')}
  [--fisher sampled|exact|empirical] [--fisher-samples N] [--gamma G]
  [--lr LR] [--batch B] [--hidden 256,256] [--optimizer adam|sgd] [--reset-optimizer] [--json]
With no options: the app's first click (${FIRST_CLICK.protocol}, ${FIRST_CLICK.tasks} tasks) with SGD, L2, EWC and SI,
and a check of the scenario's story (exit code 1 and one line per broken claim if it does not hold).
The network, epochs, learning rate and method parameters default to the scenario's recommended
values (src/engine/defaults.ts, src/engine/methods/).`;

export interface CliOptions {
  /** The first seed's run; the others differ only in `seed`. */
  experiment: ExperimentOptions;
  seeds: number[];
  json: boolean;
}

/** A bad command line: the message is one line a person can act on. */
export class ArgumentError extends Error {
  override name = 'ArgumentError';
}

const FLAGS = new Set(['json', 'reset-optimizer', 'help']);

function number(flag: string, raw: string, check: (x: number) => boolean, what: string): number {
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x) || !check(x)) {
    throw new ArgumentError(`--${flag} must be ${what}, not "${raw}".`);
  }
  return x;
}

const positive = (x: number) => x > 0;
const positiveInt = (x: number) => Number.isInteger(x) && x > 0;

function choice<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ArgumentError(`--${flag} must be one of ${allowed.join(', ')}, not "${raw}".`);
  }
  return raw as T;
}

/** A method parameter's value, checked against the range a link may give too. */
function paramValue(flag: string, raw: string, p: OwnedParam): number {
  const { min, max, integer } = p.range;
  return number(
    flag,
    raw,
    (x) => x >= min && x <= max && (!integer || Number.isInteger(x)),
    `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`,
  );
}

/** Parses the CLI arguments (without node and script); throws ArgumentError on anything doubtful. */
/** `--sweep METHOD [--sweep-lanes K]`: the lanes of a strength sweep (src/engine/sweep.ts), or null. */
function sweepOf(
  method: string | undefined,
  lanesRaw: string | undefined,
  methodsRaw: string | undefined,
  spec: ScenarioSpec,
): LaneSpec[] | null {
  if (method === undefined) {
    if (lanesRaw !== undefined) throw new ArgumentError('--sweep-lanes goes with --sweep.');
    return null;
  }
  if (methodsRaw !== undefined) throw new ArgumentError('Give --methods or --sweep, not both.');
  const lanes =
    lanesRaw === undefined
      ? DEFAULT_SWEEP_LANES
      : number(
          'sweep-lanes',
          lanesRaw,
          (n) => Number.isInteger(n) && n >= MIN_SWEEP_LANES && n <= MAX_SWEEP_LANES,
          `a whole number from ${MIN_SWEEP_LANES} to ${MAX_SWEEP_LANES}`,
        );
  return sweepLanes(choice('sweep', method, SWEEP_METHODS), lanes, scenarioKeyOf(spec));
}

export function parseExperimentArgs(argv: readonly string[]): CliOptions | 'help' {
  const values = new Map<string, string>();
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--'))
      throw new ArgumentError(`Unexpected argument "${arg}" (options start with --).`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (values.has(name)) throw new ArgumentError(`--${name} is given twice.`);
    if (FLAGS.has(name)) {
      if (inline !== undefined) throw new ArgumentError(`--${name} takes no value.`);
      values.set(name, 'true');
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new ArgumentError(`--${name} needs a value.`);
    }
    values.set(name, value);
  }
  if (values.has('help')) return 'help';

  const take = (name: string) => {
    const v = values.get(name);
    values.delete(name);
    return v;
  };
  const hp: Partial<Hyperparameters> = {};
  const protocol = choice('protocol', take('protocol') ?? FIRST_CLICK.protocol, [
    'permuted-mnist',
    'split-mnist',
  ] as const);
  const scenarioRaw = take('scenario');
  const tasksRaw = take('tasks');
  let spec: ScenarioSpec;
  if (protocol === 'split-mnist') {
    if (tasksRaw !== undefined)
      throw new ArgumentError('--tasks applies to permuted-mnist only (split MNIST has 5 tasks).');
    spec = {
      protocol,
      scenario: choice('scenario', scenarioRaw ?? 'task', ['task', 'domain', 'class'] as const),
    };
  } else {
    if (scenarioRaw !== undefined) throw new ArgumentError('--scenario applies to split-mnist only.');
    const tasks =
      tasksRaw === undefined
        ? DEFAULT_PERMUTED_TASKS
        : number('tasks', tasksRaw, positiveInt, 'a whole number');
    if (tasks > MAX_PERMUTED_TASKS)
      throw new ArgumentError(`--tasks must be at most ${MAX_PERMUTED_TASKS}, not ${tasks}.`);
    spec = { protocol, tasks };
  }
  const methodsRaw = take('methods');
  const sweep = sweepOf(take('sweep'), take('sweep-lanes'), methodsRaw, spec);
  const methods = sweep
    ? sweep.map((l) => l.method)
    : (methodsRaw ?? 'sgd,l2,ewc,si').split(',').map((m) => choice('methods', m.trim(), METHOD_IDS));
  if (!sweep && new Set(methods).size !== methods.length)
    throw new ArgumentError(`--methods lists a method twice: "${methodsRaw}".`);
  const schedule = RECOMMENDED_SCHEDULE[scenarioKeyOf(spec)];
  const epochsRaw = take('epochs');
  const epochs =
    epochsRaw === undefined ? schedule.epochs : number('epochs', epochsRaw, positive, 'a positive number');
  const seedRaw = take('seed');
  const seedsRaw = take('seeds');
  if (seedRaw !== undefined && seedsRaw !== undefined)
    throw new ArgumentError('Give --seed or --seeds, not both.');
  const seeds = (seedsRaw ?? seedRaw ?? '0')
    .split(',')
    .map((x) =>
      number(
        seedsRaw === undefined ? 'seed' : 'seeds',
        x,
        (n) => Number.isInteger(n) && n >= 0,
        'a whole number ≥ 0',
      ),
    );
  if (new Set(seeds).size !== seeds.length)
    throw new ArgumentError(`--seeds lists a seed twice: "${seedsRaw}".`);
  const hiddenRaw = take('hidden');
  const hidden =
    hiddenRaw === undefined
      ? [...schedule.hidden]
      : hiddenRaw.split(',').map((h) => number('hidden', h, positiveInt, 'comma-separated whole numbers'));

  const set = <K extends keyof Hyperparameters>(
    flag: string,
    key: K,
    parse: (raw: string) => Hyperparameters[K],
  ) => {
    const raw = take(flag);
    if (raw !== undefined) hp[key] = parse(raw);
  };
  const real = (flag: string, check: (x: number) => boolean, what: string) => (raw: string) =>
    number(flag, raw, check, what);
  // Method parameters: a shared flag sets each parameter declaring it; a parameter's own flag wins.
  const givenFlags: { flag: string; owners: string[] }[] = [];
  for (const flag of SHARED_FLAGS) {
    const raw = take(flag);
    if (raw === undefined) continue;
    const params = METHOD_PARAMS.filter((p) => p.sharedFlag === flag);
    for (const p of params) hp[p.key] = paramValue(flag, raw, p);
    givenFlags.push({ flag, owners: params.map((p) => p.owner) });
  }
  for (const p of METHOD_PARAMS) {
    const raw = take(p.flag);
    if (raw === undefined) continue;
    hp[p.key] = paramValue(p.flag, raw, p);
    givenFlags.push({ flag: p.flag, owners: [p.owner] });
  }
  set('lr', 'learningRate', real('lr', positive, 'a number > 0'));
  set('batch', 'batchSize', real('batch', positiveInt, 'a whole number > 0'));
  set('fisher', 'fisher', (raw) => choice('fisher', raw, ['sampled', 'exact', 'empirical'] as const));
  set('fisher-samples', 'fisherSamples', real('fisher-samples', positiveInt, 'a whole number > 0'));
  set('optimizer', 'optimizer', (raw) => choice('optimizer', raw, ['adam', 'sgd'] as const));
  const gammaRaw = take('gamma');
  if (gammaRaw !== undefined) {
    hp.ewcOnline = true;
    hp.gamma = number(
      'gamma',
      gammaRaw,
      (x) => x >= 0 && x <= 1,
      'a number in [0, 1] (it turns on online EWC)',
    );
  }
  if (take('reset-optimizer')) hp.resetOptimizer = true;
  const json = take('json') !== undefined;

  const unknown = [...values.keys()];
  if (unknown.length) throw new ArgumentError(`Unknown option --${unknown[0]}. ${USAGE.split('\n')[0]}`);
  // A setting that no chosen method reads would be silently ignored: refuse it instead.
  const unused = (given: boolean, flag: string, owners: string[]) => {
    if (given && !methods.some((m) => owners.includes(m))) {
      throw new ArgumentError(
        `${flag} only affects ${owners.join(' or ')}, which --methods does not include.`,
      );
    }
  };
  for (const { flag, owners } of givenFlags) unused(true, `--${flag}`, owners);
  const swept = sweep && sweptParam(sweep[0].method);
  if (swept && givenFlags.some((g) => g.flag === swept.flag || g.flag === swept.sharedFlag))
    throw new ArgumentError(`--sweep sets ${swept.symbol} per lane: leave out --${swept.flag}.`);
  unused(hp.ewcOnline === true, '--gamma', ['ewc']);
  return {
    json,
    seeds,
    experiment: {
      spec,
      methods,
      ...(sweep ? { lanes: sweep } : {}),
      epochs,
      seed: seeds[0],
      hidden,
      hyperparameters: { ...recommendedHyperparameters(scenarioKeyOf(spec)), ...hp },
    },
  };
}
