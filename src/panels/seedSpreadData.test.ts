import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../engine/runConfig';
import { seedLanesOf } from '../engine/seedLanes';
import type { EvaluationPoint, TaskSwitch } from '../store/results';
import { forgettingCurves } from './forgettingData';
import { groupMatrix, methodMatrix } from './matrixData';
import { groupSpread, laneGroups, rangeText, seedCount, spreadOf } from './seedSpreadData';

const T = 2;
const K = 3;
/** Two methods on three seeds each, as the page builds them: method-major lanes. */
const config: RunConfig = {
  protocol: 'split-mnist',
  scenario: 'task',
  tasks: 5,
  methods: seedLanesOf(['sgd', 'ewc'], 7, K).map((l) => l.method),
  lanes: seedLanesOf(['sgd', 'ewc'], 7, K),
  seed: 7,
  hidden: [32],
};
/**
 * Each lane's accuracy on task 1 and task 2: every seed different, and no seed's value the mean of
 * the others', so dropping any seed moves the mean or the band; EWC's lanes apart from SGD's.
 */
const onTask1 = [0.6, 0.9, 0.84, 0.97, 0.95, 0.99];
const onTask2 = [0.95, 0.97, 0.96, 0.9, 0.92, 0.93];
const rowOf = (scale: number) =>
  Float32Array.from(onTask1.flatMap((a, l) => [a * scale, onTask2[l] * scale]));
const evaluation = (step: number, task: number, scale: number): EvaluationPoint => ({
  step,
  task,
  full: false,
  accuracy: rowOf(scale),
  trainLoss: new Float32Array(2 * K),
  penalty: new Float32Array(2 * K),
  numTensors: 0,
  diagnostics: [],
  frozen: null,
});
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe('lanes grouped by seed', () => {
  it('groups the lanes of each method with their seeds, one group per method', () => {
    const groups = laneGroups(config);
    expect(groups.map((g) => [g.method, g.label, g.lanes, g.seeds])).toEqual([
      ['sgd', 'SGD', [0, 1, 2], [7, 8, 9]],
      ['ewc', 'EWC', [3, 4, 5], [7, 8, 9]],
    ]);
    expect(seedCount(groups)).toBe(K);
  });

  it('makes each lane its own group without seed lanes', () => {
    const groups = laneGroups({ ...config, methods: ['sgd', 'ewc'], lanes: undefined });
    expect(groups.map((g) => g.lanes)).toEqual([[0], [1]]);
    expect(seedCount(groups)).toBe(1);
  });
});

describe('spread over seeds', () => {
  it('is the mean and the min–max of the finite values', () => {
    const s = spreadOf([0.5, Number.NaN, 0.9, 0.7]);
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(0.7, 9);
    expect([s.lo, s.hi]).toEqual([0.5, 0.9]);
    expect(spreadOf([Number.NaN]).n).toBe(0);
    expect(rangeText(spreadOf([0.88, 0.897]))).toBe('88.0–89.7');
  });

  it('takes each method’s band from its own seeds’ lanes, every seed counted', () => {
    const groups = laneGroups(config);
    const row = rowOf(1);
    for (const [g, group] of groups.entries()) {
      const own = onTask1.slice(g * K, (g + 1) * K).map(Math.fround);
      const s = groupSpread(row, group, T, 0);
      expect(s.n).toBe(K);
      expect(s.mean).toBeCloseTo(mean(own), 6);
      expect([s.lo, s.hi]).toEqual([Math.min(...own), Math.max(...own)]);
    }
  });

  it('draws each forgetting curve as the seeds’ mean inside their band', () => {
    const groups = laneGroups(config);
    const switches: TaskSwitch[] = [{ step: 10, from: 0, to: 1, accuracy: rowOf(1), boundary: null }];
    const curves = forgettingCurves([evaluation(0, 0, 1), evaluation(10, 1, 0.5)], switches, groups, T);
    // Task 1 from step 0: SGD's line at step 10 is the mean and band of lanes 0–2, scaled.
    const sgd = curves[0].lines[0];
    const own = onTask1.slice(0, K).map((a) => Math.fround(a * 0.5));
    expect(sgd.map((p) => p.step)).toEqual([0, 10]);
    expect(sgd[1].accuracy).toBeCloseTo(mean(own), 6);
    expect([sgd[1].lo, sgd[1].hi]).toEqual([Math.min(...own), Math.max(...own)]);
    for (const line of curves.flatMap((c) => c.lines))
      for (const p of line) expect(p.lo <= p.accuracy && p.accuracy <= p.hi).toBe(true);
  });

  it('spreads every cell of R and each seed’s scores over the method’s lanes', () => {
    const groups = laneGroups(config);
    const switches: TaskSwitch[] = [
      { step: 10, from: 0, to: 1, accuracy: rowOf(1), boundary: [] },
      { step: 20, from: 1, to: 0, accuracy: rowOf(0.9), boundary: [] },
    ];
    const byLane = config.methods.map((_, l) => methodMatrix(switches, l, T, [0.5, 0.5]));
    const ewc = groupMatrix(byLane, groups[1]);
    const own = onTask1.slice(K).map((a) => Math.fround(a * 0.9));
    expect(ewc.rows.map((r) => r.task)).toEqual([0, 1]);
    expect(ewc.rows[1].accuracy[0]).toBeCloseTo(mean(own), 6);
    expect([ewc.rows[1].spread[0].lo, ewc.rows[1].spread[0].hi]).toEqual([
      Math.min(...own),
      Math.max(...own),
    ]);
    // BWT per seed: R[1][0] − R[0][0], then their mean and range.
    const bwt = groups[1].lanes.map((l) => byLane[l].bwt);
    expect(ewc.bwt.mean).toBeCloseTo(mean(bwt), 9);
    expect([ewc.bwt.lo, ewc.bwt.hi]).toEqual([Math.min(...bwt), Math.max(...bwt)]);
  });
});
