import { describe, expect, it } from 'vitest';
import { seedLanesOf } from '../engine/seedLanes';
import type { ResultsState } from './results';
import { readSettingsFile, runCsvRows, runJson, settingsFile } from './runExport';
import { URL_DEFAULTS, type UrlSettings } from './urlParams';

const run: ResultsState = {
  phase: 'paused',
  startup: null,
  stalled: null,
  backend: null,
  errors: [],
  config: {
    protocol: 'split-mnist',
    scenario: 'domain',
    tasks: 5,
    methods: ['sgd', 'si'],
    seed: 3,
    hidden: [32],
  },
  taskNames: ['0/1', '2/3'],
  initialAccuracy: [0.5, 0.5],
  laneInitialAccuracy: [
    [0.5, 0.5],
    [0.5, 0.5],
  ],
  testDigits: [420, 400],
  liveTestDigits: [420, 400],
  evaluations: [
    {
      step: 10,
      task: 0,
      full: false,
      accuracy: Float32Array.from([0.9, 0.4, 0.8, 0.45]),
      trainLoss: Float32Array.from([0.3, 0.35]),
      penalty: Float32Array.from([0, 0]),
      numTensors: 40,
      diagnostics: [null, null],
      frozen: null,
    },
  ],
  switches: [],
  diverged: {},
  landscape: null,
  landscapeProgress: null,
  stepsPerSecond: null,
  workerMs: { train: 0, evaluate: 0 },
  journal: [],
  restore: null,
} as ResultsState;

describe('run export', () => {
  it('writes a settings file that reads back to the same settings', () => {
    const settings: UrlSettings = {
      ...URL_DEFAULTS,
      methods: ['ewc', 'si'],
      c: 2,
      ewcOnline: true,
      hidden: [64, 64],
    };
    const back = readSettingsFile(settingsFile(settings));
    expect(back.settings).toEqual(settings);
    expect(back.ignored).toEqual([]);
  });

  it('lists what a hand-edited settings file got wrong and keeps the rest', () => {
    const text = JSON.stringify({
      kind: 'forgetting-playground-settings',
      settings: { c: -5, seed: 9, nonsense: 1 },
    });
    const { settings, ignored } = readSettingsFile(text);
    expect(settings.seed).toBe(9);
    expect(settings.c).toBe(URL_DEFAULTS.c);
    expect(ignored).toHaveLength(2);
  });

  it('ignores inherited names in a settings file, as keys and as values', () => {
    const names = Object.getOwnPropertyNames(Object.prototype);
    // JSON.parse makes "__proto__" an own key, as a hand-edited or hostile file would have it.
    const text = `{"kind":"forgetting-playground-settings","settings":{${names
      .map((n) => `"${n}":1`)
      .join(',')},"seed":5,"online":"constructor","theme":"__proto__","methods":{"a":1},"c":null}}`;
    const { settings, ignored } = readSettingsFile(text);
    expect(settings).toEqual({ ...URL_DEFAULTS, seed: 5 });
    expect(ignored).toHaveLength(names.length + 4);
    expect(ignored).toContain('__proto__ (unknown parameter)');
  });

  it('names a deeply nested value instead of walking it', () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const text = `{"kind":"forgetting-playground-settings","settings":{"hidden":${deep},"seed":2}}`;
    const { settings, ignored } = readSettingsFile(text);
    expect(settings.seed).toBe(2);
    expect(ignored).toEqual([
      `hidden=(a nested list) (not a valid value; using ${URL_DEFAULTS.hidden.join(',')})`,
    ]);
  });

  it('reads a file saved with a byte-order mark, and notes an unknown format version', () => {
    const text = `\uFEFF${JSON.stringify({ kind: 'forgetting-playground-settings', version: 7, settings: { seed: 4 } })}`;
    const { settings, ignored } = readSettingsFile(text);
    expect(settings.seed).toBe(4);
    expect(ignored).toEqual(['v=7 (unknown link version; read as version 1)']);
  });

  it('refuses files that are not settings files', () => {
    expect(() => readSettingsFile('{oops')).toThrow(/not JSON/);
    expect(() => readSettingsFile('{"kind":"other"}')).toThrow(/not a Forgetting Playground settings file/);
  });

  it('writes one CSV row per evaluation and method with the accuracy on every task', () => {
    const rows = runCsvRows(run);
    expect(rows[0]).toEqual([
      'step',
      'trained_task',
      'test_set',
      'method',
      'seed',
      'train_loss',
      'penalty',
      'accuracy_task1',
      'accuracy_task2',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[2].slice(0, 5)).toEqual([10, 1, 'live subset', 'SI', 3]);
    expect(rows[2].slice(7)).toEqual([Math.fround(0.8), Math.fround(0.45)]);
  });

  it('adds the methods’ diagnostics and frozen outputs where a method reports them', () => {
    const agem = { references: 8, projected: 3, cosine: 0.4, cosineSquared: 2 };
    const kept = { old: 0.9, current: 0.7, agreement: 0.8 };
    const withHooks: ResultsState = {
      ...run,
      config: { ...run.config!, methods: ['lwf', 'agem'] },
      evaluations: run.evaluations.map((e) => ({ ...e, diagnostics: [null, agem], frozen: [kept, null] })),
    };
    const rows = runCsvRows(withHooks);
    expect(rows[0].slice(9)).toEqual([
      'references',
      'projected',
      'cosine',
      'cosineSquared',
      'frozen_old',
      'frozen_current',
      'frozen_agreement',
    ]);
    expect(rows[1].slice(9)).toEqual(['', '', '', '', 0.9, 0.7, 0.8]);
    expect(rows[2].slice(9)).toEqual([8, 3, 0.4, 2, '', '', '']);
    const json = JSON.parse(runJson(withHooks, URL_DEFAULTS));
    expect(json.evaluations[0].diagnostics).toEqual({ agem });
    expect(json.evaluations[0].frozen).toEqual({ lwf: kept });
  });

  it('writes every seed’s lane with its seed, in the CSV and the JSON', () => {
    // Two seeds of SGD (lanes 0, 1): the same accuracies as the two methods above, now seeds 3 and 4.
    const lanes = seedLanesOf(['sgd'], 3, 2);
    const seeded: ResultsState = { ...run, config: { ...run.config!, methods: ['sgd', 'sgd'], lanes } };
    const rows = runCsvRows(seeded);
    expect(rows.slice(1).map((r) => r.slice(3, 5))).toEqual([
      ['SGD', 3],
      ['SGD', 4],
    ]);
    expect(rows[2][7]).toBe(Math.fround(0.8));
    const json = JSON.parse(runJson(seeded, URL_DEFAULTS));
    expect(Object.keys(json.evaluations[0].accuracy)).toEqual(['sgd@3', 'sgd@4']);
  });

  it('writes the run as JSON with accuracies by method', () => {
    const json = JSON.parse(runJson(run, URL_DEFAULTS));
    expect(json.kind).toBe('forgetting-playground-run');
    expect(json.evaluations[0].accuracy.si).toEqual([Math.fround(0.8), Math.fround(0.45)]);
    expect(json.config.seed).toBe(3);
  });
});
