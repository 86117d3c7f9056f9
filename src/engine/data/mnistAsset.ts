/**
 * The MNIST asset: a 16-byte header and a deflate-raw payload holding the images (one byte a
 * pixel, row-major) followed by the labels (one byte each). The same code reads it in the worker
 * and in Node; `encodeMnistAsset` is used by the build step that writes it.
 *
 * Header (little-endian): magic "FPMN", u32 format version, u32 count, u16 width, u16 height.
 */

export const MNIST_MAGIC = 'FPMN';
export const MNIST_FORMAT_VERSION = 1;
export const MNIST_HEADER_BYTES = 16;
/** Where the asset is served, relative to the page (sub-path hosting). */
export const MNIST_ASSET_PATH = 'data/mnist-v1.bin';

export interface MnistData {
  count: number;
  width: number;
  height: number;
  /** count × width × height grey levels, 0–255. */
  images: Uint8Array;
  /** count labels, 0–9. */
  labels: Uint8Array;
}

/** A message a person can act on: what failed, and what to do. */
export class MnistAssetError extends Error {
  override name = 'MnistAssetError';
}

const REBUILD_HINT = 'Rebuild the site (npm run build) or restart npm start to regenerate it.';

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function decodeMnistAsset(buffer: ArrayBuffer): Promise<MnistData> {
  if (buffer.byteLength < MNIST_HEADER_BYTES) {
    throw new MnistAssetError(
      `The MNIST data file is truncated (${buffer.byteLength} bytes, shorter than its header). ${REBUILD_HINT}`,
    );
  }
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== MNIST_MAGIC) {
    throw new MnistAssetError(
      `The MNIST data file is not a Forgetting Playground data file. ${REBUILD_HINT}`,
    );
  }
  const version = view.getUint32(4, true);
  if (version !== MNIST_FORMAT_VERSION) {
    throw new MnistAssetError(
      `The MNIST data file has format version ${version}; this page reads version ${MNIST_FORMAT_VERSION}. ${REBUILD_HINT}`,
    );
  }
  const count = view.getUint32(8, true);
  const width = view.getUint16(12, true);
  const height = view.getUint16(14, true);
  const expected = count * width * height + count;
  let payload: Uint8Array;
  try {
    payload = await inflate(new Uint8Array(buffer, MNIST_HEADER_BYTES));
  } catch {
    throw new MnistAssetError(
      `The MNIST data file is corrupt or truncated (its payload does not unpack). ${REBUILD_HINT}`,
    );
  }
  if (payload.length !== expected) {
    throw new MnistAssetError(
      `The MNIST data file is truncated: ${payload.length} of ${expected} bytes. ${REBUILD_HINT}`,
    );
  }
  const images = payload.subarray(0, count * width * height);
  const labels = payload.subarray(count * width * height);
  if (labels.some((l) => l > 9)) {
    throw new MnistAssetError(`The MNIST data file is corrupt (a label outside 0–9). ${REBUILD_HINT}`);
  }
  return { count, width, height, images, labels };
}

export async function encodeMnistAsset(data: MnistData): Promise<Uint8Array> {
  const header = new Uint8Array(MNIST_HEADER_BYTES);
  const view = new DataView(header.buffer);
  for (let i = 0; i < 4; i++) header[i] = MNIST_MAGIC.charCodeAt(i);
  view.setUint32(4, MNIST_FORMAT_VERSION, true);
  view.setUint32(8, data.count, true);
  view.setUint16(12, data.width, true);
  view.setUint16(14, data.height, true);
  const raw = new Uint8Array(data.images.length + data.labels.length);
  raw.set(data.images, 0);
  raw.set(data.labels, data.images.length);
  const body = await deflate(raw);
  const out = new Uint8Array(header.length + body.length);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}
