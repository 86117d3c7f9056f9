import { createRng, deriveSeed, permutation } from '../random';
import type { MnistData } from './mnistAsset';
import { splitTrainTest } from './split';

/** Split MNIST's tasks: the digit pairs 0/1, 2/3, 4/5, 6/7, 8/9. */
export const SPLIT_MNIST_TASKS = 5;
export const MAX_PERMUTED_TASKS = 10;
/** Permuted MNIST's task count unless a link or the command line gives one (the first click's). */
export const DEFAULT_PERMUTED_TASKS = 4;

export type ProtocolId = 'split-mnist' | 'permuted-mnist';
/** Split MNIST settings: task-, domain- or class-incremental. */
export type SplitScenario = 'task' | 'domain' | 'class';

export interface ScenarioSpec {
  protocol: ProtocolId;
  /** Split MNIST only. */
  scenario?: SplitScenario;
  /** Permuted MNIST only. */
  tasks?: number;
}

/**
 * The scenarios that get their own recommended strengths (see each method's `recommended`).
 * Permuted MNIST by task count: the penalties add up over tasks, so the more tasks, the weaker
 * the strength that still learns the last ones. 'permuted-4' is 2–4 tasks (the first click),
 * 'permuted-5' 5–7, 'permuted-10' 8–10 (swept at 4, 5 and 10 tasks: docs/defaults.md).
 */
export const SCENARIO_KEYS = [
  'split-task',
  'split-domain',
  'split-class',
  'permuted-4',
  'permuted-5',
  'permuted-10',
] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export function scenarioKeyOf(spec: ScenarioSpec): ScenarioKey {
  if (spec.protocol !== 'permuted-mnist') return `split-${spec.scenario ?? 'task'}`;
  const tasks = spec.tasks ?? DEFAULT_PERMUTED_TASKS;
  return tasks <= 4 ? 'permuted-4' : tasks <= 7 ? 'permuted-5' : 'permuted-10';
}

export interface TaskExamples {
  /** Digit indices. */
  index: Int32Array;
  /** Training target of each example, in the head's label space. */
  target: Uint8Array;
}

export interface Task {
  name: string;
  /** The output head this task trains and is evaluated with (always 0 unless multi-head). */
  head: number;
  /** Pixel permutation applied to every image of this task; null for the plain digits. */
  permutation: Int32Array | null;
  train: TaskExamples;
  test: TaskExamples;
}

export interface Scenario {
  spec: ScenarioSpec;
  data: MnistData;
  inputSize: number;
  /** Classes per head. */
  classes: number;
  /** 1, or one head per task in task-incremental split MNIST. */
  heads: number;
  tasks: Task[];
}

function examples(data: MnistData, index: Int32Array, target: (digit: number) => number): TaskExamples {
  return { index, target: Uint8Array.from(index, (i) => target(data.labels[i])) };
}

/** Builds the task stream; every random choice (split, permutations) derives from `seed`. */
export function buildScenario(data: MnistData, spec: ScenarioSpec, seed: number): Scenario {
  const split = splitTrainTest(data, seed);
  const inputSize = data.width * data.height;
  if (spec.protocol === 'permuted-mnist') {
    const n = spec.tasks ?? DEFAULT_PERMUTED_TASKS;
    if (!Number.isInteger(n) || n < 1 || n > MAX_PERMUTED_TASKS) {
      throw new RangeError(`Permuted MNIST takes 1 to ${MAX_PERMUTED_TASKS} tasks, not ${n}.`);
    }
    const tasks = Array.from({ length: n }, (_, t) => ({
      name: t === 0 ? 'original' : `permutation ${t}`,
      head: 0,
      permutation: t === 0 ? null : permutation(inputSize, createRng(deriveSeed(seed, 'permutation', t))),
      train: examples(data, split.train, (d) => d),
      test: examples(data, split.test, (d) => d),
    }));
    return { spec, data, inputSize, classes: 10, heads: 1, tasks };
  }
  const scenario = spec.scenario ?? 'task';
  const tasks = Array.from({ length: SPLIT_MNIST_TASKS }, (_, t) => {
    const pair = (idx: Int32Array) => idx.filter((i) => data.labels[i] >> 1 === t);
    // Task- and domain-incremental: "first or second digit of the pair"; class-incremental: the digit.
    const target = scenario === 'class' ? (d: number) => d : (d: number) => d - 2 * t;
    return {
      name: `${2 * t}/${2 * t + 1}`,
      head: scenario === 'task' ? t : 0,
      permutation: null,
      train: examples(data, pair(split.train), target),
      test: examples(data, pair(split.test), target),
    };
  });
  return {
    spec: { protocol: 'split-mnist', scenario },
    data,
    inputSize,
    classes: scenario === 'class' ? 10 : 2,
    heads: scenario === 'task' ? 5 : 1,
    tasks,
  };
}
