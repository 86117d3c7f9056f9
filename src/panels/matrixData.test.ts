import { describe, expect, it } from 'vitest';
import type { EvaluationPoint, TaskSwitch } from '../store/results';
import { finishedRuns, latestEvaluation, matrixRows, methodMatrix, standardMatrix } from './matrixData';

const T = 3;
/** A switch from `from` to `to` with two methods; method 1's accuracies are method 0's minus 0.1. */
function sw(from: number, to: number, acc: number[], trained = true): TaskSwitch {
  return {
    step: 100 * (from + 1),
    from,
    to,
    accuracy: Float32Array.from([...acc, ...acc.map((a) => a - 0.1)]),
    boundary: trained ? [] : null,
  };
}

describe('accuracy matrix', () => {
  const switches = [sw(0, 1, [0.9, 0.5, 0.4]), sw(1, 2, [0.6, 0.95, 0.3])];

  it('takes one row per boundary from the method’s slice of the switch accuracies', () => {
    const rows = matrixRows(switches, 1, T);
    expect(rows.map((r) => r.task)).toEqual([0, 1]);
    expect(rows[1].accuracy[0]).toBeCloseTo(0.5);
    expect(rows[1].accuracy[1]).toBeCloseTo(0.85);
  });

  it('skips untrained boundaries and numbers revisits', () => {
    const rows = matrixRows([...switches, sw(2, 0, [0.1, 0.1, 0.1], false), sw(0, 1, [1, 0, 0])], 0, T);
    expect(rows.map((r) => [r.task, r.visit])).toEqual([
      [0, 1],
      [1, 1],
      [0, 2],
    ]);
  });

  it('scores the in-order prefix: average, BWT and FWT by hand', () => {
    const mm = methodMatrix(switches, 0, T, [0.1, 0.2, 0.3]);
    expect(mm.average).toBeCloseTo((0.6 + 0.95) / 2, 5);
    expect(mm.bwt).toBeCloseTo(0.6 - 0.9, 5);
    expect(mm.fwt).toBeCloseTo(0.5 - 0.2, 5);
  });

  const live = (step: number, task: number, acc: number[], full = false): EvaluationPoint => ({
    step,
    task,
    full,
    accuracy: Float32Array.from([...acc, ...acc]),
    trainLoss: new Float32Array(2),
    penalty: new Float32Array(2),
    numTensors: 0,
    diagnostics: [],
    frozen: null,
  });

  it('shows the task being trained as the last row, and scores the latest row', () => {
    const evaluations = [live(150, 1, [0.9, 0.9, Number.NaN]), live(250, 2, [0.5, 0.8, 0.7])];
    const latest = latestEvaluation(evaluations, switches);
    expect(latest?.step).toBe(250);
    const mm = methodMatrix(switches, 0, T, [0.1, 0.2, 0.3], latest);
    expect(mm.rows.map((r) => [r.task, r.kind])).toEqual([
      [0, 'switch'],
      [1, 'switch'],
      [2, 'now'],
    ]);
    // Average and BWT from the row of task 3 in progress, as the CLI would have them after it.
    expect(mm.average).toBeCloseTo((0.5 + 0.8 + 0.7) / 3, 5);
    expect(mm.bwt).toBeCloseTo((0.5 - 0.9 + (0.8 - 0.95)) / 2, 5);
    // The end of a schedule is measured on the full test sets: the final row, not in progress.
    expect(methodMatrix(switches, 0, T, [0, 0, 0], { ...latest!, full: true }).rows[2].kind).toBe('end');
    // Just after a switch (no step since) there is no row in progress.
    expect(latestEvaluation([live(200, 2, [0.5, 0.5, 0.5])], switches)).toBeNull();
  });

  it('stops the standard matrix at the first out-of-order row', () => {
    const rows = matrixRows([sw(0, 2, [0.9, 0, 0]), sw(2, 1, [0.5, 0, 0.9])], 0, T);
    expect(standardMatrix(rows)).toHaveLength(1);
    expect(methodMatrix([], 0, T, [0, 0, 0]).average).toBeNaN();
  });

  it('gives a finished run’s claims each task’s diagnostics, summed over its evaluations', () => {
    const agem = (references: number, projected: number) => ({ references, projected });
    const evaluations = [
      { ...live(150, 1, [0.9, 0.9, 0]), diagnostics: [null, agem(40, 10)] },
      { ...live(200, 1, [0.9, 0.9, 0], true), diagnostics: [null, agem(60, 20)] },
      { ...live(300, 2, [0.5, 0.8, 0.7], true), diagnostics: [null, agem(100, 70)] },
    ];
    const runs = finishedRuns({
      config: {
        protocol: 'split-mnist',
        scenario: 'class',
        tasks: 5,
        methods: ['sgd', 'agem'],
        seed: 0,
        hidden: [8],
      },
      switches,
      evaluations,
      taskNames: ['a', 'b', 'c'],
    });
    expect(runs?.map((r) => r.diagnostics)).toEqual([
      [null, null, null],
      [null, agem(100, 30), agem(100, 70)],
    ]);
  });
});
