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

/** Applies `unwrapThreadedScriptDir` when the threaded build is bundled (not in the dev server). */
export function wasmThreadsPlugin(): Plugin {
  return {
    name: 'forgetting-playground:wasm-threads',
    apply: 'build',
    transform(code, id) {
      return THREADED_MODULE.test(id) ? { code: unwrapThreadedScriptDir(code), map: null } : null;
    },
  };
}
