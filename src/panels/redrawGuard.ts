/**
 * The panels redraw whenever the results store changes, up to once a frame. Panels whose data
 * changes only at task boundaries (the importances: hundreds of thousands of values, sorted for
 * Spearman's ρ) would redo seconds of work a second for the same picture; they skip a redraw whose
 * inputs are identical (===) to the last one's.
 */
const lastInputs = new WeakMap<Element, readonly unknown[]>();

export function unchangedSinceLastDraw(el: Element, inputs: readonly unknown[]): boolean {
  const previous = lastInputs.get(el);
  if (previous && previous.length === inputs.length && previous.every((v, i) => v === inputs[i])) return true;
  lastInputs.set(el, inputs);
  return false;
}

/** What every panel's picture depends on beyond its data: its size and the theme's colours. */
export function frameInputs(el: Element): unknown[] {
  const { width, height } = el.getBoundingClientRect();
  return [width, height, document.documentElement.dataset.theme];
}
