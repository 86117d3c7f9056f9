/**
 * A change that needs a new run (scenario, methods, network size) waits for a yes or a no while the
 * run has progress. Meanwhile the controls that would train or restart the run do not act on it
 * silently: they say why, next to the controls, and bring the question into view with its first
 * answer focused, so Enter (start the new run) or Esc (keep this one) answers it. Any other run
 * control that cannot act (a task key past the last task) says why in the same place.
 */
import { create } from 'zustand';
import { useResults } from './results';
import { changedKeys, runConfigOf } from './runConfig';
import { useSettings } from './settings';
import { useUi } from './ui';
import type { UrlSettings } from './urlParams';

export type Structural = Pick<
  UrlSettings,
  'protocol' | 'scenario' | 'tasks' | 'methods' | 'hidden' | 'sweep' | 'sweepLanes' | 'seedLanes'
>;

interface PendingRun {
  /** The change waiting for an answer. */
  patch: Partial<Structural> | null;
  /** Counts refused actions, so the question is brought into view (and focused) at each one. */
  reminders: number;
  /** Why the last run control did not act, shown next to the controls. */
  whyNot: string | null;
}

export const usePendingRun = create<PendingRun>(() => ({ patch: null, reminders: 0, whyNot: null }));

/** Says, next to the run controls, why one of them did not act. */
export function sayWhyNot(message: string): void {
  usePendingRun.setState({ whyNot: message });
}

/** A structural change: asked about when the run has progress, else made at once. */
export function askNewRun(patch: Partial<Structural>): void {
  if (useResults.getState().evaluations.length > 1) usePendingRun.setState({ patch, whyNot: null });
  else useSettings.getState().set(patch);
}

/** The answer: start the new run with the change, or keep this run as it is. */
export function answerNewRun(startNew: boolean): void {
  const { patch } = usePendingRun.getState();
  usePendingRun.setState({ patch: null, whyNot: null });
  if (startNew && patch) useSettings.getState().set(patch);
}

/** Runs `action` unless a question is pending; then says why not and shows the question. */
export function unlessAsking(what: string, action: () => void): void {
  if (!usePendingRun.getState().patch) {
    usePendingRun.setState({ whyNot: null });
    action();
    return;
  }
  // The question sits in the settings column: show it if it was hidden.
  useUi.setState({ controlsHidden: false });
  usePendingRun.setState((s) => ({
    reminders: s.reminders + 1,
    whyNot: `${what} waits: first answer “Start a new run?” in the settings — Enter starts it, Esc keeps this run.`,
  }));
}

// A run changed another way (a lesson scene, a loaded settings file) makes the question moot.
useSettings.subscribe((now, before) => {
  if (changedKeys(runConfigOf(now), runConfigOf(before)).length > 0) {
    usePendingRun.setState({ patch: null, whyNot: null });
  }
});
