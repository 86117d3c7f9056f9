import { goToScene } from '../lesson/navigation';
import { NO_SCENE } from '../store/sceneLinks';
import { useSettings } from '../store/settings';
import { toggleControls, toggleProjector, toggleShortcuts, useUi } from '../store/ui';
import { THEMES, type Theme, type View } from '../store/urlParams';
import { ShareMenu } from './ShareMenu';

const VIEW_LABELS: Record<View, string> = { network: 'Network run', lab: 'Ellipse lab' };
const THEME_LABELS: Record<Theme, string> = {
  auto: 'System',
  light: 'Light',
  dark: 'Dark',
  projector: 'Projector',
};

export function Header() {
  const view = useSettings((s) => s.view);
  const theme = useSettings((s) => s.theme);
  const inLesson = useSettings((s) => s.scene !== NO_SCENE);
  const set = useSettings((s) => s.set);
  const controlsHidden = useUi((s) => s.controlsHidden);
  return (
    <header className="header">
      <h1>Forgetting Playground</h1>
      <nav aria-label="Views" className="tabs">
        {(Object.keys(VIEW_LABELS) as View[]).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => set({ view: v })}>
            {VIEW_LABELS[v]}
          </button>
        ))}
      </nav>
      <button
        type="button"
        aria-pressed={inLesson}
        onClick={() => goToScene(1)}
        title="The guided lesson, from scene 1 (→ or PageDown: next scene)"
      >
        Lesson
      </button>
      <label className="theme-picker">
        <span className="visually-hidden">Theme</span>
        <select value={theme} onChange={(e) => set({ theme: e.target.value as Theme })}>
          {THEMES.map((t) => (
            <option key={t} value={t}>
              {THEME_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        aria-pressed={controlsHidden}
        onClick={toggleControls}
        title="Hide the settings columns (H)"
      >
        Hide controls
      </button>
      <button
        type="button"
        aria-pressed={theme === 'projector'}
        onClick={toggleProjector}
        title="Projector mode (P)"
      >
        Projector
      </button>
      <ShareMenu />
      <button
        type="button"
        onClick={() => toggleShortcuts()}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
    </header>
  );
}
