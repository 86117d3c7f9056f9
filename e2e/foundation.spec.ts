import { expect, test } from '@playwright/test';
import { collectConsoleErrors, lastStep, results } from './helpers';

test.describe('foundation: the page, the worker and the data under a sub-path', () => {
  test('forced WebGPU trains, the loss falls and the worker does not leak tensors', async ({ page }) => {
    const consoleErrors = collectConsoleErrors(page);
    const dataResponses: { url: string; status: number }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('mnist-v1.bin')) dataResponses.push({ url: r.url(), status: r.status() });
    });

    // One small method keeps software WebGPU quick; the live-training tests run four.
    // ?debug=1: the status bar also shows the worker's tensor count.
    await page.goto(
      './?backend=webgpu&methods=sgd&hidden=64&debug=1&protocol=split-mnist&scenario=domain&epochs=0',
    );
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
    await expect(page.getByTestId('status-bar')).toContainText('WebGPU forced by the URL');

    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => lastStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(50);
    await page.getByRole('button', { name: 'Pause' }).click();

    const r = await results(page);
    const at = (step: number) => r.evaluations.find((e) => e.step === step)!;
    expect(at(50).numTensors).toBe(at(10).numTensors);
    await expect(page.getByTestId('tensors')).toHaveText(`Tensors: ${r.evaluations.at(-1)!.numTensors}`);
    // The mean training loss over steps 41–50 is below that over steps 1–10.
    expect(at(50).trainLoss[0]).toBeLessThan(at(10).trainLoss[0]);
    expect(r.errors).toEqual([]);

    // The data came from the sub-path, relative to the page, and only once.
    expect(dataResponses).toHaveLength(1);
    expect(new URL(dataResponses[0].url).pathname).toBe('/courses/cl/playground/data/mnist-v1.bin');
    expect(dataResponses[0].status).toBe(200);
    expect(consoleErrors).toEqual([]);
  });

  test('without a forced backend, the software WebGPU adapter is skipped and says why', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', '');
    await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', 'webgpu');
    await expect(page.getByTestId('skipped-webgpu')).toHaveText('WebGPU: software adapter');
  });

  test('the data is fetched only when a run needs it', async ({ page }) => {
    let fetched = false;
    page.on('request', (r) => {
      if (r.url().includes('mnist-v1.bin')) fetched = true;
    });
    await page.goto('./');
    await expect(page.getByTestId('phase')).toHaveText('Ready');
    expect(fetched).toBe(false);
  });

  test('a missing data file gives a clear message and the page stays usable', async ({ page }) => {
    await page.route('**/mnist-v1.bin', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.goto('./');
    await expect(page.getByTestId('phase')).toHaveText('Ready');
    await page.getByRole('button', { name: 'Start' }).click();
    const alert = page.getByTestId('error-data');
    await expect(alert).toContainText('HTTP 404');
    await expect(alert).toContainText('copy the whole dist/ folder');
    await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
    await expect(page.getByRole('heading', { name: 'Forgetting Playground' })).toBeVisible();
  });

  test('a corrupt data file names the problem', async ({ page }) => {
    await page.route('**/mnist-v1.bin', (route) =>
      route.fulfill({ status: 200, body: Buffer.from('FPMN garbage') }),
    );
    await page.goto('./');
    await expect(page.getByTestId('phase')).toHaveText('Ready');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('error-data')).toContainText('MNIST data file');
  });

  test('an unknown backend in the URL is ignored with a visible notice', async ({ page }) => {
    await page.goto('./?backend=quantum');
    await expect(page.getByTestId('url-notice')).toContainText('backend=quantum');
    await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', '');
  });
});
