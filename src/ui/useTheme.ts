import { useEffect } from 'react';
import type { Theme } from '../store/urlParams';

const DARK = '(prefers-color-scheme: dark)';

/** Puts the theme on <html data-theme>; "auto" follows the system's light/dark preference, live. */
export function useTheme(theme: Theme): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme !== 'auto') {
      root.dataset.theme = theme;
      return;
    }
    const media = window.matchMedia(DARK);
    const apply = () => {
      root.dataset.theme = media.matches ? 'dark' : 'light';
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
