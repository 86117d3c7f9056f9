/**
 * What defines a run, as the page, the worker and the panels name it: the engine's type, so every
 * layer above it may read a run's shape without importing the worker.
 */
import type { LaneSpec } from './laneSettings';
import type { MethodId } from './methods/registry';
import { laneSeed } from './seedLanes';

/** What defines a run; changing any of it starts a new one. */
export interface RunConfig {
  protocol: 'split-mnist' | 'permuted-mnist';
  scenario: 'task' | 'domain' | 'class';
  /** Permuted MNIST's task count. */
  tasks: number;
  methods: MethodId[];
  /**
   * One lane per entry of `methods`: a strength sweep's, each fixing its strength (src/engine/sweep.ts),
   * or seed lanes, each with its own seed (src/engine/seedLanes.ts).
   */
  lanes?: LaneSpec[];
  seed: number;
  hidden: number[];
}

/** Each lane's seed: its own with seed lanes, else the run's (the CSV files' `seed` column). */
export function laneSeeds(config: RunConfig | null): number[] {
  return config?.methods.map((method, i) => laneSeed(config.lanes?.[i] ?? { method }, config.seed)) ?? [];
}
