import { expect, test } from '@playwright/test';
import { collectConsoleErrors, lastStep } from './helpers';

// Runs in the "dev-server" project, against `npm start`'s Vite dev server rather than a build.
test('npm start serves a playground that trains, on WASM and on WebGPU, and draws the lab', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  for (const query of ['?hidden=32,32&methods=sgd,si', '?hidden=32,32&methods=sgd&backend=webgpu']) {
    await page.goto(`./${query}`);
    // The dev server sends the isolation headers (vite.config.ts): WASM runs its threaded build.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByRole('button', { name: 'Start' }).click({ timeout: 90_000 });
    await expect.poll(() => lastStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(20);
  }
  await page.goto('./?view=lab');
  await expect(page.locator('.katex').first()).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
