import { beforeEach, describe, expect, it } from 'vitest';
import { pathIntegralPoints } from '../panels/importanceData';
import type { TaskSwitchEvent } from '../worker/protocol';
import { applyEvent, clearRun, KEPT_IMPORTANCES, useResults } from './results';

const values = () => Float32Array.from([1, 2, 3]);
const switchTo = (to: number): TaskSwitchEvent => ({
  type: 'task-switch',
  step: 10 * to,
  from: to - 1,
  to,
  accuracy: new Float32Array(2),
  boundary: [
    {
      method: 'si',
      lossStart: 2,
      lossEnd: 1,
      sumOmega: 0.9,
      layers: [
        {
          layer: 'layer 1',
          measures: [
            { id: 'fisher', values: values() },
            { id: 'Omega', values: values() },
          ],
        },
      ],
    },
  ],
});

describe('the results store over a long run', () => {
  beforeEach(() => clearRun());

  it(`keeps per-parameter importances for the latest ${KEPT_IMPORTANCES} boundaries only, and every boundary's scalars`, () => {
    for (let t = 1; t <= KEPT_IMPORTANCES + 3; t++) applyEvent(switchTo(t));
    const { switches } = useResults.getState();
    expect(switches.map((s) => s.released ?? false)).toEqual([
      true,
      true,
      true,
      ...Array(KEPT_IMPORTANCES).fill(false),
    ]);
    expect(switches[0].boundary?.[0].layers[0].measures[0].values).toHaveLength(0);
    expect(switches.at(-1)?.boundary?.[0].layers[0].measures[1].values).toEqual(values());
    // The path-integral panel still has a point for every boundary.
    expect(pathIntegralPoints(switches)).toHaveLength(KEPT_IMPORTANCES + 3);
    expect(switches[0].boundary?.[0]).toMatchObject({ sumOmega: 0.9, lossStart: 2, lossEnd: 1 });
    expect(switches[0].boundary?.[0].layers[0].measures.map((m) => m.id)).toEqual(['fisher', 'Omega']);
  });

  it('journals switches, halts and settings in the order they took effect', () => {
    applyEvent({ type: 'settings-applied', step: 0, hyperparameters: {} as never, learningRates: {} });
    applyEvent(switchTo(1));
    applyEvent({ type: 'diverged', method: 'si', lane: 0, step: 20, cause: 'x' });
    expect(useResults.getState().journal.map((e) => [e.kind, e.step])).toEqual([
      ['settings', 0],
      ['switch', 10],
      ['halt', 20],
    ]);
  });
});
