/**
 * On how many of the benchmark's seeds each claim held, as `npm run evidence` measured and stored it
 * (./claimCounts.json, generated; the claims test checks it against docs/evidence/). The page reads
 * only these counts, never the evidence: keyed by scene id (or scenario key) and the claim's text,
 * so an edited claim has no count until it is measured again.
 */
import generated from './claimCounts.json';

export interface ClaimCount {
  readonly held: number;
  readonly seeds: number;
}

export interface ClaimCounts {
  readonly scenes: Readonly<Record<string, Readonly<Record<string, ClaimCount>>>>;
  readonly scenarios: Readonly<Record<string, Readonly<Record<string, ClaimCount>>>>;
}

const COUNTS: ClaimCounts = generated;

/** A scene's claim's count, by the claim's text; undefined when it was not measured as it reads now. */
export function sceneClaimCount(sceneId: string, claimText: string): ClaimCount | undefined {
  const scene = Object.hasOwn(COUNTS.scenes, sceneId) ? COUNTS.scenes[sceneId] : undefined;
  return scene && Object.hasOwn(scene, claimText) ? scene[claimText] : undefined;
}
