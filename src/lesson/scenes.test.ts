import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { defaultLabSettings } from '../store/labStore';
import { useSettings } from '../store/settings';
import { URL_DEFAULTS } from '../store/urlParams';
import { applyScene, sceneSettings, withLab } from './applyScene';
import { SCENES } from './scenes';

/** Catches a lecturer's slip in scenes.ts before it reaches a lecture hall. */
describe('the lesson scenes', () => {
  it('have unique ids, and every lab scene says how to set up the lab', () => {
    expect(new Set(SCENES.map((s) => s.id)).size).toBe(SCENES.length);
    for (const s of SCENES) if (s.view === 'lab') expect(s.lab, s.id).toBeDefined();
  });

  it('have formulas KaTeX can typeset', () => {
    for (const s of SCENES)
      expect(() => katex.renderToString(s.formula, { throwOnError: true }), s.id).not.toThrow();
  });

  it('point each prediction at one of its choices', () => {
    for (const { id, predict } of SCENES) {
      if (!predict?.choices) continue;
      expect(predict.answer, id).toBeGreaterThanOrEqual(0);
      expect(predict.answer, id).toBeLessThan(predict.choices.length);
    }
  });
});

describe('applying a scene', () => {
  const network = SCENES.find((s) => s.view === 'network' && s.run?.methods)!;

  it('puts every run setting the scene leaves out back to its default, and leaves the page alone', () => {
    const patch = sceneSettings(network, new Set());
    expect(patch).toMatchObject({
      ...network.run,
      view: 'network',
      scene: network.id,
      learningRate: URL_DEFAULTS.learningRate,
    });
    for (const key of ['theme', 'backend', 'embed'] as const) expect(patch).not.toHaveProperty(key);
  });

  it('keeps the settings a link gave', () => {
    expect(sceneSettings(network, new Set(['methods']))).not.toHaveProperty('methods');
  });

  it('sets a scene in another scenario to that scenario’s recommendations, but keeps what the link gave', () => {
    const scene = SCENES.find((s) => s.run?.protocol === 'split-mnist')!;
    // The link gave λ_EWC at the first click's recommendation; the scene's scenario recommends another.
    useSettings.getState().set({ ...URL_DEFAULTS });
    applyScene(scene, { runKeys: new Set(['lambdaEwc']), lab: null });
    const s = useSettings.getState();
    expect(s.lambdaEwc).toBe(URL_DEFAULTS.lambdaEwc);
    expect(s.c).not.toBe(URL_DEFAULTS.c);
    expect(s).toMatchObject({ ...scene.run, scene: scene.id });
  });

  it('changes only what a lab change names', () => {
    const base = defaultLabSettings('ewc-paper');
    const next = withLab(base, { params: { noise: 0.5 }, show: ['si'] });
    expect(next.params).toEqual({ ...base.params, noise: 0.5 });
    expect(next.visible).toEqual({ sgd: false, l2: false, ewc: false, si: true });
    expect(next.overlays).toEqual(base.overlays);
  });
});
