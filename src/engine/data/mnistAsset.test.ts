import { describe, expect, it } from 'vitest';
import {
  decodeMnistAsset,
  encodeMnistAsset,
  MNIST_HEADER_BYTES,
  MnistAssetError,
  type MnistData,
} from './mnistAsset';

function sample(count = 20): MnistData {
  const width = 28;
  const height = 28;
  const images = Uint8Array.from({ length: count * width * height }, (_, i) => (i * 7) % 256);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return { count, width, height, images, labels };
}

const toBuffer = (bytes: Uint8Array) => bytes.slice().buffer;

describe('MNIST asset', () => {
  it('round-trips images and labels through encode and decode', async () => {
    const data = sample();
    const decoded = await decodeMnistAsset(toBuffer(await encodeMnistAsset(data)));
    expect(decoded.count).toBe(data.count);
    expect([decoded.width, decoded.height]).toEqual([28, 28]);
    expect(decoded.images).toEqual(data.images);
    expect(decoded.labels).toEqual(data.labels);
  });

  it('rejects a truncated file with a message that says what to do', async () => {
    const bytes = await encodeMnistAsset(sample());
    const truncated = bytes.slice(0, Math.floor(bytes.length / 2));
    await expect(decodeMnistAsset(toBuffer(truncated))).rejects.toThrow(MnistAssetError);
    await expect(decodeMnistAsset(toBuffer(truncated))).rejects.toThrow(/truncated.*npm run build/);
  });

  it('rejects a file shorter than its header', async () => {
    await expect(decodeMnistAsset(new ArrayBuffer(5))).rejects.toThrow(/shorter than its header/);
  });

  it('rejects a wrong format version, naming both versions', async () => {
    const bytes = await encodeMnistAsset(sample());
    new DataView(bytes.buffer).setUint32(4, 99, true);
    await expect(decodeMnistAsset(toBuffer(bytes))).rejects.toThrow(
      /format version 99; this page reads version 1/,
    );
  });

  it('rejects a file that is not ours', async () => {
    const bytes = new Uint8Array(64).fill(1);
    await expect(decodeMnistAsset(toBuffer(bytes))).rejects.toThrow(/not a Forgetting Playground data file/);
  });

  it('rejects a payload whose length disagrees with the header', async () => {
    const bytes = await encodeMnistAsset(sample());
    new DataView(bytes.buffer).setUint32(8, 21, true); // claims one more digit than it holds
    await expect(decodeMnistAsset(toBuffer(bytes))).rejects.toThrow(/truncated/);
    expect(bytes.length).toBeGreaterThan(MNIST_HEADER_BYTES);
  });
});
