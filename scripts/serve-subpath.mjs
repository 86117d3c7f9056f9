/**
 * A plain static server for the built site, mounted under a sub-path (as a course page or GitHub
 * Pages would host it). Used by the end-to-end tests; no rewriting, no compression.
 *   node scripts/serve-subpath.mjs [--port 4173] [--base /courses/cl/playground/] [--dir dist] [--isolate]
 * `--isolate` adds the cross-origin isolation headers (COOP same-origin, COEP require-corp) a host
 * sends to enable SharedArrayBuffer, to every response.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4173' },
    base: { type: 'string', default: '/courses/cl/playground/' },
    dir: { type: 'string', default: 'dist' },
    isolate: { type: 'boolean', default: false },
  },
});
const root = resolve(values.dir);
const base = values.base.endsWith('/') ? values.base : `${values.base}/`;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const ISOLATION = values.isolate
  ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
  : {};

if (!existsSync(join(root, 'index.html'))) {
  console.error(`No built site in ${root}: run \`npm run build\` first.`);
  process.exit(1);
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404).end('Not under the site sub-path');
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
  if (rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    ...ISOLATION,
  });
  createReadStream(file).pipe(res);
}).listen(Number(values.port), '127.0.0.1', () => {
  const isolated = values.isolate ? ' (cross-origin isolated)' : '';
  console.log(`Serving ${root} at http://127.0.0.1:${values.port}${base}${isolated}`);
});
