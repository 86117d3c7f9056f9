import { create } from 'zustand';
import type { BackendEvent, Phase, WorkerErrorEvent, WorkerEvent } from '../worker/protocol';

/** What the worker has streamed so far. Written only by `applyEvent`. */
export interface ResultsState {
  phase: Phase;
  backend: Omit<BackendEvent, 'type'> | null;
  errors: (Omit<WorkerErrorEvent, 'type'> & { id: number })[];
  steps: number[];
  evalLoss: number[];
  numTensors: number[];
}

const empty = (): Omit<ResultsState, 'backend'> => ({
  phase: 'starting',
  errors: [],
  steps: [],
  evalLoss: [],
  numTensors: [],
});

let nextErrorId = 0;

export const useResults = create<ResultsState>(() => ({ ...empty(), backend: null }));

export function applyEvent(event: WorkerEvent): void {
  switch (event.type) {
    case 'backend': {
      const { type: _, ...backend } = event;
      useResults.setState({ backend });
      return;
    }
    case 'phase':
      useResults.setState({ phase: event.phase });
      return;
    case 'metrics':
      useResults.setState((s) => ({
        steps: [...s.steps, ...event.steps],
        evalLoss: [...s.evalLoss, ...event.evalLoss],
        numTensors: [...s.numTensors, ...event.numTensors],
      }));
      return;
    case 'error': {
      const { type: _, ...error } = event;
      useResults.setState((s) => ({ errors: [...s.errors, { ...error, id: nextErrorId++ }] }));
      return;
    }
  }
}

/** Clears the streamed series (a reset), keeping the backend the worker reported. */
export function clearResults(keepBackend = true): void {
  useResults.setState((s) => ({ ...empty(), phase: s.phase, backend: keepBackend ? s.backend : null }));
}

export function dismissError(id: number): void {
  useResults.setState((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
}
