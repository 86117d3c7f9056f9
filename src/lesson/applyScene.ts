/** Turns a lesson scene into store updates: the settings (URL), the lab and the network view's figure. */
import { CL_METHODS } from '../engine/quadratic/methods';
import { defaultLabSettings, type LabSettings, useLabStore } from '../store/labStore';
import { usePanelTab } from '../store/panelTab';
import { session } from '../store/session';
import { useSettings } from '../store/settings';
import { defaultsFor, URL_DEFAULTS, type UrlSettings } from '../store/urlParams';
import type { LabSetup, RunSettings, Scene } from './sceneTypes';

/** The page's own settings, which a scene never touches (the view it sets explicitly). */
const PAGE_KEYS: readonly (keyof UrlSettings)[] = [
  'view',
  'scene',
  'embed',
  'backend',
  'theme',
  'zoom',
  'mapLog',
  'unscramble',
  'debug',
];
const RUN_KEYS = (Object.keys(URL_DEFAULTS) as (keyof UrlSettings)[]).filter((k) => !PAGE_KEYS.includes(k));

/**
 * The settings of a scene: every run setting at its default (in the scene's scenario: its
 * recommended network, schedule and strengths) unless the scene names it, so a scene looks the
 * same from whichever scene it was reached. Keys in `keep` stay as they are.
 */
export function sceneSettings(scene: Scene, keep: ReadonlySet<string>): Partial<UrlSettings> {
  const scenario = {
    protocol: URL_DEFAULTS.protocol,
    scenario: URL_DEFAULTS.scenario,
    tasks: URL_DEFAULTS.tasks,
    ...scene.run,
  };
  const run: Partial<RunSettings> = { ...defaultsFor(scenario), ...scenario };
  const patch: Partial<UrlSettings> = Object.fromEntries(
    RUN_KEYS.filter((k) => !keep.has(k)).map((k) => [k, run[k as keyof RunSettings]]),
  );
  return { ...patch, view: scene.view, scene: scene.id };
}

/** The lab with a scene's changes on top (any part left out stays as it is). */
export function withLab(s: LabSettings, change: Omit<LabSetup, 'preset'>): LabSettings {
  const { params, overlays, show } = change;
  return {
    ...s,
    params: { ...s.params, ...params },
    overlays: { ...s.overlays, ...overlays },
    visible: show
      ? (Object.fromEntries(CL_METHODS.map((m) => [m, show.includes(m)])) as LabSettings['visible']) // keys: CL_METHODS
      : s.visible,
  };
}

/** What a link gave on top of ?scene=<id>: run settings (by URL key) and the lab's settings, if any. */
export interface GivenInUrl {
  readonly runKeys: ReadonlySet<string>;
  readonly lab: LabSettings | null;
}
const NOTHING_GIVEN: GivenInUrl = { runKeys: new Set(), lab: null };

/** Sets up a scene; what `given` names stays as the link had it (the scene still picks overlays and methods). */
export function applyScene(scene: Scene, given: GivenInUrl = NOTHING_GIVEN): void {
  const now = useSettings.getState();
  // What the link gave is named in the change too, so a new scenario's recommendations leave it be.
  const kept = Object.fromEntries(
    RUN_KEYS.filter((k) => given.runKeys.has(k)).map((k) => [k, now[k]]),
  ) as Partial<UrlSettings>;
  now.set({ ...kept, ...sceneSettings(scene, given.runKeys) });
  if (scene.lab) {
    const { overlays, show } = scene.lab;
    const lab = given.lab
      ? withLab(given.lab, { overlays, show })
      : withLab(defaultLabSettings(scene.lab.preset), scene.lab);
    useLabStore.getState().replaceSettings(lab);
  }
  if (scene.panel) usePanelTab.getState().setTab(scene.panel);
}

/** The reveal of a prediction: a lab scene shows what was held back, a network scene starts its run. */
export function revealScene(scene: Scene): void {
  const change = scene.predict?.labAtReveal;
  if (change) useLabStore.getState().replaceSettings(withLab(useLabStore.getState().settings, change));
  if (scene.view === 'network') session.start();
}
