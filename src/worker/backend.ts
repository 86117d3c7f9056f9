/**
 * Backend choice for the training worker. The documented rule (README, "Backends"):
 *   1. WebGPU, when the adapter is a hardware one;
 *   2. WebGL, when its renderer is a hardware one;
 *   3. WASM (SIMD);
 *   4. CPU (plain JavaScript; always works).
 * A software adapter (SwiftShader, as headless Chromium gives) is slower than WASM for these small
 * networks, so it is skipped unless forced. `?backend=` forces one; if that fails, the rule runs.
 * A probe or a start that stalls (a file that never arrives, an adapter request never answered)
 * counts as failed after its time limit, so the rule always ends at a backend that starts.
 * Each backend's code is imported only when it is tried, so unusable ones are never downloaded.
 */
import * as tf from '@tensorflow/tfjs-core';
import { installWasmSlice } from '../engine/wasmSlice';
import {
  BACKEND_LABELS,
  BACKENDS,
  type BackendName,
  type SkippedBackend,
  type StartupEvent,
  seconds,
  type WorkerLimits,
} from './protocol';

/** The small part of the WebGPU API the probe reads; lib.dom has no WebGPU types here. */
interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

type Probe = { ok: true } | { ok: false; reason: string };

async function probeWebGPU(): Promise<Probe> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return { ok: false, reason: 'not available in this browser' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ok: false, reason: 'no adapter (disabled or unsupported here)' };
  if (adapter.info?.isFallbackAdapter) return { ok: false, reason: 'software adapter' };
  return { ok: true };
}

function probeWebGL(): Probe {
  if (typeof OffscreenCanvas === 'undefined') return { ok: false, reason: 'no OffscreenCanvas in workers' };
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return { ok: false, reason: 'not available' };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  if (/swiftshader|llvmpipe|software|basic render/i.test(renderer)) {
    return { ok: false, reason: 'software renderer' };
  }
  return { ok: true };
}

function probeWasm(): Probe {
  return typeof WebAssembly === 'object' ? { ok: true } : { ok: false, reason: 'WebAssembly unavailable' };
}

const PROBES: Record<BackendName, () => Probe | Promise<Probe>> = {
  webgpu: probeWebGPU,
  webgl: probeWebGL,
  wasm: probeWasm,
  cpu: () => ({ ok: true }),
};

/** Registers a backend by importing its module; each becomes its own chunk. */
async function register(name: BackendName): Promise<void> {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'wasm': {
      const [wasm, plain, simd, threaded] = await Promise.all([
        import('@tensorflow/tfjs-backend-wasm'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
      ]);
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': plain.default,
        'tfjs-backend-wasm-simd.wasm': simd.default,
        'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
      });
      // Used only by the threaded build (a cross-origin-isolated page). TensorFlow.js's default,
      // half the cores, leaves a 2-core laptop one thread; training has a worker of its own, so it
      // takes every core, up to the build's 8 (scripts/wasm-threads-plugin.ts lifts its cap).
      wasm.setThreadsCount(Math.min(8, navigator.hardwareConcurrency || 1));
      return;
    }
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

async function tryActivate(name: BackendName): Promise<string | null> {
  try {
    await register(name);
    // setBackend resolves false when the backend fails to initialise; it does not throw.
    if (!(await tf.setBackend(name))) return 'failed to initialise';
    if (name === 'wasm') installWasmSlice();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

const STALLED = Symbol('stalled');
/** `work`'s result, or STALLED if it has not settled within `ms`. */
function within<T>(work: Promise<T>, ms: number): Promise<T | typeof STALLED> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<typeof STALLED>((resolve) => {
    timer = setTimeout(() => resolve(STALLED), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Limits and a progress report for one backend choice. */
export interface Startup {
  limits: WorkerLimits;
  report: (event: StartupEvent) => void;
}

/** Loads and starts a backend within the load limit: null, or why not. */
async function activate(name: BackendName, { limits, report }: Startup): Promise<string | null> {
  report({ type: 'startup', stage: 'load', backend: name });
  const failure = await within(tryActivate(name), limits.loadMs);
  if (failure !== STALLED) return failure;
  // Its initialisation may still settle: removed, it cannot become the backend behind our back.
  if (tf.findBackendFactory(name)) tf.removeBackend(name);
  return `did not start within ${seconds(limits.loadMs)} (loading its files or starting it stalled)`;
}

async function probe(name: BackendName, { limits, report }: Startup): Promise<Probe> {
  report({ type: 'startup', stage: 'probe', backend: name });
  const asked = Promise.resolve()
    .then(PROBES[name])
    .catch(
      (err: unknown): Probe => ({ ok: false, reason: err instanceof Error ? err.message : String(err) }),
    );
  const result = await within(asked, limits.probeMs);
  return result === STALLED
    ? { ok: false, reason: `the browser did not answer within ${seconds(limits.probeMs)}` }
    : result;
}

/** WASM's build: SIMD or not, and its threads (more than one only on a cross-origin-isolated page). */
async function wasmBuild(): Promise<{ simd: boolean; threads: number }> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  if (!self.crossOriginIsolated) return { simd, threads: 1 };
  return { simd, threads: (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount() };
}

export interface BackendChoice {
  backend: BackendName;
  skipped: SkippedBackend[];
  note?: string;
  /** WASM's build (see BackendEvent). */
  simd?: boolean;
  threads?: number;
}

/**
 * Picks and activates a backend, each probe and each start within its time limit (a stalled one is
 * skipped like a failed one). `exclude` lists backends known to be broken in this session (a lost
 * WebGPU device, say), which are skipped with the given reason.
 */
export async function chooseBackend(
  forced: BackendName | 'auto',
  exclude: SkippedBackend[],
  startup: Startup,
): Promise<BackendChoice> {
  const chosen = async (backend: BackendName, note?: string): Promise<BackendChoice> => ({
    backend,
    skipped,
    note,
    ...(backend === 'wasm' ? await wasmBuild() : {}),
  });
  const skipped: SkippedBackend[] = [];
  const failed = [...exclude];
  let note: string | undefined;
  if (forced !== 'auto' && !exclude.some((e) => e.backend === forced)) {
    const failure = await activate(forced, startup);
    if (failure === null) return chosen(forced, `${BACKEND_LABELS[forced]} forced by the URL`);
    failed.push({ backend: forced, reason: failure });
    note = `${BACKEND_LABELS[forced]} was asked for in the URL but ${failure}; chose by the usual rule instead`;
  }
  for (const name of BACKENDS) {
    const known = failed.find((e) => e.backend === name);
    if (known) {
      skipped.push(known);
      continue;
    }
    const probed = await probe(name, startup);
    if (!probed.ok) {
      skipped.push({ backend: name, reason: probed.reason });
      continue;
    }
    const failure = await activate(name, startup);
    if (failure === null) return chosen(name, note);
    skipped.push({ backend: name, reason: failure });
  }
  throw new Error('No TensorFlow.js backend could start, not even the CPU one.');
}

/** The part of tfjs's WebGPU backend this file touches. */
interface WebGpuBackendLike {
  device?: { lost: Promise<{ reason: string; message: string }>; destroy(): void };
}
const webgpuDevice = () => (tf.findBackend('webgpu') as unknown as WebGpuBackendLike | null)?.device;

/** Calls `onLost` once if the WebGPU device in use is lost (driver reset, GPU removed, destroyed). */
export function watchDeviceLoss(onLost: (reason: string) => void): void {
  void webgpuDevice()?.lost.then((info) => onLost(info.message || info.reason || 'unknown reason'));
}

/** Whether the WebGPU device in use is lost, or is lost within `ms` (errors can arrive first). */
export async function deviceLostWithin(ms: number): Promise<boolean> {
  const device = tf.getBackend() === 'webgpu' ? webgpuDevice() : undefined;
  if (!device) return false;
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));
  return Promise.race([device.lost.then(() => true), timeout]);
}

/** Destroys the WebGPU device, as a driver reset would; for the fault-handling test. */
export function loseDevice(): void {
  webgpuDevice()?.destroy();
}
