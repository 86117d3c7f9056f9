import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS, recommendedHyperparameters } from '../engine/defaults';
import { METHOD_PARAMS } from '../engine/methods/registry';
import { hyperparametersOf, learningRateOverridesOf, runConfigOf } from './runConfig';
import { parseUrlSettings, URL_DEFAULTS } from './urlParams';

describe('URL settings → worker settings', () => {
  it('hands every method parameter to the worker, and only the per-method rates that are set', () => {
    const s = { ...URL_DEFAULTS, lambdaMas: 7, memory: 300, learningRateReplay: 0.01, learningRateSi: 0.5 };
    const hp = hyperparametersOf(s);
    for (const p of METHOD_PARAMS) expect(hp[p.key]).toBe(s[p.key]);
    expect(hp).toMatchObject({ lambdaMas: 7, memory: 300 });
    expect(learningRateOverridesOf(s)).toEqual({ si: 0.5, replay: 0.01 });
    expect(learningRateOverridesOf(URL_DEFAULTS)).toEqual({});
  });

  it('hands the worker every shared setting a link gives, under the same name, and the others at their default', () => {
    const { settings, ignored } = parseUrlSettings(
      '?lr=0.02&batchSize=16&fisher=exact&samples=300&ewcOnline=1&gamma=0.25&protocol=split-mnist&scenario=class',
    );
    expect(ignored).toEqual([]);
    expect(hyperparametersOf(settings)).toEqual({
      ...recommendedHyperparameters('split-class'),
      learningRate: 0.02,
      batchSize: 16,
      fisher: 'exact',
      fisherSamples: 300,
      ewcOnline: true,
      gamma: 0.25,
    });
    expect(hyperparametersOf(URL_DEFAULTS)).toEqual(DEFAULT_HYPERPARAMETERS);
  });

  it('builds a sweep’s lanes from a link, in place of its methods', () => {
    const { settings, ignored } = parseUrlSettings(
      '?protocol=split-mnist&scenario=task&sweep=si&sweepLanes=4&methods=sgd,ewc&epochs=0',
    );
    expect(ignored).toEqual([]);
    const config = runConfigOf(settings);
    expect(config.methods).toEqual(['si', 'si', 'si', 'si']);
    expect(config.lanes?.map((l) => l.params?.c)).toEqual([0, 0.01, 1, 100]);
    expect(runConfigOf(URL_DEFAULTS).lanes).toBeUndefined();
  });

  it.each(['sgd', 'joint', 'constructor', '__proto__', 'SI,EWC'])('ignores sweep=%s with a notice', (raw) => {
    const { settings, ignored } = parseUrlSettings(`?sweep=${encodeURIComponent(raw)}&sweepLanes=9`);
    expect(settings.sweep).toBe('off');
    expect(settings.sweepLanes).toBe(URL_DEFAULTS.sweepLanes);
    expect(ignored).toEqual([
      expect.stringContaining('not a valid value; using off'),
      expect.stringContaining('sweepLanes=9 (not a valid value; using 4)'),
    ]);
    expect(runConfigOf(settings).lanes).toBeUndefined();
  });

  it('expands every method into its seed lanes, method-major, from the run’s seed', () => {
    const { settings, ignored } = parseUrlSettings('?methods=sgd,ewc&seed=5&seedLanes=3');
    expect(ignored).toEqual([]);
    const config = runConfigOf(settings);
    expect(config.methods).toEqual(['sgd', 'sgd', 'sgd', 'ewc', 'ewc', 'ewc']);
    expect(config.lanes?.map((l) => [l.method, l.seed])).toEqual([
      ['sgd', 5],
      ['sgd', 6],
      ['sgd', 7],
      ['ewc', 5],
      ['ewc', 6],
      ['ewc', 7],
    ]);
    expect(runConfigOf(parseUrlSettings('?seedLanes=1').settings).lanes).toBeUndefined();
  });

  it('lets a strength sweep win over seed lanes', () => {
    const { settings } = parseUrlSettings(
      '?protocol=split-mnist&scenario=task&sweep=si&sweepLanes=3&seedLanes=4',
    );
    const config = runConfigOf(settings);
    expect(config.methods).toEqual(['si', 'si', 'si']);
    expect(config.lanes?.every((l) => l.seed === undefined && l.params?.c !== undefined)).toBe(true);
  });

  it.each(['0', '9', '2.5', 'two'])('ignores seedLanes=%s with a notice', (raw) => {
    const { settings, ignored } = parseUrlSettings(`?seedLanes=${raw}`);
    expect(settings.seedLanes).toBe(1);
    expect(ignored).toEqual([expect.stringContaining(`seedLanes=${raw} (not a valid value; using 1)`)]);
    expect(runConfigOf(settings).lanes).toBeUndefined();
  });
});
