import { describe, expect, it } from 'vitest';
import { methodModule } from './methods/registry';
import { bestRow, laneStrength, SWEEP_METHODS, sweepLanes, sweepRows, sweepStrengths } from './sweep';

describe('strength sweeps', () => {
  it('sweep every method with a strength, and no other', () => {
    expect(SWEEP_METHODS).toEqual(['l2', 'ewc', 'si', 'mas', 'lwf']);
    expect(() => sweepStrengths('sgd', 4, 'split-task')).toThrow(/no strength/);
  });

  it('start at 0 and space the other lanes evenly in log up to the range’s end', () => {
    expect(sweepStrengths('si', 4, 'split-task')).toEqual([0, 0.01, 1, 100]);
    expect(sweepStrengths('si', 6, 'split-task')).toEqual([0, 0.01, 0.1, 1, 10, 100]);
    expect(sweepStrengths('si', 2, 'split-task')).toEqual([0, 100]);
    expect(() => sweepStrengths('si', 9, 'split-task')).toThrow(/2–8 lanes/);
  });

  it('span EWC’s range around the scenario’s recommended λ, which moves by decades', () => {
    expect(sweepStrengths('ewc', 4, 'split-task')).toEqual([0, 1000, 1e6, 1e9]);
    expect(sweepStrengths('ewc', 4, 'permuted-4')).toEqual([0, 0.01, 10, 1e4]);
  });

  it('bracket the recommended strength in every scenario', () => {
    for (const method of SWEEP_METHODS) {
      const p = methodModule(method).params[0];
      for (const [scenario, rec] of Object.entries(p.recommended)) {
        const s = sweepStrengths(method, 8, scenario as keyof typeof p.recommended);
        expect(rec, `${method} in ${scenario}`).toBeGreaterThan(s[1]);
        expect(rec, `${method} in ${scenario}`).toBeLessThan(s[7]);
      }
    }
  });

  it('give lanes that fix the swept parameter', () => {
    const lanes = sweepLanes('mas', 3, 'split-task');
    expect(lanes).toEqual([
      { method: 'mas', params: { lambdaMas: 0 } },
      { method: 'mas', params: { lambdaMas: 0.001 } },
      { method: 'mas', params: { lambdaMas: 1000 } },
    ]);
    expect(lanes.map(laneStrength)).toEqual([0, 0.001, 1000]);
    expect(laneStrength({ method: 'si' })).toBeNaN();
  });

  it('read first-task, newest-task and average accuracy of the tasks seen', () => {
    const accuracy = [
      [0.6, 0.9, 0.98, Number.NaN],
      [0.99, 0.7, 0.8, Number.NaN],
    ];
    const rows = sweepRows([0, 10], accuracy, 2);
    expect(rows[0]).toEqual({ strength: 0, first: 0.6, newest: 0.98, average: expect.closeTo(0.8267, 3) });
    expect(rows[1]).toEqual({ strength: 10, first: 0.99, newest: 0.8, average: expect.closeTo(0.83, 3) });
    expect(bestRow(rows)?.strength).toBe(10);
    expect(sweepRows([0], [[0.5, 0.1]], 0)[0]).toEqual({
      strength: 0,
      first: 0.5,
      newest: 0.5,
      average: 0.5,
    });
  });
});
