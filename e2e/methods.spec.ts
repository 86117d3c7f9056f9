import { expect, test } from '@playwright/test';
import { collectConsoleErrors, results } from './helpers';
import { showPanel, waitForStep } from './panelHelpers';

test('MAS and replay come from the registry: their sliders, a replay that remembers, MAS’s Ω on the importance axes', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  // Class-incremental split MNIST, a small network: quick steps, and SGD forgets task 1 entirely.
  await page.goto('./?hidden=32,32&scenario=class&methods=sgd,mas,replay&lambdaMas=2&memory=300');
  await expect(page.getByTestId('slider-lambda-mas')).toHaveValue(/./);
  await expect(page.getByRole('slider', { name: 'MAS strength' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Replay memory' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'SI strength' })).toHaveCount(0); // SI is not in this run
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForStep(page, 30);
  await page.keyboard.press('2');
  await expect.poll(async () => (await results(page)).switches.length).toBe(1);
  await waitForStep(page, (await results(page)).switches[0].step + 40);
  await page.getByRole('button', { name: 'Pause' }).click();

  // What a person sees in the accuracy table: after task 2, SGD has forgotten task 1, replay has not.
  const r = await results(page);
  expect(r.methods).toEqual(['sgd', 'mas', 'replay']);
  const T = r.taskNames.length;
  const last = r.evaluations.at(-1)!.accuracy;
  const taskOne = (m: number) => last[m * T];
  expect(taskOne(2)).toBeGreaterThan(taskOne(0) + 0.3);

  // The scatter offers every reported importance: MAS's Ω on y, MAS's own weights.
  await showPanel(page, 'ω vs Fisher');
  await page.getByLabel('Weights', { exact: true }).selectOption({ label: 'MAS' });
  await page.getByLabel('y axis').selectOption({ label: 'Ω (MAS)' });
  const scatter = page.getByTestId('omega-vs-fisher');
  await expect(scatter.locator('.y-title')).toContainText('MAS importance');
  expect(Number(await scatter.locator('svg').getAttribute('data-points'))).toBeGreaterThan(1000);
  await page.screenshot({ path: 'e2e/artifacts/methods-mas-replay-1280.png' });
  expect(consoleErrors).toEqual([]);
});
