/**
 * Every link shared before the settings table still opens the same run. The snapshot holds links
 * and settings files written before it (the README's and docs' links, the e2e specs', each lesson
 * scene's link as the page wrote it, the hostile-link and settings-file generator's), decoded by
 * the code of that time; the settings it renamed (`lr` → `learningRate`…) are compared under their
 * new names, every other setting and every notice as it was. A setting added since (a new method's
 * parameters) is at its default in the link's scenario: the link never gave it. A setting retired
 * since (`fused`) is left out of the snapshot's settings: the page no longer has it. A recommended
 * value the sweeps changed since (split MNIST's epochs and task-IL's λ, docs/defaults.md) is
 * today's where the link did not give it: such a link asked for the recommended run, not a number.
 * A scene, which the snapshot's code held as its number, is now held as the id that number opened
 * then (src/store/sceneLinks.ts): the same scene, wherever the lesson has moved it since.
 */
import { describe, expect, it } from 'vitest';
import { SETTING_ALIASES } from '../engine/settingsTable';
import { readSettingsFile } from './runExport';
import { LEGACY_SCENE_ORDER, NO_SCENE } from './sceneLinks';
import snapshot from './sharedLinks.snapshot.json';
import { defaultsFor, parseUrlSettings, URL_DEFAULTS, type UrlSettings } from './urlParams';

/** The keys the settings table renamed: a fact about the snapshot's code, so written out here. */
const SHARED_RENAMED = {
  lr: 'learningRate',
  batch: 'batchSize',
  samples: 'fisherSamples',
  online: 'ewcOnline',
};
/** And each method's own learning rate: `lrSgd` → `learningRateSgd`. */
const RATES_RENAMED = Object.fromEntries(
  ['Sgd', 'L2', 'Ewc', 'Si', 'Mas', 'Replay', 'Joint'].map((m) => [`lr${m}`, `learningRate${m}`]),
);
const RENAMED: Readonly<Record<string, string>> = { ...SHARED_RENAMED, ...RATES_RENAMED };
/** The settings retired since the snapshot (every method now trains in the one fused step). */
const RETIRED: ReadonlySet<string> = new Set(['fused']);

/**
 * The scene the snapshot's number opened, as today's settings hold it: 0 none, 1–13 that scene's
 * id, and a number past the old lesson as given (the lesson still says it has no such scene).
 */
const sceneOf = (n: number): string => (n === 0 ? NO_SCENE : (LEGACY_SCENE_ORDER[n - 1] ?? String(n)));

/** The settings as the snapshot's code decoded them, under today's names, less those retired since. */
function renamed(diff: Record<string, unknown>): Record<string, unknown> {
  const old = { ...snapshot.defaults, ...diff };
  return Object.fromEntries(
    Object.entries(old)
      .filter(([k]) => !RETIRED.has(k))
      .map(([k, v]) => [Object.hasOwn(RENAMED, k) ? RENAMED[k] : k, k === 'scene' ? sceneOf(Number(v)) : v]),
  );
}

const KNOWN = new Set(Object.keys(renamed({})));

/** The recommended values changed since the snapshot (issue 20: a longer split-MNIST schedule). */
const RETUNED: readonly (keyof UrlSettings)[] = ['epochs', 'lambdaEwc'];

/**
 * What the link decodes to now should be: the snapshot's settings, those added since at their
 * default, and those retuned since at today's recommended value unless the link gave them.
 */
function expected(
  now: UrlSettings,
  diff: Record<string, unknown>,
  given = new Set<string>(),
): Record<string, unknown> {
  const defaults = defaultsFor(now);
  const added = (Object.keys(now) as (keyof UrlSettings)[]).filter((k) => !KNOWN.has(k));
  const retuned = RETUNED.filter((k) => !given.has(k));
  return { ...renamed(diff), ...Object.fromEntries([...added, ...retuned].map((k) => [k, defaults[k]])) };
}

describe('links shared before the settings table', () => {
  it('holds links that use every renamed key, each still an older name of its setting', () => {
    const used = new Set(snapshot.links.flatMap(({ query }) => [...new URLSearchParams(query).keys()]));
    expect(Object.keys(SHARED_RENAMED).filter((old) => !used.has(old))).toEqual([]);
    expect(['lrSi', 'lrEwc'].filter((old) => !used.has(old))).toEqual([]);
    expect(Object.fromEntries(SETTING_ALIASES)).toEqual(SHARED_RENAMED);
    expect(snapshot.links.length).toBeGreaterThan(200);
  });

  it('held each retired setting, which the page no longer has', () => {
    expect([...RETIRED].filter((k) => !Object.hasOwn(snapshot.defaults, k))).toEqual([]);
    expect([...RETIRED].filter((k) => Object.hasOwn(URL_DEFAULTS, k))).toEqual([]);
  });

  it('have the same defaults under the new names', () => {
    expect(URL_DEFAULTS).toEqual(expected(URL_DEFAULTS, {}));
  });

  it.each(snapshot.links)('decodes $query as before', ({ query, settings, ignored }) => {
    const now = parseUrlSettings(query);
    const given = new Set(new URLSearchParams(query).keys());
    expect(now.settings).toEqual(expected(now.settings, settings, given));
    expect(now.ignored).toEqual(ignored);
  });

  it.each(snapshot.files)('reads the settings file $content as before', (entry) => {
    if ('error' in entry) {
      expect(() => readSettingsFile(entry.content)).toThrow(entry.error);
      return;
    }
    const now = readSettingsFile(entry.content);
    expect(now.settings).toEqual(expected(now.settings, entry.settings));
    expect(now.ignored).toEqual(entry.ignored);
  });
});
