import { describe, expect, it } from 'vitest';
import { claimMethods } from '../engine/claims';
import { isClassIncremental, sceneRunTests } from './sceneClaimsCheck';
import { SCENES } from './scenes';

/** Every network scene states claims about the methods it runs; its run's claims (./sceneClaimsCheck.ts). */

describe('the network scenes', () => {
  it('each state claims about the methods they run', () => {
    for (const [i, scene] of SCENES.entries()) {
      if (scene.view !== 'network') continue;
      const count = (scene.claims?.length ?? 0) + (scene.sweepClaims?.length ?? 0);
      expect(count, `scene ${i + 1} (${scene.id}) states no claim`).toBeGreaterThan(0);
      for (const claim of scene.claims ?? [])
        for (const m of claimMethods(claim)) expect(scene.run?.methods, scene.id).toContain(m);
    }
  });

  sceneRunTests((run) => !isClassIncremental(run));
});
