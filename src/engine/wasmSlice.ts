import {
  getKernel,
  type KernelConfig,
  type KernelFunc,
  registerKernel,
  Slice,
  type SliceAttrs,
  slice_util,
  type TensorInfo,
  Unpack,
  type UnpackAttrs,
  unregisterKernel,
  util,
} from '@tensorflow/tfjs-core';

/** What these kernels use of tfjs-backend-wasm's backend object. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

let installed = false;

/**
 * tfjs-backend-wasm 4.22's Slice reads its input with `readSync`, which copies the whole input out
 * of the WASM heap for every slice; Unpack slices once per output. Taking the lanes of a stacked
 * [4, 784, 256] weight (the fused step) cost 20 ms, a full copy per lane. A slice that is one
 * contiguous block of the input (every leading-axis slice) is now copied straight from a view of
 * the heap; every other slice goes to the original kernel. Call after the backend is set.
 */
export function installWasmSlice(): void {
  if (installed) return;
  const original = getKernel(Slice, 'wasm');
  if (!original) return;
  installed = true;
  const fallback = original.kernelFunc;
  const slice = (
    x: TensorInfo,
    beginIn: number[],
    sizeIn: number[],
    backend: WasmBackend,
    attrs: SliceAttrs,
  ) => {
    const [begin, size] = slice_util.parseSliceParams(x, beginIn, sizeIn);
    if (x.dtype === 'string' || !slice_util.isSliceContinous(x.shape, begin, size)) {
      return fallback({ inputs: { x }, attrs: attrs as never, backend: backend as never }) as TensorInfo;
    }
    const out = backend.makeOutput(size, x.dtype);
    // Views taken after the output exists: allocating may grow (and so move) the heap.
    const from = slice_util.computeFlatOffset(begin, util.computeStrides(x.shape));
    const source = backend.typedArrayFromHeap(x);
    backend.typedArrayFromHeap(out).set(source.subarray(from, from + util.sizeFromShape(size)));
    return out;
  };
  const sliceKernel: KernelFunc = ({ inputs, attrs, backend }) => {
    const a = attrs as unknown as SliceAttrs;
    return slice(
      inputs.x as TensorInfo,
      a.begin as number[],
      a.size as number[],
      backend as unknown as WasmBackend,
      a,
    );
  };
  const unpackKernel: KernelFunc = ({ inputs, attrs, backend }) => {
    const value = inputs.value as TensorInfo;
    const rank = value.shape.length;
    const axis = ((attrs as unknown as UnpackAttrs).axis + rank) % rank;
    const shape = value.shape.filter((_, i) => i !== axis);
    const size = value.shape.map((n, i) => (i === axis ? 1 : n));
    return Array.from({ length: value.shape[axis] }, (_, k) => {
      const begin = value.shape.map((_, i) => (i === axis ? k : 0));
      const { dataId, dtype } = slice(value, begin, size, backend as unknown as WasmBackend, { begin, size });
      return { dataId, dtype, shape };
    });
  };
  for (const [name, kernelFunc] of [
    [Slice, sliceKernel],
    [Unpack, unpackKernel],
  ] as const) {
    const config = getKernel(name, 'wasm') as KernelConfig;
    unregisterKernel(name, 'wasm');
    registerKernel({ ...config, kernelFunc });
  }
}
