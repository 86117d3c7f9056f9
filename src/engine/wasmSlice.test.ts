import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installWasmSlice } from './wasmSlice';

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Slices and lanes of a few tensors, read back. */
async function cuts(): Promise<number[][]> {
  const t = tf.range(0, 4 * 5 * 6).reshape([4, 5, 6]);
  const int = tf.range(0, 12, 1, 'int32').reshape([3, 4]);
  const out = [
    tf.slice(t, [1, 0, 0], [2, -1, -1]), // contiguous
    tf.slice(t, [0, 1, 2], [3, 2, 3]), // strided
    tf.slice(int, [1, 0], [2, 4]),
    ...tf.unstack(t),
    ...tf.unstack(t, 2),
  ];
  const values = await Promise.all(out.map(async (x) => [...x.shape, ...(await x.data())]));
  tf.dispose([t, int, ...out]);
  return values;
}

describe('the WASM backend’s slices', () => {
  it('give the same values with the heap-view kernel as with tfjs’s own', async () => {
    const before = await cuts();
    installWasmSlice();
    const after = await cuts();
    expect(after).toEqual(before);
    expect(after[0].slice(3, 6)).toEqual([30, 31, 32]);
  });
});
