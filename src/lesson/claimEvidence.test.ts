import { describe, expect, it } from 'vitest';
import { claimRuns, evidenceVerdict } from '../../scripts/claimRuns';
import { findEvidence } from '../../scripts/evidenceStore';
import COUNTS from './claimCounts.json';

/**
 * Every network scene's and scenario story's claims, re-checked on the evidence stored at the
 * run's CURRENT settings (docs/evidence/, `npm run evidence`): each must hold on at least 19 of
 * seeds 0–19, and the counts the page shows (./claimCounts.json) must be what the evidence gives.
 * A run without evidence at its settings (they changed, or it was never stored) is skipped with
 * the command that stores it. No training here: the evidence was measured once, headless.
 */
describe('the claims over seeds 0–19', () => {
  for (const run of claimRuns()) {
    it(run.name, ({ skip }) => {
      const verdict = evidenceVerdict(run, findEvidence(run.options)?.evidence ?? null, COUNTS);
      if ('skip' in verdict) return skip(verdict.skip);
      expect(verdict.problems, 'claims short of 19 of 20 seeds, or counts the page gets wrong').toEqual([]);
    });
  }
});
