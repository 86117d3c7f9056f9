import { describe, expect, it } from 'vitest';
import { mapRows, mapShade } from './pixelMapsData';

const MEASURES = ['omega', 'Omega', 'fisher', 'mas'];
/** A boundary's maps for three methods over 4 pixels: value = offset + position. */
const boundary = (step: number, task: number, offset: number) => ({
  step,
  task,
  measures: MEASURES,
  values: Float32Array.from({ length: 3 * MEASURES.length * 4 }, (_, i) => offset + i),
});

describe('importance map rows', () => {
  it('draws each method’s own measure per boundary, EWC’s Fisher summed over tasks, each map with its own maximum', () => {
    const rows = mapRows(['sgd', 'ewc', 'si'], [boundary(10, 0, 0), boundary(20, 1, 100)], null, null, false);
    // SGD protects nothing: no row.
    expect(rows.map((r) => r.label)).toEqual(['EWC · ΣF', 'SI · Ω']);
    const [ewc, si] = rows;
    // The run is sgd, ewc, si: EWC is method 1, its Fisher (measure 2) at (1·4 + 2)·4 = 24.
    expect(Array.from(ewc.maps[0].values)).toEqual([24, 25, 26, 27]);
    expect(Array.from(ewc.maps[1].values)).toEqual([24 + 124, 25 + 125, 26 + 126, 27 + 127]);
    expect(ewc.maps.map((m) => m.max)).toEqual([27, 27 + 127]);
    // SI (method 2) shows Ω (measure 1) as it is: Ω is cumulative already.
    expect(Array.from(si.maps[1].values)).toEqual([136, 137, 138, 139]);
    expect(si.maps.map((m) => m.max)).toEqual([39, 139]);
    expect(si.maps.map((m) => m.title)).toEqual(['after T1', 'after T2']);
  });

  it('puts a permuted task’s map back in pixel order when asked, and draws L2 uniform', () => {
    const setup = {
      width: 2,
      height: 2,
      task: new Uint8Array(0),
      images: new Uint8Array(0),
      labels: new Uint8Array(0),
      classes: 10,
      classOffset: Int32Array.from([0, 0]),
      permutations: [null, Int32Array.from([3, 2, 1, 0])],
    };
    const b = {
      step: 5,
      task: 1,
      measures: MEASURES,
      values: Float32Array.from({ length: 2 * 16 }, (_, i) => i),
    };
    const [l2, si] = mapRows(['l2', 'si'], [b], null, setup, true);
    expect(Array.from(l2.maps[0].values)).toEqual([1, 1, 1, 1]);
    // Input p shows pixel perm[p]: SI's Ω at inputs [20, 21, 22, 23] lands on pixels 3, 2, 1, 0.
    expect(Array.from(si.maps[0].values)).toEqual([23, 22, 21, 20]);
  });

  it('shades linearly, or over three decades on the log scale', () => {
    expect(mapShade(5, 10, false)).toBe(0.5);
    expect(mapShade(0.01, 10, true)).toBeCloseTo(0, 6);
    expect(mapShade(0.1, 10, true)).toBeCloseTo(1 / 3, 6);
    expect(mapShade(0, 10, true)).toBe(0);
  });
});
