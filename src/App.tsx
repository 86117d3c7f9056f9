import { lazy, Suspense, useEffect } from 'react';
import { enterSceneFromUrl } from './lesson/navigation';
import { session } from './store/session';
import { mirrorSettingsToUrl, useSettings } from './store/settings';
import { useUi } from './store/ui';
import { Header } from './ui/Header';
import { LessonPanel } from './ui/lesson/LessonPanel';
import { NetworkView } from './ui/NetworkView';
import { Notices } from './ui/Notices';
import { ShortcutsOverlay } from './ui/ShortcutsOverlay';
import { StatusBar } from './ui/StatusBar';
import { useShortcuts } from './ui/useShortcuts';
import { useTheme } from './ui/useTheme';

// The lab pulls in KaTeX and its own drawing code; load it only when it is shown.
const EllipseLab = lazy(() => import('./ui/lab/EllipseLab').then((m) => ({ default: m.EllipseLab })));

export function App() {
  const view = useSettings((s) => s.view);
  const theme = useSettings((s) => s.theme);
  // Embedded in a course page (?embed=1): the view alone, without header and status bar.
  const embed = useSettings((s) => s.embed);
  const controlsHidden = useUi((s) => s.controlsHidden);

  useShortcuts();
  useEffect(() => mirrorSettingsToUrl(), []);
  // Before the worker starts, so it starts on the scene's settings.
  useEffect(() => enterSceneFromUrl(location.search), []);
  useEffect(() => {
    // The worker starts at once so the status bar can say which backend it chose.
    session.ensure();
  }, []);
  useTheme(theme);

  return (
    <div className={['app', embed && 'embed', controlsHidden && 'controls-hidden'].filter(Boolean).join(' ')}>
      {!embed && <Header />}
      <Notices />
      <LessonPanel />
      <main className="view" id="main">
        {view === 'lab' ? (
          <Suspense fallback={<p className="loading">Loading the ellipse lab…</p>}>
            <EllipseLab />
          </Suspense>
        ) : (
          <NetworkView />
        )}
      </main>
      {!embed && <StatusBar />}
      <ShortcutsOverlay />
    </div>
  );
}
