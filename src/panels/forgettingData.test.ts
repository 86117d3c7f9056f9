import { describe, expect, it } from 'vitest';
import type { EvaluationPoint, TaskSwitch } from '../store/results';
import {
  accuracyDomain,
  chanceLevel,
  firstTrainedSteps,
  forgettingCurves,
  nearestEvaluation,
} from './forgettingData';
import type { LaneGroup } from './seedSpreadData';

const M = 2;
const T = 3;
const point = (step: number, task: number, acc: number[]): EvaluationPoint => ({
  step,
  task,
  full: false,
  accuracy: Float32Array.from(acc),
  trainLoss: new Float32Array(M),
  penalty: new Float32Array(M),
  numTensors: 0,
  diagnostics: [],
  frozen: null,
});
/** One group per lane: a run without seed lanes. */
const singles = (n: number): LaneGroup[] =>
  Array.from({ length: n }, (_, l) => ({ method: 'sgd', label: 'SGD', lanes: [l], seeds: [0] }));
const sw = (step: number, from: number, to: number): TaskSwitch => ({
  step,
  from,
  to,
  accuracy: new Float32Array(M * T),
  boundary: null,
});

describe('forgetting curves', () => {
  it('starts each task where it was first trained, revisits included', () => {
    expect(firstTrainedSteps(T, [sw(10, 0, 2), sw(20, 2, 0), sw(30, 0, 2)])).toEqual([0, null, 10]);
  });

  it('picks each method’s accuracy on each task from the methods × tasks rows', () => {
    // Row-major: method 0 on tasks 0..2, then method 1 on tasks 0..2.
    const evals = [
      point(0, 0, [0.5, 0.1, 0.2, 0.5, 0.3, 0.4]),
      point(10, 0, [0.9, 0.1, 0.2, 0.8, 0.3, 0.4]),
      point(20, 1, [0.7, 0.95, 0.2, 0.85, 0.9, 0.4]),
    ];
    const curves = forgettingCurves(evals, [sw(10, 0, 1)], singles(M), T);
    expect(curves.map((c) => c.task)).toEqual([0, 1]);
    expect(curves[0].lines[0].map((p) => p.accuracy)).toEqual([0.5, 0.9, 0.7].map(Math.fround));
    expect(curves[0].lines[1].map((p) => p.accuracy)).toEqual([0.5, 0.8, 0.85].map(Math.fround));
    // Task 1 starts at its switch (step 10), so it has two points per method.
    expect(curves[1].firstTrained).toBe(10);
    expect(curves[1].lines[1].map((p) => [p.step, p.accuracy])).toEqual([
      [10, Math.fround(0.3)],
      [20, Math.fround(0.9)],
    ]);
  });
});

describe('nearestEvaluation', () => {
  const at = (step: number) => ({
    step,
    task: 0,
    full: false,
    accuracy: new Float32Array(0),
    trainLoss: new Float32Array(0),
    penalty: new Float32Array(0),
    numTensors: 0,
    diagnostics: [],
    frozen: null,
  });
  const evals = [0, 10, 20, 40].map(at);
  it('finds the evaluation closest to the hovered step', () => {
    expect(nearestEvaluation(evals, 14)?.step).toBe(10);
    expect(nearestEvaluation(evals, 16)?.step).toBe(20);
    expect(nearestEvaluation(evals, -5)?.step).toBe(0);
    expect(nearestEvaluation(evals, 99)?.step).toBe(40);
    expect(nearestEvaluation([], 3)).toBeNull();
  });
});

describe('accuracy axis', () => {
  const curve = (values: number[]) => [
    {
      task: 0,
      firstTrained: 0,
      lines: [values.map((accuracy, step) => ({ step, accuracy, lo: accuracy, hi: accuracy }))],
    },
  ];
  it('is 0–100 % unless zoomed, and zoomed to the data in 5 % steps with a margin', () => {
    expect(accuracyDomain(curve([0.82, 0.95]), null)).toEqual([0, 1]);
    const [lo, hi] = accuracyDomain(curve([0.82, 0.95, Number.NaN]), 0.1);
    expect(lo).toBeCloseTo(0.8);
    expect(hi).toBeCloseTo(1);
    // Chance just under the data stays in view, far under it does not.
    expect(accuracyDomain(curve([0.55, 0.9]), 0.5)[0]).toBeCloseTo(0.45);
    expect(accuracyDomain(curve([0.85, 0.9]), 0.1)[0]).toBeCloseTo(0.8);
  });

  it('keeps the whole band in view, not only the mean', () => {
    const banded = [{ task: 0, firstTrained: 0, lines: [[{ step: 0, accuracy: 0.9, lo: 0.7, hi: 0.95 }]] }];
    expect(accuracyDomain(banded, 0.1)[0]).toBeCloseTo(0.65);
  });

  it('knows chance for each scenario', () => {
    expect(chanceLevel({ protocol: 'split-mnist', scenario: 'domain' })).toBe(0.5);
    expect(chanceLevel({ protocol: 'split-mnist', scenario: 'class' })).toBe(0.1);
    expect(chanceLevel({ protocol: 'permuted-mnist', scenario: 'domain' })).toBe(0.1);
  });
});
