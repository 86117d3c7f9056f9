import { expect, type Page, test } from '@playwright/test';
import { collectConsoleErrors, lastStep } from './helpers';

// WASM forced, so the run proves the .wasm files come from the cache.
const RUN = './?hidden=32,32&methods=sgd&backend=wasm&protocol=split-mnist&scenario=domain&epochs=0';

// The other specs block service workers (playwright.config.ts); this one is about it.
test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker has precached the site and controls the page. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // `ready` means installed, and install only finishes once every file is cached.
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  });
}

/** Paths (relative to the site) of everything in the site's caches. */
function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const requests = await Promise.all(
      (await caches.keys()).map(async (name) => (await caches.open(name)).keys()),
    );
    return requests.flat().map((r) => r.url.slice(document.baseURI.replace(/[^/]*$/, '').length));
  });
}

test('after one visit the built site runs offline, and it never asks another origin', async ({
  context,
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  const foreign: string[] = [];
  // The context sees the page's, the training worker's and the service worker's requests.
  context.on('request', (request) => {
    const url = request.url();
    if (/^(https?|wss?):/.test(url) && new URL(url).origin !== origin) foreign.push(url);
  });
  const consoleErrors = collectConsoleErrors(page);

  await page.goto('./');
  // The first visit reloads once the service worker takes over (e2e/pwa.spec.ts): the app is drawn
  // only after that.
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await waitForServiceWorker(page);
  const cached = await cachedPaths(page);
  for (const file of [
    /^index\.html/,
    /^manifest\.webmanifest/,
    /^icons\/icon-512\.png/,
    /^data\/mnist-v1\.bin/,
    /^assets\/training\.worker-.*\.js$/,
  ]) {
    expect(cached).toContainEqual(expect.stringMatching(file));
  }
  expect(cached.filter((path) => path.endsWith('.wasm'))).toHaveLength(3);
  expect(cached.some((path) => path.endsWith('.woff2'))).toBe(true);

  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();

  await page.goto('./?view=lab');
  const trajectories = page.getByTestId('ellipse-plot').locator('path.trajectory');
  await expect(trajectories.first()).toHaveAttribute('d', /\d/);
  expect(await trajectories.evaluateAll((paths) => paths.every((p) => p.getAttribute('d')))).toBe(true);

  await page.goto(RUN);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);

  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
