/**
 * Named places inside long computations where the fault-handling tests make something go wrong at
 * the worst moment (the worker arms them on request; see src/worker/training.worker.ts). Nothing is
 * armed in normal use, and then a fault point is one Map lookup.
 */
export type FaultPoint = 'step' | 'consolidation' | 'fisher' | 'landscape';

const armed = new Map<FaultPoint, () => void>();

/** Runs `fault` once, the next time the computation reaches `point`. */
export function armFault(point: FaultPoint, fault: () => void): void {
  armed.set(point, fault);
}

export function faultPoint(point: FaultPoint): void {
  const fault = armed.get(point);
  if (!fault) return;
  armed.delete(point);
  fault();
}
