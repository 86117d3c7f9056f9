import { create } from 'zustand';
import { useLabStore } from './labStore';
import { formatLabSettings, LAB_URL_KEYS, parseLabSettings } from './labUrl';
import { followScenario } from './recommended';
import {
  formatUrlSettings,
  parseUrlSettings,
  URL_FORMAT_VERSION,
  type UrlSettings,
  urlSettingsOf,
} from './urlParams';

/** Settings: the single source of truth, mirrored in the URL. */
interface SettingsState extends UrlSettings {
  /** URL parameters (or a loaded settings file's entries) that were ignored, for the notice. */
  ignoredParams: string[];
  /** Where they came from: null for the link, else the settings file's name. */
  ignoredFrom: string | null;
  /** Changes settings; a new scenario brings its recommendations for every value left at the old one's. */
  set: (patch: Partial<UrlSettings>) => void;
  dismissIgnored: () => void;
}

const search = typeof location === 'undefined' ? '' : location.search;
const initial = parseUrlSettings(search, LAB_URL_KEYS);
const initialLab = parseLabSettings(search);
if (initialLab.settings) useLabStore.getState().replaceSettings(initialLab.settings);

export const useSettings = create<SettingsState>((set) => ({
  ...initial.settings,
  ignoredParams: [...initial.ignored, ...initialLab.ignored],
  ignoredFrom: null,
  set: (patch) => set((state) => ({ ...followScenario(state, patch), ...patch })),
  dismissIgnored: () => set({ ignoredParams: [] }),
}));

/** The query string for everything in the URL: the main settings, then the lab's. */
export function currentQuery(): string {
  const params = new URLSearchParams(formatUrlSettings(urlSettingsOf(useSettings.getState())));
  for (const [key, value] of formatLabSettings(useLabStore.getState().settings)) params.set(key, value);
  if (params.size > 0 && !params.has('v')) params.set('v', String(URL_FORMAT_VERSION));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Keeps the address bar in step with the settings (replaceState: no history entry per slider move). */
export function mirrorSettingsToUrl(): () => void {
  const update = () => {
    const query = currentQuery();
    if (query !== location.search)
      history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
  };
  const unsubscribers = [useSettings.subscribe(update), useLabStore.subscribe(update)];
  return () => {
    for (const u of unsubscribers) u();
  };
}
