import { expect, test } from '@playwright/test';
import { collectConsoleErrors, lastStep, results } from './helpers';

// Served with COOP same-origin and COEP require-corp (playwright.config.ts, serve-subpath --isolate):
// SharedArrayBuffer exists, so TensorFlow.js picks its threaded WASM build. That build once never
// started once bundled, and the page stayed at "Starting the worker…" for ever.
test('a cross-origin-isolated host gets the threaded WASM backend, and it trains', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('./?hidden=32,32&methods=sgd,si&protocol=split-mnist&scenario=domain&epochs=0');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const backend = page.getByTestId('backend');
  await expect(backend).toHaveAttribute('data-backend', 'wasm');
  await expect(backend).toContainText(/WASM · SIMD · \d+ threads/);
  expect(Number((await backend.textContent())?.match(/(\d+) threads/)?.[1])).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(40);
  const r = await results(page);
  // It learns: accuracy on task 1 well above chance for both methods.
  for (let m = 0; m < 2; m++)
    expect(r.evaluations.at(-1)!.accuracy[m * r.taskNames.length]).toBeGreaterThan(0.8);
  expect(r.errors).toEqual([]);
  await expect(page.getByTestId('startup-stalled')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
