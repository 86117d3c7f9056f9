import { expect, test } from '@playwright/test';
import { lastStep } from './helpers';

// Runs in the "no-webgpu" project: Chromium started without --enable-unsafe-webgpu.
test('without WebGPU the worker falls back, states the reason and still trains', async ({ page }) => {
  await page.goto('./?methods=sgd&hidden=64&protocol=split-mnist&scenario=domain&epochs=0');
  await expect(page.getByTestId('skipped-webgpu')).toHaveText(
    /^WebGPU: (not available in this browser|no adapter)/,
  );
  const backend = page.getByTestId('backend');
  await expect(backend).not.toHaveAttribute('data-backend', '');
  await expect(backend).not.toHaveAttribute('data-backend', 'webgpu');

  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
});
