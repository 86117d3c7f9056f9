import type { Plugin } from 'vite';

/** The emscripten module of TensorFlow.js's threaded WASM build. */
const THREADED_MODULE = /tfjs-backend-wasm\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/;
/** The two lines of its wrapper that declare `_scriptDir` outside the factory function. */
const OUTER_SCRIPT_DIR =
  /\n\s*var _scriptDir = typeof document !== 'undefined' && document\.currentScript \? document\.currentScript\.src : undefined;\n\s*if \(typeof __filename !== 'undefined'\) _scriptDir = _scriptDir \|\| __filename;/;

/**
 * The threaded build starts its helper threads from the factory's own source text (tfjs puts
 * `factory.toString()` in a Blob), so that text must not need anything from outside the function.
 * Emscripten's wrapper declares `_scriptDir` just outside it; knowing the name is declared, the
 * minifier folds the guard inside (`typeof _scriptDir !== "undefined" && _scriptDir`) into a bare
 * read of the renamed variable. In a helper thread that read throws a ReferenceError, no thread
 * starts and `tf.setBackend('wasm')` never settles: on a cross-origin-isolated host (the only place
 * tfjs picks the threaded build) the page stayed at "Starting the worker…" for ever.
 * Without the outer declaration `_scriptDir` is a free name whose `typeof` guard no minifier folds;
 * its one unguarded read (`mainScriptUrlOrBlob || _scriptDir`) is never reached, as tfjs always sets
 * `mainScriptUrlOrBlob` for this build.
 */
export function unwrapThreadedScriptDir(code: string): string {
  if (!OUTER_SCRIPT_DIR.test(code)) {
    throw new Error(
      'tfjs-backend-wasm-threaded-simd.js no longer declares _scriptDir as expected: check whether ' +
        'scripts/wasm-threads-plugin.ts is still needed (e2e/isolation.spec.ts tells).',
    );
  }
  return code.replace(OUTER_SCRIPT_DIR, '');
}

/** Emscripten's count of logical cores, as the threaded build reads it. */
const LOGICAL_CORES =
  'function _emscripten_num_logical_cores(){if(ENVIRONMENT_IS_NODE)return require("os").cpus().length;return navigator["hardwareConcurrency"]}';

/**
 * The threaded build caps its thread pool at half the logical cores (its C code assumes two
 * hyperthreads a core), whatever `setThreadsCount` asks: a 2-core laptop got one thread, so the
 * threaded build ran no faster than the plain one. Reporting twice the cores lifts that cap to all
 * of them; src/worker/backend.ts then asks for as many threads as there are cores (at most 8).
 */
export function countEveryCore(code: string): string {
  if (!code.includes(LOGICAL_CORES)) {
    throw new Error(
      'tfjs-backend-wasm-threaded-simd.js no longer reads the core count as expected: check whether ' +
        'scripts/wasm-threads-plugin.ts is still needed (e2e/pwa.spec.ts tells).',
    );
  }
  return code.replace(LOGICAL_CORES, LOGICAL_CORES.replace('return navigator', 'return 2*navigator'));
}

/** Applies both fixes when the threaded build is bundled (not in the dev server). */
export function wasmThreadsPlugin(): Plugin {
  return {
    name: 'forgetting-playground:wasm-threads',
    apply: 'build',
    transform(code, id) {
      return THREADED_MODULE.test(id)
        ? { code: countEveryCore(unwrapThreadedScriptDir(code)), map: null }
        : null;
    },
  };
}
