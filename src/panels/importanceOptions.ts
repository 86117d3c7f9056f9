import type { MethodId } from '../engine/methodIds';
import { IMPORTANCE_MEASURES, METHOD_LABELS } from '../engine/methods/registry';
import type { TaskSwitch } from '../store/results';
import { consolidatedBoundaries } from './importanceData';

/** What the importance panels show: which boundary, layer, method's weights and which two measures. */
export interface ImportanceOptions {
  /** Index among the consolidated boundaries; -1 = the latest. */
  boundary: number;
  /** null = every layer. */
  layer: string | null;
  method: MethodId;
  /** Importance measure ids (see IMPORTANCE_MEASURES) on the scatter's x and y axes. */
  x: string;
  y: string;
}

/** The chosen boundary's switch (the latest when the choice is -1 or out of range). */
export function chosenBoundary(switches: readonly TaskSwitch[], boundary: number): TaskSwitch | undefined {
  const all = consolidatedBoundaries(switches);
  return (boundary >= 0 && boundary < all.length ? all[boundary] : all.at(-1))?.sw;
}

/** A measure's label for axis titles (its id when the registry does not know it). */
export function measureLabel(id: string): string {
  return IMPORTANCE_MEASURES.find((m) => m.id === id)?.label ?? id;
}

/** A measure's short name for menus: its symbol and the method that declares it, e.g. "Ω (SI)". */
export function measureShortName(id: string): string {
  const m = IMPORTANCE_MEASURES.find((x) => x.id === id);
  return m ? `${m.symbol} (${METHOD_LABELS[m.owner]})` : id;
}

/** A measure's symbol for short axis titles, e.g. "Ω" (its id when the registry does not know it). */
export function measureSymbol(id: string): string {
  return IMPORTANCE_MEASURES.find((m) => m.id === id)?.symbol ?? id;
}
