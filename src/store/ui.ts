import { create } from 'zustand';
import { useSettings } from './settings';
import type { Theme } from './urlParams';

/** Page state that is not a setting (not in the URL): open overlays, the theme to return to. */
interface UiState {
  shortcutsOpen: boolean;
  /** Settings columns hidden, to give the figures the whole screen on a projector. */
  controlsHidden: boolean;
  /** The theme projector mode replaced, restored when it is switched off. */
  themeBeforeProjector: Theme;
  /** The live accuracy table opened or closed by hand; null: as the screen allows (see AccuracyTable). */
  accuracyTableOpen: boolean | null;
}

export const useUi = create<UiState>(() => ({
  shortcutsOpen: false,
  controlsHidden: false,
  themeBeforeProjector: 'auto',
  accuracyTableOpen: null,
}));

export function toggleControls(): void {
  useUi.setState((s) => ({ controlsHidden: !s.controlsHidden }));
}

export function toggleShortcuts(open = !useUi.getState().shortcutsOpen): void {
  useUi.setState({ shortcutsOpen: open });
}

export function toggleProjector(): void {
  const { theme, set } = useSettings.getState();
  if (theme === 'projector') {
    set({ theme: useUi.getState().themeBeforeProjector });
  } else {
    useUi.setState({ themeBeforeProjector: theme });
    set({ theme: 'projector' });
  }
}
