import { describe, expect, it } from 'vitest';
import { recommendedParams } from '../engine/methods/registry';
import { settingValue } from '../engine/settingsTable';
import { STRENGTH_SLIDERS, settingSlider } from '../ui/network/runSliders';
import { followScenario, recommendedSettings } from './recommended';
import { formatUrlSettings, parseUrlSettings, URL_DEFAULTS, type UrlSettings } from './urlParams';

/** A decade on both sides on a log slider, a tenth of its span on a linear one. */
function roomAround(slider: { min: number; max: number; log?: boolean }, value: number): boolean {
  if (slider.log) return value >= 10 * slider.min && value <= slider.max / 10;
  const margin = (slider.max - slider.min) / 10;
  return value >= slider.min + margin && value <= slider.max - margin;
}

const CLASS = { protocol: 'split-mnist', scenario: 'class' } as const;
const classRec = recommendedParams('split-class');

describe('settings a scenario recommends', () => {
  it('start a bare link at the first click’s recommendations, and a split link at its own', () => {
    expect(URL_DEFAULTS).toMatchObject({
      ...recommendedParams('permuted-4'),
      learningRate: settingValue('learningRate', 'permuted-4'),
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

  it('sit on the strength and learning-rate sliders with room on both sides, in every scenario', () => {
    const sliders = [...STRENGTH_SLIDERS.map((s) => s.spec), settingSlider('learningRate')];
    const permuted = [4, 6, 10].map((tasks) => ({ ...URL_DEFAULTS, tasks }));
    const split = (['task', 'domain', 'class'] as const).map(
      (x) => ({ protocol: 'split-mnist', scenario: x }) as const,
    );
    for (const scenario of [...permuted, ...split]) {
      const recommended: Record<string, unknown> = recommendedSettings(scenario);
      const where = 'tasks' in scenario ? `${scenario.tasks} permuted tasks` : scenario.scenario;
      for (const slider of sliders) {
        const value = recommended[slider.setting] as number;
        expect(roomAround(slider, value), `${slider.setting} in ${where}: ${value}`).toBe(true);
      }
    }
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
    expect(followScenario(before, { seed: 3, tasks: 3 })).toEqual({});
    // Permuted MNIST with more tasks recommends weaker penalties.
    const more = recommendedParams('permuted-5');
    expect(followScenario(before, { tasks: 6 })).toMatchObject({ lambdaEwc: more.lambdaEwc });
  });
});
