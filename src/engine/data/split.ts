import { createRng, deriveSeed, shuffleInPlace } from '../random';
import type { MnistData } from './mnistAsset';

/** Share of each digit class kept for training; the rest is test data. */
export const TRAIN_FRACTION = 0.8;

export interface TrainTestSplit {
  /** Indices into the MNIST digits, sorted. */
  train: Int32Array;
  test: Int32Array;
}

/** Per digit class, a seeded shuffle keeps `fraction` of the examples for training, the rest for test. */
export function splitTrainTest(data: MnistData, seed: number, fraction = TRAIN_FRACTION): TrainTestSplit {
  const byClass: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < data.count; i++) byClass[data.labels[i]].push(i);
  const train: number[] = [];
  const test: number[] = [];
  byClass.forEach((indices, digit) => {
    shuffleInPlace(indices, createRng(deriveSeed(seed, 'split', digit)));
    const cut = Math.round(indices.length * fraction);
    train.push(...indices.slice(0, cut));
    test.push(...indices.slice(cut));
  });
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  return { train: sorted(train), test: sorted(test) };
}
