import { describe, expect, it } from 'vitest';
import { computeLab } from '../engine/quadratic/lab';
import { defaultLabSettings } from '../store/labStore';
import { withLab } from './applyScene';
import { checkLabClaim, describeLabClaim } from './labClaims';
import { SCENES } from './scenes';

/**
 * Every lab scene's claims, checked with the lab's own code on the lab the scene sets up: before
 * the reveal, and after its change (e.g. gradient noise switched on).
 */
describe('the lab scenes', () => {
  for (const [i, scene] of SCENES.entries()) {
    if (!scene.lab) continue;
    it(`show what they claim: scene ${i + 1} (${scene.id})`, () => {
      expect(scene.labClaims?.length, 'states no claim').toBeGreaterThan(0);
      const before = withLab(defaultLabSettings(scene.lab!.preset), scene.lab!);
      const after = scene.predict?.labAtReveal ? withLab(before, scene.predict.labAtReveal) : before;
      const [b, a] = [computeLab(before.params), computeLab(after.params)];
      const broken = (scene.labClaims ?? []).flatMap((claim) => {
        const { holds, measured } = checkLabClaim(claim, after.params.tasks, b, a);
        return holds ? [] : [`${describeLabClaim(claim)} (measured ${measured})`];
      });
      expect(broken, 'claims that do not hold').toEqual([]);
    });
  }
});
