import { describe, expect, it } from 'vitest';
import { RECOMMENDED_SCHEDULE } from '../engine/defaults';
import { recommendedParams } from '../engine/methods/registry';
import { followScenario, recommendedSettings } from './recommended';
import { formatUrlSettings, parseUrlSettings, URL_DEFAULTS, type UrlSettings } from './urlParams';

const CLASS = { protocol: 'split-mnist', scenario: 'class' } as const;
const classRec = recommendedParams('split-class');

describe('settings a scenario recommends', () => {
  it('start a bare link at the first click’s recommendations, and a split link at its own', () => {
    expect(URL_DEFAULTS).toMatchObject({
      ...recommendedParams('permuted'),
      lr: RECOMMENDED_SCHEDULE.permuted.learningRate,
    });
    const { settings } = parseUrlSettings('?protocol=split-mnist&scenario=class');
    expect(settings).toMatchObject({ ...classRec, ...recommendedSettings(CLASS) });
  });

  it('leave a value at its scenario’s recommendation out of the link and keep a value the user set', () => {
    const atRecommended = { ...URL_DEFAULTS, ...CLASS, ...recommendedSettings(CLASS) };
    expect(formatUrlSettings(atRecommended)).toBe('?protocol=split-mnist&scenario=class&v=1');
    const own = formatUrlSettings({ ...atRecommended, lambdaEwc: classRec.lambdaEwc * 3 });
    expect(own).toContain(`lambdaEwc=${classRec.lambdaEwc * 3}`);
    expect(parseUrlSettings(own).settings.lambdaEwc).toBe(classRec.lambdaEwc * 3);
  });

  it('follow a change of scenario unless the user set them', () => {
    const before: UrlSettings = { ...URL_DEFAULTS, c: 42 };
    const follow = followScenario(before, CLASS);
    expect(follow).toMatchObject({
      lambdaEwc: classRec.lambdaEwc,
      hidden: recommendedSettings(CLASS).hidden,
    });
    expect(follow).not.toHaveProperty('c');
    // What the change names itself wins, and a change within the scenario brings nothing.
    expect(followScenario(before, { ...CLASS, lambdaEwc: 7 })).not.toHaveProperty('lambdaEwc');
    expect(followScenario(before, { seed: 3, tasks: 6 })).toEqual({});
  });
});
