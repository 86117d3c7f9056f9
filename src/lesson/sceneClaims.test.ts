import { beforeAll, describe, expect, it } from 'vitest';
import { readMnistPackage } from '../../scripts/mnist-asset-plugin';
import { selectNodeBackend } from '../../scripts/tfBackend';
import { checkClaim, claimMethods } from '../engine/claims';
import { runExperiment } from '../engine/experiment';
import { checkSweepClaim, sweepResultOf } from '../engine/sweepClaims';
import { sceneRuns } from './sceneRuns';
import { SCENES } from './scenes';

/**
 * Every network scene's claims, checked on its own settings with the engine (the scene's scenario,
 * network, schedule, strengths and seed; nothing made smaller). A scene whose text, settings and
 * numbers disagree fails here. Scenes with the same settings share one run. A scene that trains
 * seeds as lanes is checked here on its base run (its first seed, ./sceneRuns.ts); its claims over
 * seeds are the evidence's (./claimEvidence.test.ts).
 */
const RUNS = sceneRuns(SCENES);

describe('the network scenes', () => {
  beforeAll(async () => {
    await selectNodeBackend();
  });

  it('each state claims about the methods they run', () => {
    for (const [i, scene] of SCENES.entries()) {
      if (scene.view !== 'network') continue;
      const count = (scene.claims?.length ?? 0) + (scene.sweepClaims?.length ?? 0);
      expect(count, `scene ${i + 1} (${scene.id}) states no claim`).toBeGreaterThan(0);
      for (const claim of scene.claims ?? [])
        for (const m of claimMethods(claim)) expect(scene.run?.methods, scene.id).toContain(m);
    }
  });

  for (const run of RUNS) {
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
});
