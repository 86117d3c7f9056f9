import { type ScenarioSpec, scenarioKeyOf } from '../src/engine/data/scenarios';
import { FIRST_CLICK, type Hyperparameters, recommendedHyperparameters } from '../src/engine/defaults';
import type { ExperimentOptions } from '../src/engine/experiment';
import type { LaneSpec } from '../src/engine/laneSettings';
import { METHOD_IDS, METHOD_PARAMS, type OwnedParam } from '../src/engine/methods/registry';
import {
  bool,
  type Codec,
  type KeyIn,
  kebab,
  keysIn,
  SETTINGS,
  type SettingValue,
  settingValue,
} from '../src/engine/settingsTable';
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

/** The shared settings the command line reads (src/engine/settingsTable.ts), each by its name in kebab case. */
const CLI_KEYS = keysIn('cli');
const isFlag = (key: KeyIn<'cli'>) => SETTINGS[key].codec === bool;
/** A setting's flag and its older names (`--lr` for `--learning-rate`), which read it too. */
const flagsOf = (key: KeyIn<'cli'>) =>
  [key, ...((SETTINGS[key] as { aliases?: string[] }).aliases ?? [])].map(kebab);

function usageOf(key: KeyIn<'cli'>): string {
  const { codec, symbol } = SETTINGS[key] as { codec: Codec<unknown>; symbol?: string };
  const value = codec.choices ? Object.keys(codec.choices).join('|') : (symbol ?? kebab(key).toUpperCase());
  return isFlag(key) ? `[--${kebab(key)}]` : `[--${kebab(key)} ${value}]`;
}

export const USAGE = `Usage: tsx scripts/experiment.ts
  [--methods ${METHOD_IDS.join(',')} | --sweep ${SWEEP_METHODS.join('|')} [--sweep-lanes K]] [--seeds 0-19 | 0,1,2]
  ${CLI_KEYS.slice(0, 5).map(usageOf).join(' ')}
  ${CLI_KEYS.slice(5).map(usageOf).join(' ')}
  ${[...METHOD_PARAMS.map((p) => `[--${p.flag} ${p.symbol}]`), ...SHARED_FLAGS.map((f) => `[--${f} ${METHOD_PARAMS.find((p) => p.sharedFlag === f)?.symbol}]`)].join(' ')}
  [--json] [--seeds-in-turn]
With no options: the app's first click (${FIRST_CLICK.protocol}, ${FIRST_CLICK.tasks} tasks) with SGD, L2, EWC and SI,
and a check of the scenario's story (exit code 1 and one line per broken claim if it does not hold).
Each setting takes the values a link takes (README: URL parameters); --gamma turns on online EWC;
the older ${CLI_KEYS.flatMap((k) =>
  flagsOf(k)
    .slice(1)
    .map((f) => `--${f}`),
).join(', ')} still work.
The network, epochs, learning rate and method parameters default to the scenario's recommended
values (src/engine/settingsTable.ts, src/engine/methods/).
Several seeds train as lanes of one run (up to 8 seeds a run), each exactly as it would alone;
--seeds-in-turn trains them one after another instead.`;

export interface CliOptions {
  /** The first seed's run; the others differ only in `seed`. */
  experiment: ExperimentOptions;
  seeds: number[];
  json: boolean;
  /** Train the seeds one after another rather than as lanes of one run (the same numbers). */
  seedsInTurn: boolean;
}

/** A bad command line: the message is one line a person can act on. */
export class ArgumentError extends Error {
  override name = 'ArgumentError';
}

const FLAGS = new Set(['json', 'seeds-in-turn', 'help', ...CLI_KEYS.filter(isFlag).flatMap(flagsOf)]);

function number(flag: string, raw: string, check: (x: number) => boolean, what: string): number {
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x) || !check(x)) {
    throw new ArgumentError(`--${flag} must be ${what}, not "${raw}".`);
  }
  return x;
}

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

/** The most seeds one command runs: 20 is the claims' benchmark, 100 already takes a day. */
export const MAX_SEEDS = 100;

/** `--seeds 0,1,2`, `--seeds 0-19` or `--seeds 0-4,7`: seeds and inclusive ranges, each seed once. */
export function seedList(raw: string): number[] {
  const codec = SETTINGS.seed.codec;
  const one = (x: string) => {
    const n = codec.parse(x);
    if (n === undefined) throw new ArgumentError(`--seeds must be ${codec.describe} each, not "${x}".`);
    return n;
  };
  const seeds: number[] = [];
  for (const part of raw.split(',')) {
    const range = /^(.*\d)-(.+)$/s.exec(part);
    if (!range) {
      seeds.push(one(part));
      continue;
    }
    const [from, to] = [one(range[1]), one(range[2])];
    if (to < from) throw new ArgumentError(`--seeds range "${part}" runs backwards: write ${to}-${from}.`);
    if (to - from + 1 > MAX_SEEDS)
      throw new ArgumentError(`--seeds "${raw}" names more than ${MAX_SEEDS} seeds.`);
    for (let s = from; s <= to; s++) seeds.push(s);
  }
  if (seeds.length > MAX_SEEDS)
    throw new ArgumentError(`--seeds "${raw}" names more than ${MAX_SEEDS} seeds.`);
  const twice = seeds.find((s, i) => seeds.indexOf(s) !== i);
  if (twice !== undefined) throw new ArgumentError(`--seeds lists seed ${twice} twice: "${raw}".`);
  return seeds;
}

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

/** Parses the CLI arguments (without node and script); throws ArgumentError on anything doubtful. */
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
  /** A shared setting's value if given, read by its table codec: the values a link may give. */
  const setting = <K extends KeyIn<'cli'>>(key: K): SettingValue<K> | undefined => {
    const given = flagsOf(key).filter((f) => values.has(f));
    if (given.length > 1)
      throw new ArgumentError(`--${given[0]} and --${given[1]} name one setting: give one.`);
    if (given.length === 0) return undefined;
    const raw = take(given[0]) as string;
    if (isFlag(key)) return true as SettingValue<K>;
    const codec = SETTINGS[key].codec as Codec<SettingValue<K>>;
    const value = codec.parse(raw);
    if (value === undefined)
      throw new ArgumentError(`--${given[0]} must be ${codec.describe}, not "${raw}".`);
    return value;
  };
  const protocol = setting('protocol') ?? FIRST_CLICK.protocol;
  const scenario = setting('scenario');
  const tasks = setting('tasks');
  let spec: ScenarioSpec;
  if (protocol === 'split-mnist') {
    if (tasks !== undefined)
      throw new ArgumentError('--tasks applies to permuted-mnist only (split MNIST has 5 tasks).');
    spec = { protocol, scenario: scenario ?? SETTINGS.scenario.default };
  } else {
    if (scenario !== undefined) throw new ArgumentError('--scenario applies to split-mnist only.');
    spec = { protocol, tasks: tasks ?? SETTINGS.tasks.default };
  }
  const key = scenarioKeyOf(spec);
  const methodsRaw = take('methods');
  const sweep = sweepOf(take('sweep'), take('sweep-lanes'), methodsRaw, spec);
  const methods = sweep
    ? sweep.map((l) => l.method)
    : (methodsRaw ?? 'sgd,l2,ewc,si').split(',').map((m) => choice('methods', m.trim(), METHOD_IDS));
  if (!sweep && new Set(methods).size !== methods.length)
    throw new ArgumentError(`--methods lists a method twice: "${methodsRaw}".`);
  const epochs = setting('epochs') ?? settingValue('epochs', key);
  // A link's 0 switches tasks by hand, which a headless run cannot.
  if (epochs === 0)
    throw new ArgumentError('--epochs must be at least 1 (0 switches tasks by hand, in the page).');
  const seedsRaw = take('seeds');
  const seed = setting('seed');
  if (seed !== undefined && seedsRaw !== undefined)
    throw new ArgumentError('Give --seed or --seeds, not both.');
  const seeds = seedsRaw === undefined ? [seed ?? SETTINGS.seed.default] : seedList(seedsRaw);
  const hidden = setting('hidden') ?? settingValue('hidden', key);

  // The engine's shared settings the command line gives, under their engine names.
  const hp: Partial<Hyperparameters> = Object.fromEntries(
    CLI_KEYS.filter((k) => (keysIn('engine') as string[]).includes(k)).flatMap((k) => {
      const value = setting(k);
      return value === undefined ? [] : [[k, value]];
    }),
  );
  // On the command line γ alone means online EWC (a link gives ewcOnline=1 and gamma).
  if (hp.gamma !== undefined) hp.ewcOnline = true;
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
  const json = take('json') !== undefined;
  const seedsInTurn = take('seeds-in-turn') !== undefined;

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
  unused(hp.ewcOnline === true, hp.gamma === undefined ? '--ewc-online' : '--gamma', ['ewc']);
  return {
    json,
    seeds,
    seedsInTurn,
    experiment: {
      spec,
      methods,
      ...(sweep ? { lanes: sweep } : {}),
      epochs,
      seed: seeds[0],
      hidden,
      hyperparameters: { ...recommendedHyperparameters(key), ...hp },
    },
  };
}
