import { describe, expect, it } from 'vitest';
import type { LaneSpec } from '../engine/laneSettings';
import type { RunConfig } from '../engine/runConfig';
import { checkSweepClaim, describeSweepClaim } from '../engine/sweepClaims';
import type { EvaluationPoint } from '../store/results';
import { sweepView } from '../store/sweepView';
import { laneLabels, strengthSweepCsv } from './sweepData';

const lanes: LaneSpec[] = [0, 1, 100].map((c) => ({ method: 'si', params: { c } }));
const config: RunConfig = {
  protocol: 'split-mnist',
  scenario: 'domain',
  tasks: 4,
  methods: lanes.map((l) => l.method),
  lanes,
  seed: 0,
  hidden: [8],
};
const taskNames = ['0/1', '2/3', '4/5'];
/** Lane-major accuracies, 3 lanes × 3 tasks. */
const evaluation = (task: number, full: boolean, accuracy: number[]): EvaluationPoint => ({
  step: 10 * (task + 1),
  task,
  full,
  accuracy: Float32Array.from(accuracy),
  trainLoss: new Float32Array(3),
  penalty: new Float32Array(3),
  numTensors: 0,
  diagnostics: [],
  frozen: null,
});
// c = 0 forgets task 1; c = 100 keeps it but cannot learn task 3.
const final = evaluation(2, true, [0.4, 0.9, 0.95, 0.7, 0.8, 0.9, 1, 0.9, 0.5]);

describe('the sweep panel’s data', () => {
  it('names each lane by its strength, and plain runs by their method', () => {
    expect(laneLabels(config)).toEqual(['SI c=0', 'SI c=1', 'SI c=100']);
    expect(laneLabels({ ...config, methods: ['sgd', 'ewc'], lanes: undefined })).toEqual(['SGD', 'EWC']);
  });

  it('reads the table of the latest evaluation, final once the last task is measured in full', () => {
    const live = sweepView({
      config,
      taskNames,
      evaluations: [evaluation(1, false, [0.5, 0.9, NaN, 0.8, 0.85, NaN, 1, 0.7, NaN])],
    });
    expect(live).toMatchObject({ method: 'si', symbol: 'c', recommended: 10, task: 2, final: false });
    expect(live?.rows[2].average).toBeCloseTo(0.85);
    const done = sweepView({ config, taskNames, evaluations: [final] });
    expect(done?.final).toBe(true);
    expect(done?.best?.strength).toBe(1);
    expect(
      sweepView({ config: { ...config, lanes: undefined }, taskNames, evaluations: [final] }),
    ).toBeNull();
  });

  it('exports one CSV row per strength', () => {
    const [csv] = strengthSweepCsv({ config, taskNames, evaluations: [final] });
    const rows = csv.rows();
    expect(rows[0]).toContain('first_task_accuracy');
    expect(rows.slice(1).map((r) => r.slice(1, 5))).toEqual([
      [0, 40, 95, 75],
      [1, 70, 90, 80],
      [100, 100, 50, 80],
    ]);
  });

  it('checks the sweep claims on the final table, and fails them when the lanes do not differ', () => {
    const view = sweepView({ config, taskNames, evaluations: [final] })!;
    const rises = { kind: 'rises', metric: 'first', atLeast: 50 } as const;
    const falls = { kind: 'fallsAtLargest', metric: 'newest', atLeast: 40 } as const;
    const near = { kind: 'recommendedNearBest', decades: 1 } as const;
    expect(checkSweepClaim(rises, view)).toMatchObject({ holds: true, value: expect.closeTo(60, 3) });
    expect(checkSweepClaim(falls, view)).toMatchObject({ holds: true, value: expect.closeTo(45, 3) });
    // The best average (80 % at c = 1, the first of equals) is one decade from the recommended 10.
    expect(checkSweepClaim(near, view)).toMatchObject({ holds: true, value: 1 });
    const same = sweepView({ config, taskNames, evaluations: [evaluation(2, true, Array(9).fill(0.8))] })!;
    expect(checkSweepClaim(rises, same).holds).toBe(false);
    expect(checkSweepClaim(falls, same).holds).toBe(false);
    expect(describeSweepClaim(rises, 'c')).toBe(
      'task 1 accuracy rises by ≥ 50 points from c = 0 to the largest c',
    );
  });
});
