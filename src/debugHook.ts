import { finishedRuns } from './panels/matrixData';
import { useLabStore } from './store/labStore';
import { useResults } from './store/results';
import { session } from './store/session';
import { useSettings } from './store/settings';
import { sweepView } from './store/sweepView';
import type { FaultPoint } from './worker/protocol';

/**
 * A window onto the stores, for the end-to-end tests and for curious students in the console,
 * plus the fault injections the tests need. Nothing in the app reads it.
 */
export function exposeStores(): void {
  Object.assign(globalThis, {
    __FORGETTING_PLAYGROUND__: {
      results: () => useResults.getState(),
      /** The finished run's accuracy matrices per method (null while it runs): what claims are checked on. */
      finishedRuns: () => finishedRuns(useResults.getState()),
      /** A strength sweep's table at the latest evaluation (null for a run that is no sweep). */
      sweep: () => sweepView(useResults.getState()),
      settings: () => useSettings.getState(),
      lab: () => useLabStore.getState().settings,
      crash: (at?: FaultPoint) => session.crash('worker', at),
      loseDevice: (at?: FaultPoint) => session.crash('device', at),
    },
  });
}
