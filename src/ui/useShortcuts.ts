import { useEffect } from 'react';
import { nextScene, prevScene } from '../lesson/navigation';
import { answerNewRun, unlessAsking, usePendingRun } from '../store/pendingRun';
import { useResults } from '../store/results';
import { session } from '../store/session';
import { useSettings } from '../store/settings';
import { toggleControls, toggleProjector, toggleShortcuts, useUi } from '../store/ui';
import type { View } from '../store/urlParams';

export interface Shortcut {
  /** KeyboardEvent.key values that trigger it. */
  keys: string[];
  /** How the overlay writes the keys. */
  label: string;
  does: string;
  /** Only in this view; everywhere when absent. */
  view?: View;
  run: (e: KeyboardEvent) => void;
}

const togglePlay = () =>
  useResults.getState().phase === 'training' ? session.pause() : unlessAsking('Start', session.start);

/** Esc closes the shortcut list, else answers a pending "Start a new run?" with no. */
const closeOrKeep = () => {
  if (useUi.getState().shortcutsOpen) toggleShortcuts(false);
  else if (usePendingRun.getState().patch) answerNewRun(false);
};

/** Every shortcut, in the order the "?" overlay lists them. */
export const SHORTCUTS: Shortcut[] = [
  { keys: [' '], label: 'Space', does: 'Start or pause the network run', view: 'network', run: togglePlay },
  {
    keys: ['s', 'S'],
    label: 'S',
    does: 'One training step',
    view: 'network',
    run: () => unlessAsking('Step', () => session.step('batch')),
  },
  {
    keys: ['r', 'R'],
    label: 'R',
    does: 'Reset the run (same seed)',
    view: 'network',
    run: () => unlessAsking('Reset', session.reset),
  },
  {
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    label: '1–9',
    does: 'Train on task 1–9',
    view: 'network',
    run: (e) => unlessAsking(`Task ${e.key}`, () => session.switchTask(Number(e.key) - 1)),
  },
  // Presentation clickers send PageDown and PageUp.
  {
    keys: ['ArrowRight', 'PageDown'],
    label: '→ or PageDown',
    does: 'Next scene of the lesson',
    run: nextScene,
  },
  {
    keys: ['ArrowLeft', 'PageUp'],
    label: '← or PageUp',
    does: 'Previous scene of the lesson',
    run: prevScene,
  },
  { keys: ['p', 'P'], label: 'P', does: 'Projector mode on or off', run: toggleProjector },
  { keys: ['h', 'H'], label: 'H', does: 'Hide or show the settings columns', run: toggleControls },
  { keys: ['?'], label: '?', does: 'Show or hide this list of shortcuts', run: () => toggleShortcuts() },
  {
    keys: ['Escape'],
    label: 'Esc',
    does: 'Close this list; or keep the run when asked to start a new one',
    run: closeOrKeep,
  },
];

/** True when a key press belongs to a text field or a control that uses the key itself. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return (
    tag === 'INPUT' && !['checkbox', 'radio', 'button', 'range'].includes((target as HTMLInputElement).type)
  );
}

/** A focused slider (or radio button) moves with the arrow keys itself. */
const ownsArrows = (e: KeyboardEvent): boolean =>
  e.key.startsWith('Arrow') &&
  e.target instanceof HTMLInputElement &&
  (e.target.type === 'range' || e.target.type === 'radio');

/** Listens for the shortcuts; they never fire while typing in an input. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || ownsArrows(e)) return;
      const view = useSettings.getState().view;
      const shortcut = SHORTCUTS.find((s) => s.keys.includes(e.key) && (!s.view || s.view === view));
      if (!shortcut) return;
      // Space on a focused button would also click it, and arrows would scroll: the shortcut wins, once.
      e.preventDefault();
      shortcut.run(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
