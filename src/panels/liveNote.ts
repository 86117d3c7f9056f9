/** What a live point is, said on the figures that show live accuracies. */

import { halfWidth95 } from '../engine/metrics';
import type { ResultsState } from '../store/results';

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * "live: 1,200 of 2,000 test digits per task (±1.8 pp, 95 %)" (task switches use them all), or,
 * when the live subset is the whole test set, that it is; null before a run.
 */
export function liveNote(s: Pick<ResultsState, 'testDigits' | 'liveTestDigits'>): string | null {
  const { testDigits: full, liveTestDigits: live } = s;
  if (full.length === 0) return null;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  if (live.every((n, t) => n >= full[t])) return `live: all ≈${count(mean(full))} test digits per task`;
  const worst = Math.max(...live.map((n, t) => halfWidth95(n, full[t])));
  return `live: ${count(mean(live))} of ${count(mean(full))} test digits per task (±${worst.toFixed(1)} pp, 95 %)`;
}
