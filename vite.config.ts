import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { appIconsPlugin } from './scripts/app-icons-plugin.ts';
import { mnistAssetPlugin } from './scripts/mnist-asset-plugin.ts';
import { pwaOptions } from './scripts/pwa-options.ts';
import { wasmThreadsPlugin } from './scripts/wasm-threads-plugin.ts';
import { ISOLATION_HEADERS } from './src/serviceWorker/isolationHeaders.ts';

export default defineConfig({
  // Relative base: the built files work from any sub-path of a static host.
  base: './',
  plugins: [react(), mnistAssetPlugin(), appIconsPlugin(), VitePWA(pwaOptions)],
  // TensorFlow.js is bundled into the worker, which is built with its own plugin list.
  worker: { format: 'es', plugins: () => [wasmThreadsPlugin()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  // Cross-origin isolated, as the service worker makes the built site: WASM runs threaded.
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  // The dev server would pre-bundle each TensorFlow.js package on its own, giving a backend found
  // later its own copy of tfjs-core, whose flags the worker's copy never sees ("Cannot evaluate flag
  // 'DEBUG'"). Served unbundled they share one copy; their CommonJS dependencies are bundled, and
  // so is the WASM backend (CommonJS inside), which then imports the one unbundled tfjs-core.
  optimizeDeps: {
    exclude: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
    ],
    include: [
      '@tensorflow/tfjs-core > long',
      '@tensorflow/tfjs-core > seedrandom',
      '@tensorflow/tfjs-backend-cpu > seedrandom',
      '@tensorflow/tfjs-backend-wasm',
    ],
  },

  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
