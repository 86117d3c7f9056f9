/**
 * The restore: a run recorded by a worker that died, or on a lost GPU device, trained again from
 * its seed to step `until` without reporting, with its journal's entries (task switches, settings,
 * halted lanes) applied at their steps. Training is deterministic, so the weights are those the
 * run had at `until` (on the same backend).
 */
import type { Hyperparameters } from '../engine/defaults';
import type { Lockstep } from '../engine/lockstep';
import type { RunningSettings } from '../engine/settings';
import type { TrajectoryRecorder } from './landscapeJob';
import type { JournalEntry, MethodLearningRates, WorkerEvent } from './protocol';
import { yieldToEventLoop } from './serial';

/** A restore reports its progress (and syncs with the device) about this often. */
const REPORT_MS = 250;

/** What a restore re-applies the journal to: the runner's parts of the run. */
export interface RestoreTarget {
  readonly settings: RunningSettings;
  readonly trajectories: TrajectoryRecorder;
  /** Whether the live run evaluated at the current step (the landscape's snapshots are taken there). */
  evaluationDue(ls: Lockstep): boolean;
  post(event: WorkerEvent): void;
}

/** Puts these settings in force, all at once. */
export function applySettings(
  settings: RunningSettings,
  hp: Hyperparameters,
  learningRates: MethodLearningRates,
): void {
  settings.update(hp);
  settings.setLearningRates(learningRates);
}

/**
 * Trains the freshly built `ls` to step `until`, applying the journal, and reports its progress.
 * Returns the accuracies at `until`, taken as the recorded ones were (`full`: on every task's whole
 * test set; otherwise the live subset of the tasks seen), every method on every task (M×T).
 */
export async function restore(
  ls: Lockstep,
  run: RestoreTarget,
  { until, journal, full }: { until: number; journal: readonly JournalEntry[]; full: boolean },
): Promise<Float32Array> {
  let next = 0;
  let shown = performance.now();
  const applyDue = async () => {
    for (; next < journal.length && journal[next].step <= ls.stepCount; next++) {
      await applyEntry(ls, run, journal[next]);
    }
  };
  await applyDue();
  while (ls.stepCount < until) {
    ls.step();
    if (run.evaluationDue(ls)) await run.trajectories.record(ls);
    await applyDue();
    if (performance.now() - shown > REPORT_MS) {
      // A read-back keeps the GPU's queue from running far behind the steps recorded on it.
      await ls.evaluate('subset', ls.seenTasks);
      run.post({ type: 'restore', step: ls.stepCount, until });
      shown = performance.now();
      await yieldToEventLoop();
    }
  }
  // Also takes the restore's accumulated training loss, so the next evaluation's mean is its own.
  const check = await (full ? ls.evaluate('full') : ls.evaluate('subset', ls.seenTasks));
  return Float32Array.from(check.accuracy.flat());
}

async function applyEntry(ls: Lockstep, run: RestoreTarget, entry: JournalEntry): Promise<void> {
  switch (entry.kind) {
    case 'settings':
      applySettings(run.settings, entry.hyperparameters, entry.learningRates);
      return;
    case 'switch':
      await run.trajectories.end(ls, ls.stepsInCurrentTask > 0);
      await ls.switchTask(entry.task);
      run.trajectories.begin(entry.task);
      return;
    case 'halt':
      ls.halt(entry.lane);
      return;
  }
}
