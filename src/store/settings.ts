import { create } from 'zustand';
import { formatUrlSettings, parseUrlSettings, type UrlSettings } from './urlParams';

/** Settings: the single source of truth, mirrored in the URL. */
interface SettingsState extends UrlSettings {
  /** URL parameters that were ignored at load, for the notice. */
  ignoredParams: string[];
  set: (patch: Partial<UrlSettings>) => void;
  dismissIgnored: () => void;
}

const initial = parseUrlSettings(typeof location === 'undefined' ? '' : location.search);

export const useSettings = create<SettingsState>((set) => ({
  ...initial.settings,
  ignoredParams: initial.ignored,
  set: (patch) => set(patch),
  dismissIgnored: () => set({ ignoredParams: [] }),
}));

/** Keeps the address bar in step with the settings (replaceState: no history entry per slider move). */
export function mirrorSettingsToUrl(): () => void {
  return useSettings.subscribe((s) => {
    const query = formatUrlSettings({ view: s.view, backend: s.backend, theme: s.theme });
    if (query !== location.search && !(query === '' && location.search === '')) {
      history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
    }
  });
}
