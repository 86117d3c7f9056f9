/**
 * Every shared setting, declared once: its one name (the engine's, the URL's, and in kebab case
 * the CLI's), the values it takes, its value (per scenario where the sweeps in docs/defaults.md
 * chose one), its slider and its help. The URL codec (src/store/urlParams.ts), the sliders
 * (src/ui/network/runSliders.ts), the CLI flags (scripts/experimentArgs.ts), the worker's
 * hyperparameters (src/store/runConfig.ts) and the README's settings table derive from it, as
 * tensorflow/playground's `PROPS` table drives its URL and controls. Each method's own parameters
 * (c, ξ, λ…) are declared in its module (src/engine/methods/) and derive the same way.
 */
import {
  DEFAULT_PERMUTED_TASKS,
  MAX_PERMUTED_TASKS,
  type ProtocolId,
  type ScenarioKey,
  type SplitScenario,
} from './data/scenarios';

/** How a value is read from text (a link, a settings file, a command line) and written back. */
export interface Field<T> {
  parse(raw: string): T | undefined;
  format(value: T): string;
}

/** A setting's field, with what a valid value is and (a menu) its choices. */
export interface Codec<T> extends Field<T> {
  /** What a valid value is, for a message: "a whole number from 2 to 10". */
  readonly describe: string;
  /** A menu's values and their labels. */
  readonly choices?: Readonly<Record<string, string>>;
  /** A number's bounds, for an input's min and max. */
  readonly range?: { readonly min: number; readonly max: number; readonly integer: boolean };
}

/** One of `values` (case-insensitive). */
export function oneOf<const T extends string>(values: readonly T[]): Codec<T> {
  return {
    // `includes`, not a lookup in an object: `?fisher=constructor` must not find Object.prototype's.
    parse: (raw) =>
      (values as readonly string[]).includes(raw.toLowerCase()) ? (raw.toLowerCase() as T) : undefined,
    format: (v) => v,
    describe: `one of ${values.join(', ')}`,
  };
}

/** A menu: one of the keys of `labels`, which name them in the menu. */
export const menu = <const T extends string>(labels: Readonly<Record<T, string>>): Codec<T> => ({
  ...oneOf(Object.keys(labels) as T[]),
  choices: labels,
});

/** Plain decimal or exponent notation only: no hex, binary, separators or Infinity. */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function number(min: number, max: number, integer = false): Codec<number> {
  return {
    parse: (raw) => {
      if (!NUMBER.test(raw.trim())) return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return undefined;
      return n;
    },
    format: (v) => String(v),
    describe: `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`,
    range: { min, max, integer },
  };
}

// A Map, not an object literal: `?ewcOnline=constructor` must not find Object.prototype.constructor.
const BOOLEANS = new Map([
  ['1', true],
  ['true', true],
  ['0', false],
  ['false', false],
]);
export const bool: Codec<boolean> = {
  parse: (raw) => BOOLEANS.get(raw.toLowerCase()),
  format: (v) => (v ? '1' : '0'),
  describe: '1 or 0',
};

/** Comma-separated whole numbers, `minLength` to `maxLength` of them, each from `min` to `max`. */
export function integerList(min: number, max: number, minLength: number, maxLength: number): Codec<number[]> {
  const item = number(min, max, true);
  return {
    parse: (raw) => {
      const parts = raw.split(',');
      if (parts.length < minLength || parts.length > maxLength) return undefined;
      const values = parts.map((p) => item.parse(p));
      return values.every((n) => n !== undefined) ? (values as number[]) : undefined;
    },
    format: (v) => v.join(','),
    describe: `${minLength} to ${maxLength} comma-separated whole numbers from ${min} to ${max}`,
  };
}

/** Where a setting is read: a link (and a settings file), the command line, the engine's hyperparameters. */
export type Place = 'url' | 'cli' | 'engine';

export interface SettingSpec<T> {
  readonly in: readonly Place[];
  readonly codec: Codec<T>;
  /** Its value in every scenario; or `recommended`, its value in each. */
  readonly default?: T;
  readonly recommended?: PerScenario<T>;
  /** Older URL keys (and CLI flags) that still read it, so every link shared before keeps working. */
  readonly aliases?: readonly string[];
  readonly label: string;
  readonly symbol?: string;
  readonly help: string;
  /** The slider's range, inside the values a link may give. */
  readonly slider?: {
    readonly min: number;
    readonly max: number;
    readonly log?: boolean;
    readonly step?: number;
  };
}

/** A declaration: its value type comes from its codec alone (`NoInfer`: a default does not widen it). */
type Declared<T, P> = Omit<SettingSpec<NoInfer<T>>, 'codec' | 'in' | 'default' | 'recommended'> & {
  readonly codec: Codec<T>;
  readonly in: P;
};
type PerScenario<T> = Readonly<Record<ScenarioKey, T>>;

/** Keeps a declaration's value type, places and kind of value, so the settings' types derive from the table. */
function setting<T, const P extends readonly Place[]>(
  s: Declared<T, P> & { readonly recommended: PerScenario<NoInfer<T>> },
): SettingSpec<T> & { readonly in: P; readonly recommended: PerScenario<T> };
function setting<T, const P extends readonly Place[]>(
  s: Declared<T, P> & { readonly default: NoInfer<T> },
): SettingSpec<T> & { readonly in: P; readonly default: T };
function setting<T>(s: SettingSpec<T>): SettingSpec<T> {
  return s;
}

const perScenario = <T>(permuted: T, task: T, domain: T, cls: T): PerScenario<T> => ({
  'split-task': task,
  'split-domain': domain,
  'split-class': cls,
  'permuted-4': permuted,
  'permuted-5': permuted,
  'permuted-10': permuted,
});

// The engine's settings in the order its hyperparameter objects always had (a sweep's saved runs are keyed by them).
export const SETTINGS = {
  protocol: setting({
    in: ['url', 'cli'],
    codec: menu<ProtocolId>({ 'split-mnist': 'Split MNIST (5 tasks)', 'permuted-mnist': 'Permuted MNIST' }),
    default: 'permuted-mnist',
    label: 'Protocol',
    help: 'Split MNIST: five tasks of two digits each. Permuted MNIST: every task the same ten digits, its pixels shuffled.',
  }),
  scenario: setting({
    in: ['url', 'cli'],
    codec: menu<SplitScenario>({
      task: 'Task-incremental',
      domain: 'Domain-incremental',
      class: 'Class-incremental',
    }),
    default: 'task',
    label: 'Setting',
    help: "Split MNIST's setting: one head per task (task), one shared 2-way head (domain) or one shared 10-way head (class).",
  }),
  tasks: setting({
    in: ['url', 'cli'],
    codec: number(2, MAX_PERMUTED_TASKS, true),
    default: DEFAULT_PERMUTED_TASKS,
    label: 'Tasks',
    help: "Permuted MNIST's task count.",
  }),
  seed: setting({
    in: ['url', 'cli'],
    codec: number(0, 2 ** 31 - 1, true),
    default: 0,
    label: 'Seed',
    help: 'Every random choice (the split, the permutations, the initial weights, the minibatches) derives from it.',
  }),
  hidden: setting({
    in: ['url', 'cli'],
    codec: integerList(4, 2048, 1, 4),
    recommended: perScenario([100, 100], [256, 256], [256, 256], [256, 256]),
    label: 'Hidden layers',
    help: 'Hidden layer sizes of the MLP, 784 → … → out (ReLU).',
  }),
  optimizer: setting({
    in: ['cli', 'engine'],
    codec: menu({ adam: 'Adam', sgd: 'SGD' }),
    default: 'adam',
    label: 'Optimizer',
    help: 'Adam, or plain SGD.',
  }),
  learningRate: setting({
    in: ['url', 'cli', 'engine'],
    codec: number(1e-6, 10),
    recommended: perScenario(0.003, 0.003, 0.001, 0.001),
    aliases: ['lr'],
    label: 'Learning rate',
    symbol: 'η',
    help: "Adam's step size. Too large and a method diverges; it is then stopped and marked.",
    slider: { min: 1e-5, max: 10, log: true },
  }),
  adamEpsilon: setting({
    in: ['engine'],
    codec: number(0, 1),
    default: 1e-8,
    label: "Adam's ε",
    help: "Passed explicitly because tfjs's default depends on the backend.",
  }),
  batchSize: setting({
    in: ['url', 'cli', 'engine'],
    codec: number(1, 1024, true),
    default: 64,
    aliases: ['batch'],
    label: 'Batch size',
    help: 'Examples per minibatch; every method sees the same minibatches.',
    slider: { min: 8, max: 512, step: 8 },
  }),
  resetOptimizer: setting({
    in: ['cli', 'engine'],
    codec: bool,
    default: false,
    label: 'Reset the optimizer',
    help: 'Fresh optimizer state (Adam moments) at every task boundary.',
  }),
  fisher: setting({
    in: ['url', 'cli', 'engine'],
    codec: menu({
      sampled: 'True, sampled labels',
      exact: 'True, exact expectation',
      empirical: 'Empirical (dataset labels)',
    }),
    default: 'sampled',
    label: 'Fisher',
    help: "How EWC estimates the Fisher at each task's end.",
  }),
  fisherSamples: setting({
    in: ['url', 'cli', 'engine'],
    codec: number(10, 8000, true),
    default: 500,
    aliases: ['samples'],
    label: 'Fisher samples',
    help: "Examples of the finished task the importances (the Fisher, MAS's Ω) are measured on.",
    slider: { min: 50, max: 2000, step: 50 },
  }),
  ewcOnline: setting({
    in: ['url', 'cli', 'engine'],
    codec: bool,
    default: false,
    aliases: ['online'],
    label: 'Online EWC',
    help: 'Online EWC: one anchor (the latest weights), F ← γF + F_new, instead of one penalty per task.',
  }),
  gamma: setting({
    in: ['url', 'cli', 'engine'],
    codec: number(0, 1),
    default: 1,
    label: 'Online decay',
    symbol: 'γ',
    help: 'How much of the old Fisher online EWC keeps at each task switch.',
    slider: { min: 0, max: 1, step: 0.05 },
  }),
  epochs: setting({
    in: ['url', 'cli'],
    codec: number(0, 100, true),
    recommended: perScenario(1, 10, 3, 10),
    label: 'Epochs per task',
    help: '0: switch tasks by hand (buttons or keys 1–9). Otherwise: this many epochs, then the next task.',
    slider: { min: 0, max: 20 },
  }),
  speed: setting({
    in: ['url'],
    codec: number(0, 10_000, true),
    default: 0,
    label: 'Speed (steps/s)',
    help: '0: as fast as the backend goes. Lower it to watch forgetting happen slowly.',
    slider: { min: 0, max: 200, step: 5 },
  }),
} as const;

type Table = typeof SETTINGS;
export type SettingKey = keyof Table;
export type SettingValue<K extends SettingKey> = Table[K] extends SettingSpec<infer T> ? T : never;
/** The keys read in one place. */
export type KeyIn<P extends Place> = {
  [K in SettingKey]: P extends Table[K]['in'][number] ? K : never;
}[SettingKey];
/** The keys whose value a scenario recommends. */
export type RecommendedSettingKey = {
  [K in SettingKey]: Table[K] extends { readonly recommended: object } ? K : never;
}[SettingKey];
export type SettingValues<K extends SettingKey> = { -readonly [Key in K]: SettingValue<Key> };

/** Settings every method shares; they may change between steps. */
export type SharedHyperparameters = SettingValues<KeyIn<'engine'>>;
export type OptimizerKind = SharedHyperparameters['optimizer'];
export type FisherEstimator = SharedHyperparameters['fisher'];

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

const spec = (key: SettingKey) => SETTINGS[key] as SettingSpec<unknown>;

export const keysIn = <P extends Place>(place: P): KeyIn<P>[] =>
  SETTING_KEYS.filter((k) => spec(k).in.includes(place)) as KeyIn<P>[];

export const RECOMMENDED_SETTING_KEYS = SETTING_KEYS.filter(
  (k) => spec(k).recommended !== undefined,
) as RecommendedSettingKey[];

/** A setting's value in a scenario: the one it recommends there, or its only one. */
export function settingValue<K extends SettingKey>(key: K, scenario: ScenarioKey): SettingValue<K> {
  const s = spec(key);
  return (s.recommended ? s.recommended[scenario] : s.default) as SettingValue<K>;
}

/** The values of `keys` in a scenario (arrays copied, so a caller may keep them). */
export function settingValues<K extends SettingKey>(
  keys: readonly K[],
  scenario: ScenarioKey,
): SettingValues<K> {
  return Object.fromEntries(
    keys.map((k) => {
      const v = settingValue(k, scenario);
      return [k, Array.isArray(v) ? [...v] : v];
    }),
  ) as SettingValues<K>; // keys: exactly `keys`
}

/** The shared hyperparameters in a scenario (its learning rate; every other one is the same in all). */
export const sharedHyperparameters = (scenario: ScenarioKey): SharedHyperparameters =>
  settingValues(keysIn('engine'), scenario);

/** Each older name (URL key, and CLI flag) to the setting it now names. A Map: own names only. */
export const SETTING_ALIASES: ReadonlyMap<string, SettingKey> = new Map(
  SETTING_KEYS.flatMap((k) => (spec(k).aliases ?? []).map((alias) => [alias, k] as const)),
);

/** A key in kebab case, as the command line writes it: `learningRate` → `learning-rate`. */
export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
