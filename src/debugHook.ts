import { useResults } from './store/results';
import { useSettings } from './store/settings';

/**
 * A read-only window onto the stores, for the end-to-end tests and for curious students in the
 * console. Nothing in the app reads it.
 */
export function exposeStores(): void {
  Object.assign(globalThis, {
    __FORGETTING_PLAYGROUND__: {
      results: () => useResults.getState(),
      settings: () => useSettings.getState(),
    },
  });
}
