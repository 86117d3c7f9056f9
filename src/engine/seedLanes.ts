/**
 * Seeds as lanes: K seeds of every selected method trained side by side in one lockstep, so every
 * curve can be read with its spread over seeds. No TensorFlow.js here: the page, the worker, the
 * CLI and the tests all read it.
 */
import type { LaneSpec } from './laneSettings';
import type { MethodId, ParamKey } from './methods/registry';

export const MIN_SEED_LANES = 1;
export const MAX_SEED_LANES = 8;
/** One seed: the option is off, the run is the plain one. */
export const DEFAULT_SEED_LANES = 1;

/**
 * The lanes of `seeds` seeds of every method, method-major: for [sgd, ewc] and 3 seeds from S,
 * sgd@S, sgd@S+1, sgd@S+2, ewc@S, ewc@S+1, ewc@S+2.
 */
export function seedLanesOf(methods: readonly MethodId[], seed: number, seeds: number): LaneSpec[] {
  if (!Number.isInteger(seeds) || seeds < MIN_SEED_LANES || seeds > MAX_SEED_LANES)
    throw new RangeError(`Seed lanes number ${MIN_SEED_LANES}–${MAX_SEED_LANES}, not ${seeds}.`);
  return acrossSeeds(
    methods.map((method) => ({ method })),
    Array.from({ length: seeds }, (_, k) => seed + k),
  );
}

/** Each lane once on every seed listed, lane-major (a sweep's lanes over seeds, or the CLI's `--seeds 0-4,7`). */
export function acrossSeeds(lanes: readonly LaneSpec[], seeds: readonly number[]): LaneSpec[] {
  return lanes.flatMap((lane) => seeds.map((seed) => ({ ...lane, seed })));
}

/** The seed a lane trains with: its own, or the run's. */
export const laneSeed = (lane: LaneSpec, seed: number): number => lane.seed ?? seed;

/** The lanes that differ only by seed: one method with the same fixed parameters. */
export interface SeedGroup {
  readonly method: MethodId;
  readonly params?: Readonly<Partial<Record<ParamKey, number>>>;
  /** The lanes' indices in the run, in lane order. */
  readonly lanes: readonly number[];
  /** Each of those lanes' seed (a lane without its own reads the run's). */
  readonly seeds: readonly number[];
}

/** The key of a lane's method and fixed parameters, whatever order the parameters were given in. */
const groupKey = (lane: LaneSpec) =>
  JSON.stringify([
    lane.method,
    Object.entries(lane.params ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);

/**
 * The run's lanes grouped by (method, parameters), in the order each group first appears: what the
 * page aggregates into a mean and a band. `seed` is the run's, which a lane without its own reads.
 */
export function groupBySeed(lanes: readonly LaneSpec[], seed: number): SeedGroup[] {
  const groups = new Map<
    string,
    { method: MethodId; params?: LaneSpec['params']; lanes: number[]; seeds: number[] }
  >();
  lanes.forEach((lane, m) => {
    const key = groupKey(lane);
    let group = groups.get(key);
    if (!group) {
      group = { method: lane.method, ...(lane.params ? { params: lane.params } : {}), lanes: [], seeds: [] };
      groups.set(key, group);
    }
    group.lanes.push(m);
    group.seeds.push(laneSeed(lane, seed));
  });
  return [...groups.values()];
}
