import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmSlice } from '../src/engine/wasmSlice';

/** The WASM backend in Node (far faster than cpu for matmul); cpu if it cannot start. */
export async function selectNodeBackend(): Promise<string> {
  // setBackend resolves false on failure rather than throwing.
  const ok = await tf.setBackend('wasm').catch(() => false);
  if (ok) installWasmSlice();
  else await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
