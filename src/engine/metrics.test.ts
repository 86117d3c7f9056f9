import { describe, expect, it } from 'vitest';
import { averageAccuracy, backwardTransfer, forwardTransfer, pearson, ranks, spearman } from './metrics';

// After task 1, 2, 3 (rows) on tasks 1, 2, 3 (columns), including tasks not trained yet.
const R = [
  [0.9, 0.1, 0.2],
  [0.6, 0.8, 0.3],
  [0.5, 0.7, 0.95],
];
const untrained = [0.1, 0.05, 0.2];

describe('continual-learning scores', () => {
  it('averages the last row over the tasks trained', () => {
    expect(averageAccuracy(R)).toBeCloseTo((0.5 + 0.7 + 0.95) / 3, 12);
    expect(averageAccuracy(R.slice(0, 2))).toBeCloseTo((0.6 + 0.8) / 2, 12);
  });

  it('BWT compares the end with just after each task', () => {
    expect(backwardTransfer(R)).toBeCloseTo((0.5 - 0.9 + (0.7 - 0.8)) / 2, 12);
  });

  it('FWT compares each task before training it with the untrained network', () => {
    expect(forwardTransfer(R, untrained)).toBeCloseTo((0.1 - 0.05 + (0.3 - 0.2)) / 2, 12);
  });
});

describe('correlations', () => {
  it('Pearson against a hand computation', () => {
    // Deviations (−1.5, −.5, .5, 1.5) and (−3, −1, 0, 4): 11 / √(5·26).
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 10);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('ranks share ties', () => {
    expect([...ranks([10, 30, 20, 20])]).toEqual([1, 4, 2.5, 2.5]);
  });

  it('Spearman is 1 for any increasing relation and handles ties', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 1000])).toBeCloseTo(1, 12);
    // Ranks (1, 2.5, 2.5, 4) vs (1, 2, 3, 4): 4.5 / √(4.5·5).
    expect(spearman([1, 2, 2, 3], [10, 20, 30, 40])).toBeCloseTo(4.5 / Math.sqrt(22.5), 10);
  });
});
