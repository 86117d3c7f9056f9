/**
 * Importance over the pixels: a first-layer importance (one value per weight of W, row-major
 * [inputs, units], as the boundary report and the model store it) summed over each input's
 * outgoing weights, one value per pixel. Pure numbers: the worker computes the maps, the page
 * undoes a task's permutation to draw them in the digits' own pixel order.
 */

/** Σ_j importance[p, j] for every input p: `values` holds W (inputs × units, row-major), then anything (b). */
export function pixelImportance(values: ArrayLike<number>, inputs: number, units: number): Float32Array {
  if (values.length < inputs * units) {
    throw new RangeError(`${values.length} values are fewer than ${inputs}×${units} weights.`);
  }
  const map = new Float32Array(inputs);
  for (let p = 0; p < inputs; p++) {
    let sum = 0;
    for (let j = p * units, end = j + units; j < end; j++) sum += values[j];
    map[p] = sum;
  }
  return map;
}

/**
 * A map over the network's inputs put back in the digits' pixel order. A permuted task feeds input
 * p with pixel perm[p] (src/engine/data/batches.ts), so pixel perm[p] gets input p's value; a
 * task without a permutation is its own order.
 */
export function unpermute(map: ArrayLike<number>, perm: ArrayLike<number> | null): Float32Array {
  const out = Float32Array.from(map);
  if (!perm) return out;
  for (let p = 0; p < perm.length; p++) out[perm[p]] = map[p];
  return out;
}
