/**
 * The page's handle on the training worker. Main-thread code: it must not import TensorFlow.js.
 */
import type { WorkerCommand, WorkerEvent } from './protocol';

export interface TrainingClient {
  send(command: WorkerCommand): void;
  terminate(): void;
}

export function createTrainingClient(onEvent: (event: WorkerEvent) => void): TrainingClient {
  // Written inline so Vite bundles the worker as its own chunk with a page-relative URL.
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<WorkerEvent>) => onEvent(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    onEvent({
      type: 'error',
      scope: 'worker',
      message: `The training worker stopped: ${e.message || 'it failed to load or crashed'}.`,
      hint: 'Restart it to carry on with the same settings and seed.',
    });
  };
  return {
    send: (command) => worker.postMessage(command),
    terminate: () => worker.terminate(),
  };
}
