/** Moving through the guided lesson. The scene's id lives in the settings, so it is in the URL. */
import { parseLabSettings } from '../store/labUrl';
import { useResults } from '../store/results';
import { changedKeys, runConfigOf } from '../store/runConfig';
import { NO_SCENE } from '../store/sceneLinks';
import { session } from '../store/session';
import { useSettings } from '../store/settings';
import { parseUrlSettings } from '../store/urlParams';
import { applyScene, type GivenInUrl } from './applyScene';
import { SCENES } from './scenes';

export const SCENE_COUNT = SCENES.length;

/** A scene's position in the lesson (1-based, "scene k of N"); 0 for no lesson or an id the lesson lacks. */
export const scenePosition = (id: string): number => SCENES.findIndex((s) => s.id === id) + 1;

/** Scene n (1-based) of the lesson; a number outside the lesson does nothing. */
export function goToScene(n: number): void {
  const scene = SCENES[n - 1];
  if (!scene) return;
  const before = runConfigOf(useSettings.getState());
  applyScene(scene);
  if (scene.view === 'network') {
    // A changed run configuration restarts the run by itself (store/session.ts); an unchanged one
    // is restarted here, so a scene's prediction always comes before a fresh run.
    if (changedKeys(runConfigOf(useSettings.getState()), before).length === 0) session.reset();
  } else if (useResults.getState().phase === 'training') {
    // The lab computes on the page's thread: it gets the machine to itself.
    session.pause();
  }
}

/** The next or previous scene of the lesson under way; outside a lesson, nothing. */
const step = (delta: number): void => {
  const n = scenePosition(useSettings.getState().scene);
  if (n > 0) goToScene(n + delta);
};
export const nextScene = (): void => step(1);
export const prevScene = (): void => step(-1);
export const exitLesson = (): void => useSettings.getState().set({ scene: NO_SCENE });

/** The main settings the link gives (present and valid), and the lab's when it gives any. */
function givenInUrl(search: string): GivenInUrl {
  // By the settings' keys, so a link's older name (`lr`) keeps its setting as the new one (`learningRate`) does.
  return { runKeys: parseUrlSettings(search).given, lab: parseLabSettings(search).settings };
}

/**
 * On load, a link with ?scene=<id> (or an old link's ?scene=N, read as the id it opened then:
 * src/store/sceneLinks.ts) sets up that scene. Settings the link gives explicitly (run or lab) win
 * over the scene's, so a copied link reproduces what its author saw after moving a slider. A scene
 * the lesson does not have is dropped with a notice, like any other bad parameter.
 */
export function enterSceneFromUrl(search: string): void {
  const id = useSettings.getState().scene;
  if (id === NO_SCENE) return;
  const scene = SCENES[scenePosition(id) - 1];
  if (scene) applyScene(scene, givenInUrl(search));
  else
    useSettings.setState((s) => ({
      scene: NO_SCENE,
      ignoredParams: [...s.ignoredParams, `scene=${id} (the lesson has no such scene; using 0)`],
    }));
}
