import { describe, expect, it } from 'vitest';
import { fakeMnist } from '../testSupport';
import { buildScenario } from './scenarios';
import { splitTrainTest } from './split';

const data = fakeMnist(20);

describe('train/test split', () => {
  it('keeps 80% of every class for training, disjoint from test, the same for one seed', () => {
    const split = splitTrainTest(data, 5);
    expect(split.train.length + split.test.length).toBe(data.count);
    expect(new Set([...split.train, ...split.test]).size).toBe(data.count);
    for (let d = 0; d < 10; d++) expect(split.train.filter((i) => data.labels[i] === d).length).toBe(16);
    expect(splitTrainTest(data, 5)).toEqual(split);
    expect(splitTrainTest(data, 6).train).not.toEqual(split.train);
  });
});

describe('scenarios', () => {
  it('split MNIST task-incremental: five digit pairs, one 2-way head each', () => {
    const s = buildScenario(data, { protocol: 'split-mnist', scenario: 'task' }, 0);
    expect(s.heads).toBe(5);
    expect(s.classes).toBe(2);
    s.tasks.forEach((task, t) => {
      expect(task.head).toBe(t);
      task.train.index.forEach((i, k) => {
        expect(data.labels[i] >> 1).toBe(t);
        expect(task.train.target[k]).toBe(data.labels[i] - 2 * t);
      });
    });
  });

  it('split MNIST class-incremental keeps the digit as target on one 10-way head', () => {
    const s = buildScenario(data, { protocol: 'split-mnist', scenario: 'class' }, 0);
    expect([s.heads, s.classes]).toEqual([1, 10]);
    const t = s.tasks[3];
    t.test.index.forEach((i, k) => {
      expect(t.test.target[k]).toBe(data.labels[i]);
    });
  });

  it('permuted MNIST: the first task unpermuted, the others seeded permutations', () => {
    const s = buildScenario(data, { protocol: 'permuted-mnist', tasks: 3 }, 0);
    expect(s.tasks[0].permutation).toBeNull();
    expect(s.tasks[1].permutation).not.toEqual(s.tasks[2].permutation);
    expect(buildScenario(data, { protocol: 'permuted-mnist', tasks: 3 }, 0).tasks[2].permutation).toEqual(
      s.tasks[2].permutation,
    );
    expect(() => buildScenario(data, { protocol: 'permuted-mnist', tasks: 11 }, 0)).toThrow(RangeError);
  });
});
