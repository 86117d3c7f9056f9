/**
 * Every setting that lives in the URL, with its parser. A bad or unknown parameter falls back to
 * its default and is listed in `ignored`, so the page can say what it dropped and keep the rest.
 * `v` is the format version of the link, so a later format can still read old links.
 */
import { scenarioKeyOf } from '../engine/data/scenarios';
import { recommendedSettings } from '../engine/defaults';
import {
  type LearningRateKey,
  learningRateKey,
  METHOD_IDS,
  METHOD_PARAMS,
  type MethodId,
  type ParamKey,
} from '../engine/methods/registry';
import { DEFAULT_SEED_LANES, MAX_SEED_LANES, MIN_SEED_LANES } from '../engine/seedLanes';
import {
  bool,
  type Field,
  type KeyIn,
  keysIn,
  number,
  oneOf,
  SETTING_ALIASES,
  SETTINGS,
  type SettingValues,
  settingValues,
} from '../engine/settingsTable';
import { DEFAULT_SWEEP_LANES, MAX_SWEEP_LANES, MIN_SWEEP_LANES, SWEEP_METHODS } from '../engine/sweep';
import { BACKENDS, type BackendName } from '../worker/protocol';
import { NO_SCENE, sceneCodec } from './sceneLinks';

export const URL_FORMAT_VERSION = 1;
export const VIEWS = ['network', 'lab'] as const;
export type View = (typeof VIEWS)[number];
export const THEMES = ['auto', 'light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];

/** The run's settings from the settings table (src/engine/settingsTable.ts), under their one name each. */
type TableUrlSettings = SettingValues<KeyIn<'url'>>;
const TABLE_KEYS = keysIn('url');

/** The page's own settings, and the run's that come from the method registry. */
interface PageUrlSettings {
  view: View;
  /** The guided lesson's scene by its id ('' = no lesson, free play); src/store/sceneLinks.ts. */
  scene: string;
  /** Embedded in a course page: the chrome is hidden, only the view shows. */
  embed: boolean;
  /** 'auto' applies the documented backend rule; anything else forces that backend. */
  backend: BackendName | 'auto';
  theme: Theme;
  methods: MethodId[];
  /** A strength sweep of this method ('off': none): lanes of it at log-spaced strengths, instead of `methods`. */
  sweep: MethodId | 'off';
  /** The sweep's lanes, its strength 0 included. */
  sweepLanes: number;
  /**
   * Spread over seeds: each method trained on this many seeds (the run's and the next ones) as lanes
   * of the one run; 1 = off. A strength sweep wins: with `sweep` on, this is not applied.
   */
  seedLanes: number;
  /** The forgetting curves' accuracy axis zoomed to the data (not 0–100 %). */
  zoom: boolean;
  /** The importance maps' colour scale: log (three decades) rather than linear. */
  mapLog: boolean;
  /** The importance maps of a permuted task in the digits' own pixel order. */
  unscramble: boolean;
  /** Developer read-outs in the status bar (the worker's tensor count, its time split). */
  debug: boolean;
}

/**
 * Every setting in the URL: the page's, the table's, each method parameter under its key (c, xi,
 * lambdaEwc…) and each method's own learning rate (learningRateSgd…; 0 means the shared one), from the registry.
 */
export type UrlSettings = PageUrlSettings &
  TableUrlSettings &
  Record<ParamKey, number> &
  Record<LearningRateKey, number>;

/** What picks the scenario: the protocol, the split setting and (permuted MNIST) the task count. */
export type ScenarioOf = Pick<UrlSettings, 'protocol' | 'scenario'> & Partial<Pick<UrlSettings, 'tasks'>>;

const PAGE_DEFAULTS: Readonly<PageUrlSettings> = {
  view: 'network',
  scene: NO_SCENE,
  embed: false,
  backend: 'auto',
  theme: 'auto',
  methods: ['sgd', 'l2', 'ewc', 'si'],
  sweep: 'off',
  sweepLanes: DEFAULT_SWEEP_LANES,
  seedLanes: DEFAULT_SEED_LANES,
  zoom: false,
  mapLog: false,
  unscramble: false,
  debug: false,
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
  const scenario = scenarioKeyOf(s);
  return {
    ...PAGE_DEFAULTS,
    methods: [...PAGE_DEFAULTS.methods],
    // The table's values in the scenario (protocol, split setting and task count: the first click's).
    ...settingValues(TABLE_KEYS, scenario),
    ...recommendedSettings(scenario),
    ...learningRateDefaults,
  };
}

/** The first click: every setting at its default, in the default scenario. */
export const URL_DEFAULTS: Readonly<UrlSettings> = defaultsFor({
  protocol: SETTINGS.protocol.default,
  scenario: SETTINGS.scenario.default,
  tasks: SETTINGS.tasks.default,
});

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

const PAGE_FIELDS: { [K in keyof PageUrlSettings]: Field<PageUrlSettings[K]> } = {
  view: oneOf(VIEWS),
  scene: sceneCodec,
  embed: bool,
  backend: oneOf([...BACKENDS, 'auto'] as const),
  theme: oneOf(THEMES),
  methods: methodList,
  sweep: oneOf(['off', ...SWEEP_METHODS] as const),
  sweepLanes: number(MIN_SWEEP_LANES, MAX_SWEEP_LANES, true),
  seedLanes: number(MIN_SEED_LANES, MAX_SEED_LANES, true),
  zoom: bool,
  mapLog: bool,
  unscramble: bool,
  debug: bool,
};

/** The largest per-method learning rate a link may give. */
export const MAX_METHOD_LEARNING_RATE = 1e4;

const FIELDS = {
  ...PAGE_FIELDS,
  ...Object.fromEntries(TABLE_KEYS.map((k) => [k, SETTINGS[k].codec])),
  ...Object.fromEntries(METHOD_PARAMS.map((p) => [p.key, number(p.range.min, p.range.max, p.range.integer)])),
  ...Object.fromEntries(METHOD_IDS.map((id) => [learningRateKey(id), number(0, MAX_METHOD_LEARNING_RATE)])),
} as { [K in keyof UrlSettings]: Field<UrlSettings[K]> }; // keys: every parameter and method

/** Each method's own learning rate under its older URL key: `lrSgd` → `learningRateSgd`. */
const OLDER_RATE_KEYS: ReadonlyMap<string, LearningRateKey> = new Map(
  METHOD_IDS.map((id) => [learningRateKey(id).replace(/^learningRate/, 'lr'), learningRateKey(id)]),
);

/** The setting a URL key names: its own key, or an older name of it (`lr`, `batch`, `samples`, `online`, `lrSgd`…). */
export function urlKeyOf(key: string): keyof UrlSettings | undefined {
  // Own keys only: `key in FIELDS` would find `constructor`, `toString`, `__proto__`…
  if (Object.hasOwn(FIELDS, key)) return key as keyof UrlSettings;
  // Maps, so `?constructor=1` finds nothing here either.
  const renamed = SETTING_ALIASES.get(key) ?? OLDER_RATE_KEYS.get(key);
  return renamed !== undefined && Object.hasOwn(FIELDS, renamed) ? (renamed as keyof UrlSettings) : undefined;
}

/**
 * URL keys of settings the page no longer has, read silently so old links open the same run with
 * no notice: `fused` (every method now trains in the one fused step; `fused=0` stepped each on its own).
 */
const RETIRED_URL_KEYS: ReadonlySet<string> = new Set(['fused']);

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
  /** The settings the query gave a valid value for (by their key, whatever name the query used). */
  given: Set<keyof UrlSettings>;
}

/**
 * Reads the main settings from a query string. `otherKeys` are parameters another part of the
 * page reads (the ellipse lab's), so they are not reported as unknown here. A setting's older name
 * reads it as its own key does; given under both, the last one is read, as for a repeated key.
 */
export function parseUrlSettings(search: string, otherKeys: ReadonlySet<string> = new Set()): ParsedUrl {
  const params = [...new URLSearchParams(search)].map(([name, raw]) => ({ name, key: urlKeyOf(name), raw }));
  const last = (key: keyof UrlSettings) => params.findLast((p) => p.key === key);
  // The link's scenario first: what it leaves out is that scenario's default (or recommendation).
  const read = <K extends keyof ScenarioOf>(k: K) =>
    FIELDS[k].parse(last(k)?.raw.trim() ?? '') ?? URL_DEFAULTS[k];
  const defaults = defaultsFor({
    protocol: read('protocol'),
    scenario: read('scenario'),
    tasks: read('tasks'),
  });
  const settings: UrlSettings = { ...defaults };
  const ignored: string[] = [];
  const given = new Set<keyof UrlSettings>();
  const version = params.find((p) => p.name === 'v')?.raw ?? null;
  if (version !== null && version !== String(URL_FORMAT_VERSION)) {
    ignored.push(`v=${shorten(version)} (unknown link version; read as version ${URL_FORMAT_VERSION})`);
  }
  for (const { name, key, raw } of params) {
    if (name === 'v') continue;
    if (otherKeys.has(name) || RETIRED_URL_KEYS.has(name)) continue;
    if (key === undefined) {
      ignored.push(`${shorten(name) || '(a parameter with no name)'} (unknown parameter)`);
      continue;
    }
    if (last(key)?.raw !== raw) {
      ignored.push(givenTwice(name, raw));
      continue;
    }
    const value = (FIELDS[key] as Field<unknown>).parse(raw.trim());
    if (value === undefined) {
      const fallback = (FIELDS[key] as Field<unknown>).format(defaults[key]);
      ignored.push(`${name}=${shorten(raw)} (not a valid value; using ${fallback})`);
    } else {
      (settings as unknown as Record<string, unknown>)[key] = value;
      given.add(key);
    }
  }
  return { settings, ignored, given };
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
