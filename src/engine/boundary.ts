/**
 * What a task boundary reports, from the engine through the worker's message to the store and the
 * panels: one type all the way (typed arrays travel as transferables).
 */
import type { MethodId } from './methods/registry';

/** One declared importance measure (see IMPORTANCE_MEASURES) on one layer's parameters. */
export interface MeasureValues {
  id: string;
  /** W then b of the layer, flattened. */
  values: Float32Array;
}

/** One consolidated layer's importances at a boundary, every measure on the same parameters. */
export interface LayerImportance {
  layer: string;
  measures: MeasureValues[];
}

export interface MethodBoundary {
  method: MethodId;
  /** The training loss on the task's loss probe when the task began and when it ended. */
  lossStart: number;
  lossEnd: number;
  /**
   * Σω over every trained parameter, the path integral's estimate of L(start) − L(end)
   * (−Σω = ∫g·dθ ≈ L(end) − L(start), SI Eq. 3). With finite noisy steps it overestimates the drop.
   */
  sumOmega: number;
  /** The layers the penalties protect (the trunk, and the output layer when tasks share it). */
  layers: LayerImportance[];
}

export interface TaskBoundaryReport {
  /** The task that just ended. */
  task: number;
  steps: number;
  methods: MethodBoundary[];
}

/** A measure's values on a layer, or undefined when the run did not report it. */
export function measureOf(layer: LayerImportance, id: string): Float32Array | undefined {
  return layer.measures.find((m) => m.id === id)?.values;
}
