/** Helpers for the engine's unit tests only: a tiny synthetic digit set and the CPU backend. */
import * as tf from '@tensorflow/tfjs';
import type { MnistData } from './data/mnistAsset';
import { createRng } from './random';

export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/**
 * `perClass` noisy 4×4 "digits" per label: each class lights its own pixel pattern, so a small
 * MLP learns them in a few steps.
 */
export function fakeMnist(perClass = 20, seed = 1): MnistData {
  const width = 4;
  const height = 4;
  const rng = createRng(seed);
  const count = perClass * 10;
  const images = new Uint8Array(count * width * height);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    for (let p = 0; p < width * height; p++) {
      const on = (p * 7 + label * 3) % 10 < 4;
      images[i * width * height + p] = Math.min(255, Math.floor((on ? 180 : 20) + rng.next() * 60));
    }
  }
  return { count, width, height, images, labels };
}

/** max |a − b| / max |b|, element by element. */
export async function relativeError(
  a: tf.Tensor | ArrayLike<number>,
  b: tf.Tensor | ArrayLike<number>,
): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((t) => (t instanceof tf.Tensor ? t.data() : t)));
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < y.length; i++) {
    diff = Math.max(diff, Math.abs(x[i] - y[i]));
    scale = Math.max(scale, Math.abs(y[i]));
  }
  return diff / scale;
}
