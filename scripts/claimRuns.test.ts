import { describe, expect, it } from 'vitest';
import type { Claim } from '../src/engine/claims';
import { type Evidence, emptyEvidence, laneNames, withResults } from '../src/engine/evidence';
import type { ExperimentOptions } from '../src/engine/experiment';
import { sweepLanes } from '../src/engine/sweep';
import { type ClaimRun, claimRuns, countsOf, evidenceVerdict, runTallies } from './claimRuns';

const OPTIONS: ExperimentOptions = {
  spec: { protocol: 'permuted-mnist', tasks: 2 },
  methods: ['sgd'],
  seed: 0,
};
const run = (claim: Claim): ClaimRun => ({
  name: 'scene 1 (synthetic)',
  only: ['synthetic'],
  options: OPTIONS,
  groups: [{ kind: 'scenes', id: 'synthetic', claims: [claim], sweepClaims: [] }],
});
const SGD_DROP = (atLeast: number): Claim => ({ method: 'sgd', metric: 'drop', task: 1, atLeast });

/** Synthetic evidence on `seeds` seeds: SGD drops 25 points on task 1, but only 10 on the first `failing`. */
function evidence(failing: number, seeds = 20): Evidence {
  let e = emptyEvidence(OPTIONS);
  for (let s = 0; s < seeds; s++) {
    const after = s < failing ? 0.85 : 0.7;
    e = withResults(
      e,
      s,
      ['sgd'],
      [
        {
          method: 'sgd',
          accuracy: [
            [0.95, 0.1],
            [after, 0.95],
          ],
        },
      ],
    );
  }
  return e;
}

/** The verdict with a counts file generated from the same evidence (as `npm run evidence` writes it). */
const verdict = (claim: Claim, e: Evidence) =>
  evidenceVerdict(run(claim), e, countsOf(runTallies(run(claim), e, Object.keys(e.seeds).map(Number))));

describe('the claims test on stored evidence', () => {
  it('passes a claim that held on 19 of 20 seeds, fails one that held on 18', () => {
    expect(verdict(SGD_DROP(15), evidence(1))).toEqual({ problems: [] });
    expect(verdict(SGD_DROP(15), evidence(2))).toEqual({
      problems: [
        'scene synthetic: SGD: drop on task 1 ≥ 15 points: held on 18 of 20 seeds, needs 19 (spread 10 to 25)',
      ],
    });
  });

  it('fails a claim drawn tighter than the seeds allow', () => {
    expect(verdict(SGD_DROP(40), evidence(0))).toMatchObject({
      problems: [expect.stringContaining('held on 0 of 20 seeds')],
    });
  });

  it('fails when the counts the page shows are not what the evidence gives', () => {
    const e = evidence(1);
    const stale = countsOf(runTallies(run(SGD_DROP(15)), evidence(0), Object.keys(e.seeds).map(Number)));
    expect(evidenceVerdict(run(SGD_DROP(15)), e, stale)).toEqual({
      problems: [
        'scene synthetic: SGD: drop on task 1 ≥ 15 points: the counts file says 20/20, the evidence 19/20; run npm run evidence -- --seeds 0-19 --only synthetic',
      ],
    });
    // An edited claim has no count at all.
    expect(evidenceVerdict(run(SGD_DROP(14)), e, stale)).toMatchObject({
      problems: [expect.stringContaining('the counts file says nothing')],
    });
  });

  it('is skipped, naming the command, without evidence on all 20 seeds', () => {
    const command = 'npm run evidence -- --seeds 0-19 --only synthetic';
    expect(verdict(SGD_DROP(15), evidence(0, 19))).toEqual({
      skip: `scene 1 (synthetic): only 19 of seeds 0–19 stored at its current settings; run ${command}`,
    });
    const none = evidenceVerdict(run(SGD_DROP(15)), null, { scenes: {}, scenarios: {} });
    expect(none).toEqual({
      skip: `scene 1 (synthetic): no evidence at its current settings; run ${command}`,
    });
  });

  it('reads a sweep’s lanes by their labels and checks its sweep claims', () => {
    const lanes = sweepLanes('si', 3, 'split-domain');
    const options: ExperimentOptions = { ...OPTIONS, methods: lanes.map((l) => l.method), lanes };
    const sweepRun: ClaimRun = {
      ...run(SGD_DROP(15)),
      options,
      groups: [
        {
          kind: 'scenes',
          id: 'synthetic',
          claims: [],
          sweepClaims: [{ kind: 'rises', metric: 'first', atLeast: 10 }],
        },
      ],
    };
    // Lanes of one method, stored apart by their strengths.
    expect(new Set(laneNames(options)).size).toBe(3);
    let e = emptyEvidence(options);
    // Task 1 at the end: 50 % without the penalty, 70 % at the largest c (55 % on seed 0: it fails there).
    for (let s = 0; s < 20; s++) {
      const lane = (first: number) => ({
        method: 'si' as const,
        accuracy: [
          [0.9, 0.5],
          [first, 0.9],
        ],
      });
      e = withResults(e, s, laneNames(options), [lane(0.5), lane(0.6), lane(s === 0 ? 0.55 : 0.7)]);
    }
    const [{ tallies }] = runTallies(sweepRun, e, Object.keys(e.seeds).map(Number));
    expect(tallies).toMatchObject([{ held: 19, seeds: 20, holds: true }]);
    expect(tallies[0].line).toBe('task 1 accuracy rises by ≥ 10 points from c = 0 to the largest c');
  });
});

describe('a scene that trains seeds as lanes', () => {
  it('is counted on its base run, the first scene’s, seed by seed', () => {
    const runs = claimRuns();
    const luck = runs.find((r) => r.only.includes('luck'));
    expect(luck?.only).toContain('forgetting');
    expect(luck?.options.lanes).toBeUndefined();
    expect(luck?.options.seed).toBe(0);
  });
});
