import { describe, expect, it } from 'vitest';
import { METHOD_PARAMS } from '../engine/methods/registry';
import { hyperparametersOf, learningRateOverridesOf } from './runConfig';
import { URL_DEFAULTS } from './urlParams';

describe('URL settings → worker settings', () => {
  it('hands every method parameter to the worker, and only the per-method rates that are set', () => {
    const s = { ...URL_DEFAULTS, lambdaMas: 7, memory: 300, lrReplay: 0.01, lrSi: 0.5 };
    const hp = hyperparametersOf(s);
    for (const p of METHOD_PARAMS) expect(hp[p.key]).toBe(s[p.key]);
    expect(hp).toMatchObject({ lambdaMas: 7, memory: 300 });
    expect(learningRateOverridesOf(s)).toEqual({ si: 0.5, replay: 0.01 });
    expect(learningRateOverridesOf(URL_DEFAULTS)).toEqual({});
  });
});
