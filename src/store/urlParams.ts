/**
 * Every setting that lives in the URL, with its parser. A bad or unknown parameter falls back to
 * its default and is listed in `ignored`, so the page can say what it dropped and keep the rest.
 * `v` is the format version of the link, so a later format can still read old links.
 */
import {
  DEFAULT_PERMUTED_TASKS,
  DEFAULT_SHARED_HYPERPARAMETERS,
  FIRST_CLICK,
  MAX_PERMUTED_TASKS,
} from '../engine/defaults';
import {
  type LearningRateKey,
  learningRateKey,
  METHOD_IDS,
  METHOD_PARAMS,
  type MethodId,
  type ParamKey,
} from '../engine/methods/registry';
import { DEFAULT_SWEEP_LANES, MAX_SWEEP_LANES, MIN_SWEEP_LANES, SWEEP_METHODS } from '../engine/sweep';
import { BACKENDS, type BackendName } from '../worker/protocol';
import { type Recommended, recommendedSettings, type ScenarioOf } from './recommended';

export const URL_FORMAT_VERSION = 1;
export const VIEWS = ['network', 'lab'] as const;
export type View = (typeof VIEWS)[number];
export const THEMES = ['auto', 'light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];
export const PROTOCOLS = ['split-mnist', 'permuted-mnist'] as const;
export const SPLIT_SCENARIOS = ['task', 'domain', 'class'] as const;
export const FISHER_ESTIMATORS = ['sampled', 'exact', 'empirical'] as const;

/** The page's and the run's own settings; each method's parameters and learning rate come on top. */
interface BaseUrlSettings {
  view: View;
  /** The guided lesson's scene, 1-based; 0 = no lesson (free play). */
  scene: number;
  /** Embedded in a course page: the chrome is hidden, only the view shows. */
  embed: boolean;
  /** 'auto' applies the documented backend rule; anything else forces that backend. */
  backend: BackendName | 'auto';
  theme: Theme;
  protocol: (typeof PROTOCOLS)[number];
  scenario: (typeof SPLIT_SCENARIOS)[number];
  /** Permuted MNIST's task count. */
  tasks: number;
  methods: MethodId[];
  /** A strength sweep of this method ('off': none): lanes of it at log-spaced strengths, instead of `methods`. */
  sweep: MethodId | 'off';
  /** The sweep's lanes, its strength 0 included. */
  sweepLanes: number;
  seed: number;
  /** Hidden layer sizes of the MLP. */
  hidden: number[];
  lr: number;
  batch: number;
  fisher: (typeof FISHER_ESTIMATORS)[number];
  samples: number;
  online: boolean;
  gamma: number;
  /** Automatic schedule: epochs per task, then the next task; 0 = switch by hand. */
  epochs: number;
  /** Target training steps per second; 0 = as fast as the backend goes. */
  speed: number;
  /** The forgetting curves' accuracy axis zoomed to the data (not 0–100 %). */
  zoom: boolean;
  /** The importance maps' colour scale: log (three decades) rather than linear. */
  mapLog: boolean;
  /** The importance maps of a permuted task in the digits' own pixel order. */
  unscramble: boolean;
  /** Developer read-outs in the status bar (the worker's tensor count, its time split). */
  debug: boolean;
  /** Every method trained as one batched model (the default); `fused=0` steps each on its own, for comparison. */
  fused: boolean;
}

/**
 * Every setting in the URL: the base ones, each method parameter under its key (c, xi, lambdaEwc…)
 * and each method's own learning rate (lrSgd, lrEwc…; 0 means the shared one), from the registry.
 */
export type UrlSettings = BaseUrlSettings & Record<ParamKey, number> & Record<LearningRateKey, number>;

const hp = DEFAULT_SHARED_HYPERPARAMETERS;
/** The page and run settings a scenario does not recommend (see `defaultsFor` for the rest). */
const BASE_DEFAULTS: Readonly<Omit<BaseUrlSettings, keyof Recommended>> = {
  view: 'network',
  scene: 0,
  embed: false,
  backend: 'auto',
  theme: 'auto',
  protocol: FIRST_CLICK.protocol,
  // Split MNIST's setting once the protocol is switched to it.
  scenario: 'task',
  tasks: DEFAULT_PERMUTED_TASKS,
  methods: ['sgd', 'l2', 'ewc', 'si'],
  sweep: 'off',
  sweepLanes: DEFAULT_SWEEP_LANES,
  seed: 0,
  batch: hp.batchSize,
  fisher: hp.fisher,
  samples: hp.fisherSamples,
  online: hp.ewcOnline,
  gamma: hp.gamma,
  speed: 0,
  zoom: false,
  mapLog: false,
  unscramble: false,
  debug: false,
  fused: true,
};

const learningRateDefaults = Object.fromEntries(METHOD_IDS.map((id) => [learningRateKey(id), 0])) as Record<
  LearningRateKey,
  number
>; // keys: every method

/**
 * The defaults in a scenario: its recommended network, schedule, rate and strengths on top of the
 * rest (the protocol and split setting stay the first click's: they are what a link names).
 */
export function defaultsFor(s: ScenarioOf): UrlSettings {
  return {
    ...BASE_DEFAULTS,
    methods: [...BASE_DEFAULTS.methods],
    ...recommendedSettings(s),
    ...learningRateDefaults,
  };
}

/** The first click: every setting at its default, in the default scenario. */
export const URL_DEFAULTS: Readonly<UrlSettings> = defaultsFor(BASE_DEFAULTS);

export interface Field<T> {
  parse(raw: string): T | undefined;
  format(value: T): string;
}

export const oneOf = <T extends string>(values: readonly T[]): Field<T> => ({
  parse: (raw) =>
    (values as readonly string[]).includes(raw.toLowerCase()) ? (raw.toLowerCase() as T) : undefined,
  format: (v) => v,
});

export const number = (min: number, max: number, integer = false): Field<number> => ({
  parse: (raw) => {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw.trim())) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return undefined;
    return n;
  },
  format: (v) => String(v),
});

// A Map, not an object literal: `?online=constructor` must not find Object.prototype.constructor.
const BOOLEANS = new Map([
  ['1', true],
  ['true', true],
  ['0', false],
  ['false', false],
]);
export const bool: Field<boolean> = {
  parse: (raw) => BOOLEANS.get(raw.toLowerCase()),
  format: (v) => (v ? '1' : '0'),
};

const methodList: Field<MethodId[]> = {
  parse: (raw) => {
    const ids = raw.toLowerCase().split(',').filter(Boolean);
    const known = ids.every((id) => (METHOD_IDS as readonly string[]).includes(id));
    if (!known || ids.length === 0 || new Set(ids).size !== ids.length) return undefined;
    // Canonical order, so the same set gives the same link and the same colours.
    return METHOD_IDS.filter((id) => ids.includes(id));
  },
  format: (v) => v.join(','),
};

const layerSizes: Field<number[]> = {
  parse: (raw) => {
    const parts = raw.split(',');
    if (parts.length < 1 || parts.length > 4) return undefined;
    const sizes = parts.map((p) => number(4, 2048, true).parse(p));
    return sizes.every((n) => n !== undefined) ? (sizes as number[]) : undefined;
  },
  format: (v) => v.join(','),
};

const BASE_FIELDS: { [K in keyof BaseUrlSettings]: Field<BaseUrlSettings[K]> } = {
  view: oneOf(VIEWS),
  scene: number(0, 99, true),
  embed: bool,
  backend: oneOf([...BACKENDS, 'auto'] as const),
  theme: oneOf(THEMES),
  protocol: oneOf(PROTOCOLS),
  scenario: oneOf(SPLIT_SCENARIOS),
  tasks: number(2, MAX_PERMUTED_TASKS, true),
  methods: methodList,
  sweep: oneOf(['off', ...SWEEP_METHODS] as const),
  sweepLanes: number(MIN_SWEEP_LANES, MAX_SWEEP_LANES, true),
  seed: number(0, 2 ** 31 - 1, true),
  hidden: layerSizes,
  lr: number(1e-6, 10),
  batch: number(1, 1024, true),
  fisher: oneOf(FISHER_ESTIMATORS),
  samples: number(10, 8000, true),
  online: bool,
  gamma: number(0, 1),
  epochs: number(0, 100, true),
  speed: number(0, 10_000, true),
  zoom: bool,
  mapLog: bool,
  unscramble: bool,
  debug: bool,
  fused: bool,
};

/** The largest per-method learning rate a link may give. */
export const MAX_METHOD_LEARNING_RATE = 1e4;

const FIELDS = {
  ...BASE_FIELDS,
  ...Object.fromEntries(METHOD_PARAMS.map((p) => [p.key, number(p.range.min, p.range.max, p.range.integer)])),
  ...Object.fromEntries(METHOD_IDS.map((id) => [learningRateKey(id), number(0, MAX_METHOD_LEARNING_RATE)])),
} as { [K in keyof UrlSettings]: Field<UrlSettings[K]> }; // keys: every parameter and method

const MAX_SHOWN = 40;
export const shorten = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s);
/** A parameter given more than once: only the last is read, and the earlier ones are listed. */
export const givenTwice = (key: string, raw: string) =>
  `${key}=${shorten(raw)} (given more than once; the last one is read)`;
const same = <T>(a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);

export interface ParsedUrl {
  settings: UrlSettings;
  /** Human-readable descriptions of each ignored parameter. */
  ignored: string[];
}

/**
 * Reads the main settings from a query string. `otherKeys` are parameters another part of the
 * page reads (the ellipse lab's), so they are not reported as unknown here.
 */
export function parseUrlSettings(search: string, otherKeys: ReadonlySet<string> = new Set()): ParsedUrl {
  const params = new URLSearchParams(search);
  // The link's scenario first: what it leaves out is that scenario's default (or recommendation).
  const read = <K extends keyof ScenarioOf>(k: K) =>
    FIELDS[k].parse(params.getAll(k).at(-1)?.trim() ?? '') ?? URL_DEFAULTS[k];
  const defaults = defaultsFor({
    protocol: read('protocol'),
    scenario: read('scenario'),
    tasks: read('tasks'),
  });
  const settings: UrlSettings = { ...defaults };
  const ignored: string[] = [];
  const version = params.get('v');
  if (version !== null && version !== String(URL_FORMAT_VERSION)) {
    ignored.push(`v=${shorten(version)} (unknown link version; read as version ${URL_FORMAT_VERSION})`);
  }
  for (const [key, raw] of params) {
    if (key === 'v') continue;
    if (otherKeys.has(key)) continue;
    // Own keys only: `key in FIELDS` would find `constructor`, `toString`, `__proto__`…
    if (!Object.hasOwn(FIELDS, key)) {
      ignored.push(`${shorten(key) || '(a parameter with no name)'} (unknown parameter)`);
      continue;
    }
    if (params.getAll(key).length > 1 && params.getAll(key).at(-1) !== raw) {
      ignored.push(givenTwice(key, raw));
      continue;
    }
    const k = key as keyof UrlSettings;
    const value = (FIELDS[k] as Field<unknown>).parse(raw.trim());
    if (value === undefined) {
      const fallback = (FIELDS[k] as Field<unknown>).format(defaults[k]);
      ignored.push(`${k}=${shorten(raw)} (not a valid value; using ${fallback})`);
    } else {
      (settings as unknown as Record<string, unknown>)[k] = value;
    }
  }
  return { settings, ignored };
}

/**
 * The query string for the settings, leaving defaults out so links stay short: a value at its
 * scenario's recommendation is left out, a value the user set stays (so the link reproduces the run).
 */
export function formatUrlSettings(settings: UrlSettings): string {
  const params = new URLSearchParams();
  const defaults = defaultsFor(settings);
  for (const key of Object.keys(FIELDS) as (keyof UrlSettings)[]) {
    if (!same(settings[key], defaults[key])) {
      params.set(key, (FIELDS[key] as Field<unknown>).format(settings[key]));
    }
  }
  if ([...params.keys()].length === 0) return '';
  params.set('v', String(URL_FORMAT_VERSION));
  return `?${params.toString()}`;
}

/** Picks the URL settings out of a larger state object. */
export function urlSettingsOf(state: UrlSettings): UrlSettings {
  const out = {} as Record<string, unknown>;
  for (const key of Object.keys(FIELDS)) out[key] = state[key as keyof UrlSettings];
  return out as unknown as UrlSettings;
}
