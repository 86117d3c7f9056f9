import { describe, expect, it } from 'vitest';
import { LEGACY_SCENE_ORDER, NO_SCENE } from '../store/sceneLinks';
import { useSettings } from '../store/settings';
import { formatUrlSettings, parseUrlSettings, URL_DEFAULTS } from '../store/urlParams';
import { applyScene } from './applyScene';
import { enterSceneFromUrl, scenePosition } from './navigation';
import { SCENES } from './scenes';

/** Opens a link as the page does on load: its settings, then its scene. */
function open(query: string): void {
  const { settings, ignored } = parseUrlSettings(query);
  useSettings.setState({ ...settings, ignoredParams: ignored });
  enterSceneFromUrl(query);
}

describe('links to lesson scenes', () => {
  it('name every scene of the old numbering, which the lesson still has', () => {
    expect(LEGACY_SCENE_ORDER).toHaveLength(13);
    expect(LEGACY_SCENE_ORDER.filter((id) => scenePosition(id) === 0)).toEqual([]);
  });

  it('open, by an old number, the scene that number opened before (not the one at that position now)', () => {
    LEGACY_SCENE_ORDER.forEach((id, i) => {
      open(`?scene=${i + 1}`);
      expect(useSettings.getState().scene, `?scene=${i + 1}`).toBe(id);
    });
    open('?scene=6');
    expect(useSettings.getState().scene).toBe('first-click');
    expect(SCENES[5]?.id).not.toBe('first-click');
  });

  it('are written with the scene’s id, and read back as the same scene', () => {
    for (const scene of SCENES) {
      applyScene(scene);
      const query = formatUrlSettings(useSettings.getState());
      expect(new URLSearchParams(query).get('scene')).toBe(scene.id);
      open(query);
      expect(useSettings.getState()).toMatchObject({ scene: scene.id, ignoredParams: [] });
    }
  });

  it('count a scene’s place in the lesson as it is now ("scene k of N")', () => {
    expect(SCENES.map((s) => scenePosition(s.id))).toEqual(SCENES.map((_, i) => i + 1));
    expect(scenePosition(NO_SCENE)).toBe(0);
  });

  it('drop a scene the lesson lacks with a notice, by number or by name', () => {
    for (const [query, shown] of [
      ['?scene=99', 'scene=99'],
      ['?scene=no-such-scene', 'scene=no-such-scene'],
    ]) {
      open(query);
      expect(useSettings.getState().scene).toBe(NO_SCENE);
      expect(useSettings.getState().ignoredParams.join(' ')).toContain(shown);
    }
    expect(parseUrlSettings('?scene=0').settings.scene).toBe(URL_DEFAULTS.scene);
    expect(parseUrlSettings('?scene=javascript:alert(1)').ignored).toEqual([
      'scene=javascript:alert(1) (not a valid value; using 0)',
    ]);
  });
});
