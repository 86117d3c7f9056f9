import type { VitePWAOptions } from 'vite-plugin-pwa';
import { BACKGROUND_COLOR, THEME_COLOR } from './app-icons.ts';

/**
 * vite-plugin-pwa: the web app manifest, and the service worker src/serviceWorker/sw.ts (custom
 * code, for the isolation headers, so Workbox only injects the precache list into it).
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: 'injectManifest',
  srcDir: 'src/serviceWorker',
  filename: 'sw.ts',
  // src/isolation/prepare.ts registers it: the first visit waits for it to take over.
  injectRegister: false,
  injectManifest: {
    // Everything the playground can load: page, scripts, the training worker, every backend and
    // its .wasm files (the threaded SIMD build too), the MNIST data, KaTeX's fonts, the icons.
    // (The manifest is added by the plugin.)
    globPatterns: ['**/*.{html,js,css,wasm,bin,woff2,svg,png}'],
    // The training worker's chunk and the data file are a few MB each.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
  },
  manifest: {
    name: 'Forgetting Playground',
    short_name: 'Forgetting',
    description:
      'Watch a network forget, and watch L2, EWC and SI protect what matters: continual learning, live.',
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    display: 'standalone',
    // Relative to the manifest, which sits beside index.html: any sub-path works.
    start_url: './',
    scope: './',
    icons: [
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
};
