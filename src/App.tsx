import { lazy, Suspense, useEffect } from 'react';
import { session } from './store/session';
import { mirrorSettingsToUrl, useSettings } from './store/settings';
import { Header } from './ui/Header';
import { NetworkView } from './ui/NetworkView';
import { Notices } from './ui/Notices';
import { StatusBar } from './ui/StatusBar';

// The lab pulls in KaTeX and its own drawing code; load it only when it is shown.
const EllipseLab = lazy(() => import('./ui/lab/EllipseLab').then((m) => ({ default: m.EllipseLab })));

export function App() {
  const view = useSettings((s) => s.view);
  const theme = useSettings((s) => s.theme);

  useEffect(() => mirrorSettingsToUrl(), []);
  useEffect(() => {
    // The worker starts at once so the status bar can say which backend it chose.
    session.ensure();
  }, []);
  useEffect(() => {
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <Header />
      <Notices />
      <main className="view" id="main">
        {view === 'lab' ? (
          <Suspense fallback={<p className="loading">Loading the ellipse lab…</p>}>
            <EllipseLab />
          </Suspense>
        ) : (
          <NetworkView />
        )}
      </main>
      <StatusBar />
    </div>
  );
}
