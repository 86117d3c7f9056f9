import { defineConfig } from '@playwright/test';
import { findChromium, INSTALL_HINT } from './scripts/chromium-path.mjs';

const chromium = await findChromium();
if (!chromium) throw new Error(INSTALL_HINT);

/** Every test runs against the built site served under a sub-path, as a static host would. */
// E2E_PORT lets two test runs on one machine keep out of each other's way; runs are given ports
// 100 apart, so each run's other servers sit in between (+50, +1), never on the next run's port.
const PORT = Number(process.env.E2E_PORT ?? 4173);
export const SUB_PATH = '/courses/cl/playground/';
// E2E_DEV_PORT when E2E_PORT + 100 is another run's E2E_PORT.
const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? PORT + 100);
/** The same built site, served with the cross-origin isolation headers (COOP and COEP). */
const ISOLATED_PORT = PORT + 1;

const launch = (webgpu: boolean) => ({
  executablePath: chromium.path,
  args: [
    ...(webgpu ? ['--enable-unsafe-webgpu'] : []),
    // This machine has no network beyond localhost; keep Chromium from trying.
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${SUB_PATH}`,
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    // The built site's offline service worker would answer requests that tests route or count;
    // only e2e/offline.spec.ts lets it run.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /\.(nowebgpu|dev|isolated)\.spec\.ts$/,
      use: { launchOptions: launch(true) },
    },
    {
      name: 'isolated',
      testMatch: /\.isolated\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${ISOLATED_PORT}${SUB_PATH}`, launchOptions: launch(true) },
    },
    { name: 'no-webgpu', testMatch: /\.nowebgpu\.spec\.ts$/, use: { launchOptions: launch(false) } },
    // `npm start`: the Vite dev server, which bundles dependencies differently from a build.
    {
      name: 'dev-server',
      testMatch: /\.dev\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${DEV_PORT}/`, launchOptions: launch(true) },
    },
  ],
  webServer: [
    {
      command: `node scripts/serve-subpath.mjs --port ${PORT} --base ${SUB_PATH}`,
      url: `http://127.0.0.1:${PORT}${SUB_PATH}`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `node scripts/serve-subpath.mjs --port ${ISOLATED_PORT} --base ${SUB_PATH} --isolate`,
      url: `http://127.0.0.1:${ISOLATED_PORT}${SUB_PATH}`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `npx vite --port ${DEV_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEV_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
});
