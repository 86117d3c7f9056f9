import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { ICON_FILES } from './app-icons.ts';

const SOURCE = fileURLToPath(new URL('./app-icons.ts', import.meta.url));

/** Writes public/icons/ (the logo as SVG and PNGs) unless it is already newer than its source. */
export function writeAppIcons(root: string): void {
  const source = statSync(SOURCE).mtimeMs;
  for (const [file, draw] of Object.entries(ICON_FILES)) {
    const out = resolve(root, 'public', file);
    if (existsSync(out) && statSync(out).mtimeMs >= source) continue;
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, draw());
  }
}

/** Draws the app's icons before the dev server or a build starts (public/ is copied as it is). */
export function appIconsPlugin(): Plugin {
  return {
    name: 'forgetting-playground:app-icons',
    configResolved(config) {
      writeAppIcons(config.root);
    },
  };
}
