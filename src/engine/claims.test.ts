import { describe, expect, it } from 'vitest';
import { checkClaim, checkClaims, describeClaim, type MethodMatrix } from './claims';

// Three tasks; rows: after training task 1, 2, 3.
const sgd: MethodMatrix = {
  method: 'sgd',
  accuracy: [
    [0.9, 0.1, 0.1],
    [0.6, 0.92, 0.1],
    [0.5, 0.7, 0.94],
  ],
};
const ewc: MethodMatrix = {
  method: 'ewc',
  accuracy: [
    [0.9, 0.1, 0.1],
    [0.89, 0.9, 0.1],
    [0.88, 0.89, 0.9],
  ],
};

describe('claims', () => {
  it('measure final, learned, drop, average and BWT in points', () => {
    const value = (claim: Parameters<typeof checkClaim>[0]) => checkClaim(claim, [sgd, ewc]).values;
    expect(value({ method: 'sgd', metric: 'final', task: 1, atLeast: 0 })[0]).toBeCloseTo(50);
    expect(value({ method: 'sgd', metric: 'learned', task: 2, atLeast: 0 })[0]).toBeCloseTo(92);
    expect(value({ method: 'sgd', metric: 'drop', task: 1, atLeast: 0 })[0]).toBeCloseTo(40);
    expect(value({ method: 'ewc', metric: 'average', atLeast: 0 })[0]).toBeCloseTo(89);
    expect(value({ method: 'sgd', metric: 'bwt', atLeast: 0 })[0]).toBeCloseTo(-31);
    // Per task, then the difference: EWC learns task 2 two points and task 3 four points worse.
    const later = value({ method: 'ewc', than: 'sgd', metric: 'learned', task: 'later', atLeast: -3 });
    expect(later.map((x) => Math.round(x))).toEqual([-2, -4]);
  });

  it('hold only when every task they cover is in range, and anyOf when one part holds', () => {
    expect(
      checkClaim({ method: 'ewc', than: 'sgd', metric: 'learned', task: 'later', atLeast: -3 }, [sgd, ewc])
        .holds,
    ).toBe(false);
    expect(checkClaim({ method: 'sgd', metric: 'drop', task: 1, between: [30, 45] }, [sgd]).holds).toBe(true);
    expect(
      checkClaim({ method: 'ewc', than: 'sgd', times: 1 / 3, metric: 'bwt', atLeast: 0 }, [sgd, ewc]).holds,
    ).toBe(true);
    const either = {
      anyOf: [
        { method: 'ewc', metric: 'drop', task: 1, atLeast: 10 },
        { method: 'ewc', metric: 'final', task: 1, atLeast: 85 },
      ],
    } as const;
    expect(checkClaim(either, [ewc]).holds).toBe(true);
    expect(checkClaim({ anyOf: [either.anyOf[0]] }, [ewc]).holds).toBe(false);
  });

  it('measure the share of projected updates per task from the summed diagnostics', () => {
    const agem: MethodMatrix = {
      ...ewc,
      method: 'agem',
      diagnostics: [
        { references: 0, projected: 0 },
        { references: 200, projected: 50 },
        { references: 100, projected: 40 },
      ],
    };
    const later = checkClaim({ method: 'agem', metric: 'projected', task: 'later', atLeast: 20 }, [agem]);
    expect(later.values).toEqual([25, 40]);
    expect(later.holds).toBe(true);
    // Task 1 has no reference batch (the memory is empty): no share, and the claim fails.
    expect(checkClaim({ method: 'agem', metric: 'projected', task: 1, atLeast: 0 }, [agem]).holds).toBe(
      false,
    );
    expect(describeClaim({ method: 'agem', metric: 'projected', task: 'later', atLeast: 20 })).toBe(
      'A-GEM: share of updates projected on every later task ≥ 20 %',
    );
  });

  it('skip claims about methods the run did not train, and read as a sentence', () => {
    const claims = [
      { method: 'sgd', metric: 'drop', task: 1, atLeast: 15 },
      { method: 'si', metric: 'drop', task: 1, atMost: 3 },
    ] as const;
    expect(checkClaims(claims, [sgd]).map((o) => o.claim)).toEqual([claims[0]]);
    expect(describeClaim(claims[0])).toBe('SGD: drop on task 1 ≥ 15 points');
    expect(describeClaim({ method: 'joint', metric: 'average', atLeast: 80 })).toBe(
      'Joint: average accuracy ≥ 80 %',
    );
  });
});
