/** The claims table `npm run experiment` prints after the seeds: each claim's count and spread over them. */
import { describeSpread, requiredRule, type SeedTally } from '../src/engine/claimSeeds';

export function claimTableLines(tallies: readonly SeedTally[], M: number): string[] {
  const counts = tallies.map((t) => `${t.held}/${t.seeds}${t.holds ? '' : ' ✗'}`);
  const spreads = tallies.map((t) => describeSpread(t.spread));
  const w1 = Math.max(4, ...counts.map((c) => c.length));
  const w2 = Math.max(19, ...spreads.map((s) => s.length));
  return [
    `claims over ${M} seed${M === 1 ? '' : 's'}: ${requiredRule(M)}`,
    `  ${'held'.padEnd(w1)}  ${'spread (min to max)'.padEnd(w2)}  claim`,
    ...tallies.map((t, i) => `  ${counts[i].padEnd(w1)}  ${spreads[i].padEnd(w2)}  ${t.line}`),
  ];
}
