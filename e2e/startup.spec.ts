import { expect, type Page, type Route, test } from '@playwright/test';
import { collectConsoleErrors, lastStep, shortStartupLimits } from './helpers';

const RUN = './?hidden=32,32&methods=sgd&protocol=split-mnist&scenario=domain&epochs=0';

/** Holds matching requests unanswered, as a stalled host would, until `release` lets them through. */
async function stall(page: Page, pattern: string) {
  const held: Route[] = [];
  let stalled = true;
  await page.route(pattern, (route) => (stalled ? held.push(route) : route.continue()));
  return {
    held: () => held.length,
    release: () => {
      stalled = false;
    },
  };
}

/** The rest of the page works meanwhile: the lab draws, a setting changes. */
async function restOfPageWorks(page: Page) {
  await page.getByRole('button', { name: 'Ellipse lab' }).click();
  await expect(page.getByTestId('ellipse-plot').locator('path.trajectory').first()).toHaveAttribute(
    'd',
    /\d/,
  );
  await page.getByRole('button', { name: 'Network run' }).click();
  // The run has SGD alone, so the learning rate is the slider it shows.
  await page.getByTestId('slider-learning-rate').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]learningRate=/);
}

test('data that never arrives is named as the stalled stage, and Retry recovers', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await shortStartupLimits(page, { dataMs: 1500 });
  const data = await stall(page, '**/mnist-v1.bin');
  await page.goto(RUN);
  await page.getByRole('button', { name: 'Start' }).click();
  const alert = page.getByTestId('error-data');
  await expect(alert).toContainText('Fetching the MNIST data file stalled: nothing arrived for 1.5 s');
  expect(data.held()).toBe(1);
  await restOfPageWorks(page);

  data.release();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
  await expect(alert).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('a backend whose files never arrive is skipped after its limit; the next one trains', async ({
  page,
}) => {
  await shortStartupLimits(page, { loadMs: 1500 });
  await stall(page, '**/*.wasm');
  await page.goto(`${RUN}&backend=wasm`);
  const backend = page.getByTestId('backend');
  await expect(backend).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('skipped-wasm')).toContainText('did not start within 1.5 s');
  await expect(page.getByTestId('status-bar')).toContainText(
    'WASM was asked for in the URL but did not start',
  );
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
});

test('a worker that never starts is named, the page stays usable, and Retry starts it', async ({ page }) => {
  await shortStartupLimits(page, { workerMs: 1500 });
  const worker = await stall(page, '**/training.worker-*.js');
  await page.goto(RUN);
  const notice = page.getByTestId('startup-stalled');
  await expect(notice).toContainText('The training worker did not start within 1.5 s');
  expect(worker.held()).toBe(1);
  await expect(page.getByTestId('phase')).toHaveText('Starting the worker…');
  await restOfPageWorks(page);

  worker.release();
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', '');
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
});
