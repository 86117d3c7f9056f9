/**
 * The network scenes' claims, checked on their own settings with the engine (the scene's scenario,
 * network, schedule, strengths and seed; nothing made smaller). A scene whose text, settings and
 * numbers disagree fails. Scenes with the same settings share one run. A scene that trains seeds as
 * lanes is checked on its base run (its first seed, ./sceneRuns.ts); its claims over seeds are the
 * evidence's (./claimEvidence.test.ts). Test support: the runs are split over two test files so
 * that Vitest trains the longest (class-incremental, 10 epochs a task) beside the others.
 */
import { beforeAll, expect, it } from 'vitest';
import { readMnistPackage } from '../../scripts/mnist-asset-plugin';
import { selectNodeBackend } from '../../scripts/tfBackend';
import { checkClaim } from '../engine/claims';
import { runExperiment } from '../engine/experiment';
import { checkSweepClaim, sweepResultOf } from '../engine/sweepClaims';
import { type SceneRun, sceneRuns } from './sceneRuns';
import { SCENES } from './scenes';

export const isClassIncremental = (run: SceneRun) =>
  run.options.spec.protocol === 'split-mnist' && run.options.spec.scenario === 'class';

/** One test per scene run that `select` takes; it trains the run and checks its scenes' claims. */
export function sceneRunTests(select: (run: SceneRun) => boolean): void {
  beforeAll(async () => {
    await selectNodeBackend();
  });
  for (const run of sceneRuns(SCENES).filter(select)) {
    const names = run.scenes.map((s) => `${s.n} (${s.id})`).join(', ');
    it(`show what they claim: scene ${names}`, { timeout: 900_000 }, async () => {
      const result = await runExperiment(readMnistPackage(), run.options);
      const sweep = sweepResultOf(run.options.spec, run.options.lanes, result.methods);
      const broken = run.scenes.flatMap((scene) =>
        [
          ...scene.claims.map((claim) => checkClaim(claim, result.methods)),
          ...scene.sweepClaims.map((claim) => checkSweepClaim(claim, sweep!)),
        ]
          .filter((o) => !o.holds)
          .map((o) => `scene ${scene.n} (${scene.id}): ${o.line}`),
      );
      expect(broken, 'claims that do not hold').toEqual([]);
    });
  }
}
