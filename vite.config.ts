import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { mnistAssetPlugin } from './scripts/mnist-asset-plugin';
import { serviceWorkerPlugin } from './scripts/service-worker-plugin.ts';

export default defineConfig({
  // Relative base: the built files work from any sub-path of a static host.
  base: './',
  plugins: [react(), mnistAssetPlugin(), serviceWorkerPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
