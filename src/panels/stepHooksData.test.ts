import { describe, expect, it } from 'vitest';
import type { EvaluationPoint } from '../store/results';
import { frozenSeries, pooledShare, projectionInterval, projectionSeries } from './stepHooksData';

const evaluation = (
  step: number,
  diagnostics: EvaluationPoint['diagnostics'],
  frozen: EvaluationPoint['frozen'] = null,
): EvaluationPoint => ({
  step,
  task: 0,
  full: false,
  accuracy: new Float32Array(0),
  trainLoss: new Float32Array(0),
  penalty: new Float32Array(0),
  numTensors: 0,
  diagnostics,
  frozen,
});

/** Sums as the device keeps them, from the per-step cosines. */
const sums = (cosines: number[]) => ({
  references: cosines.length,
  projected: cosines.filter((c) => c < 0).length,
  cosine: cosines.reduce((s, c) => s + c, 0),
  cosineSquared: cosines.reduce((s, c) => s + c * c, 0),
});

describe('the A-GEM and LwF figure data', () => {
  it('turns an interval’s sums into the projected share and the angle with a ±1 s.d. band', () => {
    const cosines = [0.5, -0.5, 0.5, -0.5];
    const i = projectionInterval(10, 20, sums(cosines))!;
    expect(i.share).toBeCloseTo(0.5);
    expect(i.meanCos).toBeCloseTo(0);
    expect(i.sdCos).toBeCloseTo(0.5);
    expect(i.angle).toBeCloseTo(90);
    // cos 60° = 0.5, cos 120° = −0.5: arccos falls, so mean + s.d. is the lower angle.
    expect(i.angleLo).toBeCloseTo(60);
    expect(i.angleHi).toBeCloseTo(120);
  });

  it('has no interval without reference batches (the first task: the memory is empty)', () => {
    expect(projectionInterval(0, 10, sums([]))).toBeNull();
  });

  it('keeps one series per A-GEM lane, intervals between consecutive evaluations', () => {
    const evaluations = [
      evaluation(0, [null, sums([])]),
      evaluation(10, [null, sums([])]),
      evaluation(20, [null, sums([-0.2, 0.4])]),
      evaluation(30, [null, sums([-0.1, -0.3, 0.2])]),
    ];
    const series = projectionSeries(evaluations, ['sgd', 'agem']);
    expect(series.map((s) => [s.method, s.lane])).toEqual([['agem', 1]]);
    expect(series[0].intervals.map((i) => [i.from, i.to, i.references])).toEqual([
      [10, 20, 2],
      [20, 30, 3],
    ]);
    // Pooled over steps, not averaged over intervals: 3 projected of 5.
    expect(pooledShare(series[0])).toBeCloseTo(3 / 5);
    expect(pooledShare(series[0], 20)).toBeCloseTo(2 / 3);
    expect(pooledShare(series[0], 30)).toBeNaN();
  });

  it('keeps one series per LwF lane, from its first frozen copy on', () => {
    const kept = { old: 0.9, current: 0.6, agreement: 0.7 };
    const evaluations = [
      evaluation(0, [null, null], [null, null]),
      evaluation(10, [null, null], [null, kept]),
    ];
    const series = frozenSeries(evaluations, ['sgd', 'lwf']);
    expect(series).toEqual([{ lane: 1, method: 'lwf', points: [{ step: 10, ...kept }] }]);
    expect(frozenSeries(evaluations, ['sgd', 'agem'])).toEqual([]);
  });
});
