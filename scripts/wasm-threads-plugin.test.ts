import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { countEveryCore, unwrapThreadedScriptDir } from './wasm-threads-plugin';

const require = createRequire(import.meta.url);
const source = readFileSync(
  require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'),
  'utf8',
);

describe('the threaded WASM build, made safe to minify', () => {
  it('leaves _scriptDir undeclared around the factory, so its typeof guard stays', () => {
    const out = unwrapThreadedScriptDir(source);
    expect(out).not.toMatch(/var _scriptDir\b/);
    expect(out).toContain('typeof _scriptDir !== "undefined" && _scriptDir');
    expect(out.length).toBeGreaterThan(source.length - 300);
  });

  it('says so when the build no longer looks as expected', () => {
    expect(() => unwrapThreadedScriptDir('var x = 1;')).toThrow(/wasm-threads-plugin/);
  });
});

describe('the threaded WASM build, allowed every core', () => {
  it('reports twice the logical cores to its C code, which halves them', () => {
    const out = countEveryCore(source);
    const cores = out.match(/function _emscripten_num_logical_cores\(\)\{[^}]*\}/)?.[0] ?? '';
    // Run the patched function as a browser would see it, on a 2-core machine.
    const run = new Function(
      'ENVIRONMENT_IS_NODE',
      'navigator',
      `${cores}; return _emscripten_num_logical_cores();`,
    );
    expect(run(false, { hardwareConcurrency: 2 })).toBe(4);
    expect(() => countEveryCore('var x = 1;')).toThrow(/wasm-threads-plugin/);
  });
});
