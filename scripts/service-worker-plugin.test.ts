import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { precacheList, renderServiceWorker } from './service-worker-plugin';

const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');

describe('service worker', () => {
  it('precaches the site root first, then each file once, sorted', () => {
    expect(precacheList(['index.html', 'assets/b.js', 'data/mnist-v1.bin', 'assets/b.js'])).toEqual([
      './',
      'assets/b.js',
      'data/mnist-v1.bin',
      'index.html',
    ]);
  });

  it('fills the template into a script that parses', () => {
    const source = renderServiceWorker(template, 'abc123', ['./', 'index.html']);
    expect(source).toContain('const VERSION = "abc123";');
    expect(source).not.toContain('__PRECACHE__');
    // Compiles without running: the worker's globals (self, caches) only exist in a browser.
    expect(() => new Function(source)).not.toThrow();
  });

  it('refuses a template that has lost a placeholder', () => {
    expect(() => renderServiceWorker(template.replace('__PRECACHE__', '[]'), 'v', [])).toThrow(
      /__PRECACHE__/,
    );
  });
});
