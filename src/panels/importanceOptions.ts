import type { MethodId } from '../engine/methodIds';
import type { TaskSwitch } from '../store/results';
import { consolidatedBoundaries, type SiQuantity } from './importanceData';

/** What the importance panels show: which boundary, layer, method's weights and SI quantity. */
export interface ImportanceOptions {
  /** Index among the consolidated boundaries; -1 = the latest. */
  boundary: number;
  /** null = every layer. */
  layer: string | null;
  method: MethodId;
  quantity: SiQuantity;
}

/** The chosen boundary's switch (the latest when the choice is -1 or out of range). */
export function chosenBoundary(switches: readonly TaskSwitch[], boundary: number): TaskSwitch | undefined {
  const all = consolidatedBoundaries(switches);
  return (boundary >= 0 && boundary < all.length ? all[boundary] : all.at(-1))?.sw;
}

export const QUANTITY_LABELS: Record<SiQuantity, string> = {
  omega: 'ω, this task’s path integral',
  Omega: 'Ω, SI’s importance',
};
export const QUANTITY_SYMBOLS: Record<SiQuantity, string> = { omega: 'ω', Omega: 'Ω' };
/** The choices of the SI-measure drop-down: short, so the options share one line with the caption. */
export const QUANTITY_CHOICES: Record<SiQuantity, string> = {
  omega: 'ω (this task)',
  Omega: 'Ω (cumulative)',
};
