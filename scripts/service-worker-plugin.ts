import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { MNIST_ASSET_PATH } from '../src/engine/data/mnistAsset.ts';

const TEMPLATE = new URL('./sw-template.js', import.meta.url);
const PLACEHOLDERS = { version: "'__VERSION__'", precache: '__PRECACHE__' };

/** What the service worker caches: the site's root, then every built file, sorted. */
export function precacheList(files: string[]): string[] {
  return ['./', ...[...new Set(files)].sort()];
}

/** The template with the cache version and the list filled in. */
export function renderServiceWorker(template: string, version: string, list: string[]): string {
  for (const token of Object.values(PLACEHOLDERS)) {
    if (!template.includes(token)) throw new Error(`sw-template.js has lost its ${token} placeholder`);
  }
  return template
    .replace(PLACEHOLDERS.version, JSON.stringify(version))
    .replace(PLACEHOLDERS.precache, JSON.stringify(list, null, 2));
}

/** Files under `dir`, as site-root-relative paths with forward slashes. */
function filesUnder(dir: string): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/**
 * Writes sw.js next to index.html after a build (never in the dev server, where caching would
 * only get in the way). The cache version hashes every file's name and bytes, so any change to
 * the build, unhashed files included, makes a new cache.
 */
export function serviceWorkerPlugin(): Plugin {
  let publicDir = '';
  return {
    name: 'forgetting-playground:service-worker',
    apply: 'build',
    configResolved(config) {
      // Vite copies public/ (the data file) into the output without listing it in the bundle.
      publicDir = config.build.copyPublicDir ? config.publicDir : '';
    },
    writeBundle(options, bundle) {
      const outDir = options.dir;
      if (!outDir) throw new Error('service-worker plugin: the build has no output directory');
      const files = [...Object.keys(bundle), ...filesUnder(publicDir)];
      if (!files.includes(MNIST_ASSET_PATH)) this.error(`${MNIST_ASSET_PATH} is not in the build`);
      const hash = createHash('sha256');
      for (const file of files) hash.update(file).update(readFileSync(join(outDir, file)));
      const list = precacheList(files);
      const source = renderServiceWorker(
        readFileSync(TEMPLATE, 'utf8'),
        hash.digest('hex').slice(0, 16),
        list,
      );
      writeFileSync(join(outDir, 'sw.js'), source);
    },
  };
}
