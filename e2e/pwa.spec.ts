import { expect, type Page, test } from '@playwright/test';
import { collectConsoleErrors, lastStep } from './helpers';

// A plain static host (no headers; playwright.config.ts). The service worker adds the isolation
// headers, so after it takes over the page is cross-origin isolated and WASM runs threaded.
test.use({ serviceWorkers: 'allow' });

const RUN = './?hidden=32,32&methods=sgd&backend=wasm';

/** The threads the status bar reports for WASM ("WASM · SIMD · 2 threads"). */
async function wasmThreads(page: Page): Promise<number> {
  const backend = page.getByTestId('backend');
  await expect(backend).toHaveAttribute('data-backend', 'wasm');
  await expect(backend).toContainText(/WASM · SIMD · \d+ threads?/);
  return Number((await backend.textContent())?.match(/(\d+) threads?/)?.[1]);
}

test('on a host without headers the service worker isolates the page: one unseen reload, then WASM threads', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  // Each document records whether it drew the app while unisolated (a flash the reload would wipe).
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (!crossOriginIsolated && document.querySelector('[data-testid="status-bar"]'))
        sessionStorage.setItem('test:drawn-unisolated', location.href);
    }).observe(document, { childList: true, subtree: true });
  });
  const loads: string[] = [];
  page.on('load', () => loads.push(page.url()));

  await page.goto(RUN);
  // (Asked while the page reloads, the question has no answer: asked again.)
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false)).toBe(true);
  expect(await page.evaluate(() => sessionStorage.getItem('test:drawn-unisolated'))).toBeNull();
  expect(await wasmThreads(page)).toBeGreaterThan(1);
  await expect(page.getByTestId('threads-off')).toHaveCount(0);
  // The first visit loaded twice (the reload), at the same address.
  expect(loads).toEqual([expect.stringContaining(RUN.slice(1)), expect.stringContaining(RUN.slice(1))]);

  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);

  // The next visit is isolated at once: no second reload.
  await page.goto('./?view=lab');
  await expect(page.getByTestId('ellipse-plot')).toBeVisible();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(loads).toHaveLength(3);
  expect(consoleErrors).toEqual([]);
});

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('the page is drawn at once, on one WASM thread, and the status bar says why', async ({ page }) => {
    await page.goto(RUN);
    await expect(page.getByTestId('backend')).toContainText('WASM · SIMD · 1 thread');
    const off = page.getByTestId('threads-off');
    await expect(off).toHaveText('(not isolated)');
    await expect(off).toHaveAttribute('title', 'Not cross-origin isolated: service workers blocked');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  });
});

test('the web app manifest is linked and parses, and every icon loads at its declared size', async ({
  page,
}) => {
  await page.goto('./?view=lab');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestUrl = new URL(href!, page.url());
  const response = await page.request.get(manifestUrl.href);
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    display: string;
    start_url: string;
    scope: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({ name: 'Forgetting Playground', display: 'standalone' });
  // Resolved against the manifest, start and scope stay under the sub-path the site is served from.
  const site = new URL('./', page.url()).href;
  expect(new URL(manifest.start_url, manifestUrl).href).toBe(site);
  expect(new URL(manifest.scope, manifestUrl).href).toBe(site);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.map((icon) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  // Each icon decodes in the browser, at the size it declares.
  for (const icon of manifest.icons) {
    const src = new URL(icon.src, manifestUrl).href;
    const size = await page.evaluate(async (url) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      return `${img.naturalWidth}x${img.naturalHeight}`;
    }, src);
    if (icon.sizes !== 'any') expect(size, src).toBe(icon.sizes);
  }
});
