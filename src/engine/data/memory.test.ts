import { beforeAll, describe, expect, it } from 'vitest';
import { readMnistPackage } from '../../../scripts/mnist-asset-plugin';
import { Lockstep } from '../lockstep';
import { fakeMnist, useCpuBackend } from '../testSupport';
import type { ExampleRef } from './batches';
import { ReplayMemory } from './memory';
import { buildScenario, type Scenario } from './scenarios';

beforeAll(useCpuBackend);

/** Examples per class (task and target) in the memory. */
function counts(scenario: Scenario, examples: readonly ExampleRef[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const { task, pos } of examples) {
    const key = `${task}:${scenario.tasks[task].train.target[pos]}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

describe('replay memory', () => {
  const classIncremental = buildScenario(
    readMnistPackage(),
    { protocol: 'split-mnist', scenario: 'class' },
    0,
  );

  it('holds the same number of examples of every class seen so far (±1), up to its size', () => {
    const memory = new ReplayMemory(classIncremental, 0);
    memory.addTask(0, 500);
    expect([...counts(classIncremental, memory.examples).values()]).toEqual([250, 250]);
    memory.addTask(1, 500);
    memory.addTask(2, 500);
    const six = [...counts(classIncremental, memory.examples).values()];
    expect(six).toHaveLength(6);
    expect(six.reduce((a, b) => a + b)).toBe(500);
    expect(Math.max(...six) - Math.min(...six)).toBeLessThanOrEqual(1);
    memory.addTask(3, 500);
    memory.addTask(4, 500);
    expect([...counts(classIncremental, memory.examples).values()]).toEqual(Array(10).fill(50));
    expect(new Set(memory.examples.map((e) => `${e.task}:${e.pos}`)).size).toBe(500);
  });

  it('keeps a uniform random sample of each class (χ² over ten position bins, fixed seed)', () => {
    const memory = new ReplayMemory(classIncremental, 3);
    memory.addTask(0, 500);
    const task = classIncremental.tasks[0].train;
    for (const digit of [0, 1]) {
      // Where in the class's list of training examples the kept ones sit: uniform if the sample is.
      const positions = Array.from(task.target.keys()).filter((pos) => task.target[pos] === digit);
      const rank = new Map(positions.map((pos, r) => [pos, r]));
      const kept = memory.examples.filter((e) => task.target[e.pos] === digit).map((e) => rank.get(e.pos)!);
      const bins = new Array(10).fill(0);
      for (const r of kept) bins[Math.floor((10 * r) / positions.length)]++;
      const expected = kept.length / 10;
      const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
      expect(kept).toHaveLength(250);
      expect(chi2).toBeLessThan(27.9); // χ²(9 degrees of freedom) at p = 0.001
    }
  });

  it('shrinks to a balanced subset of what it held, and a revisited task adds nothing', () => {
    const memory = new ReplayMemory(classIncremental, 1);
    memory.addTask(0, 600);
    memory.addTask(1, 600);
    const before = new Set(memory.examples.map((e) => `${e.task}:${e.pos}`));
    memory.addTask(0, 600);
    expect(memory.examples).toHaveLength(600);
    memory.resize(200);
    expect([...counts(classIncremental, memory.examples).values()]).toEqual([50, 50, 50, 50]);
    expect(memory.examples.every((e) => before.has(`${e.task}:${e.pos}`))).toBe(true);
  });
});

describe('replay in the lockstep', () => {
  const data = fakeMnist(20);
  const run = async (seed: number) => {
    const lockstep = new Lockstep({
      data,
      spec: { protocol: 'split-mnist', scenario: 'task' },
      methods: ['sgd', 'replay'],
      seed,
      hidden: [8],
      evalSubset: 10,
      hyperparameters: { batchSize: 8, fisherSamples: 20, memory: 12 },
    });
    const memories: ExampleRef[][] = [];
    for (const task of [1, 2, 0, 3]) {
      for (let s = 0; s < 3; s++) lockstep.step();
      await lockstep.switchTask(task);
      memories.push([...lockstep.replayMemory]);
      // Never the current task's examples only: the finished tasks are in it.
      expect(memories.at(-1)!.some((e) => e.task !== task)).toBe(true);
    }
    lockstep.dispose();
    return memories;
  };

  it('fills the memory at each boundary from the finished tasks, the same for the same seed', async () => {
    const a = await run(4);
    expect(a[0].every((e) => e.task === 0)).toBe(true);
    expect(new Set(a[1].map((e) => e.task))).toEqual(new Set([0, 1]));
    expect(a.every((m) => m.length === 12)).toBe(true);
    expect(await run(4)).toEqual(a);
    expect(await run(5)).not.toEqual(a);
  });
});
