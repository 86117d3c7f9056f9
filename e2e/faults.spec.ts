import { expect, type Page, test } from '@playwright/test';
import { collectConsoleErrors, type FaultPoint, injectFault, lastStep, results } from './helpers';

// Faults at the worst moment: what was recorded stays, the run is trained again to where it
// stopped (training is deterministic), and it goes on from there.
// Two methods and a small Fisher sample keep each restore (and consolidation) quick.
const RUN = './?hidden=32,32&methods=sgd,si&samples=100&seed=3&protocol=split-mnist&scenario=domain&epochs=0';

async function waitForStep(page: Page, step: number) {
  await expect.poll(() => lastStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(step);
}

async function switchTo(page: Page, task: number) {
  const before = (await results(page)).switches.length;
  await page.keyboard.press(String(task));
  await expect.poll(async () => (await results(page)).switches.length, { timeout: 90_000 }).toBe(before + 1);
}

/** The recorded curves, comparable across a restart. */
async function recorded(page: Page) {
  const r = await results(page);
  return { evaluations: r.evaluations.map(({ numTensors: _, ...e }) => e), switches: r.switches };
}

/** The worker dies when its computation reaches `at`, after `trigger`; Restart brings the run back. */
async function killAndRestore(page: Page, at: FaultPoint, trigger: () => Promise<void>) {
  await injectFault(page, 'crash', at);
  await trigger();
  const alert = page.getByTestId('error-worker');
  await expect(alert).toContainText('The training worker stopped');
  const before = await recorded(page);
  await alert.getByRole('button', { name: 'Restart worker' }).click();
  const restored = page.getByTestId('restored');
  await expect(restored, `killed during ${at}`).toContainText('matches the recorded curves exactly', {
    timeout: 90_000,
  });
  expect(await recorded(page)).toEqual(before);
  await page.getByRole('button', { name: 'Resume' }).click();
  await waitForStep(page, before.evaluations.at(-1)!.step + 10);
  await expect(restored).toHaveCount(0);
}

test('a worker killed during consolidation, a Fisher pass or a landscape keeps the run', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto(RUN);
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForStep(page, 20);
  await switchTo(page, 2);
  await waitForStep(page, (await lastStep(page)) + 10);

  // The switch to task 3 never finishes: the worker dies while consolidating task 2…
  await killAndRestore(page, 'consolidation', () => page.keyboard.press('3'));
  // …then while the Fisher of task 2 is being computed.
  await killAndRestore(page, 'fisher', () => page.keyboard.press('3'));
  expect((await results(page)).switches).toHaveLength(1);
  await switchTo(page, 3);

  // The loss landscape of tasks 1 and 2 (computed as soon as its tab is shown), interrupted
  // half-way, then computed on the restored run.
  await killAndRestore(page, 'landscape', () => page.getByRole('tab', { name: 'Loss landscape' }).click());
  const compute = page.getByRole('button', { name: /compute landscape/i });
  await compute.click();
  await expect(page.getByTestId('loss-landscape').locator('g.trajectory')).toHaveCount(2, {
    timeout: 90_000,
  });
  const r = await results(page);
  expect(r.switches.map((s) => [s.from, s.to, s.consolidated])).toEqual([
    [0, 1, true],
    [1, 2, true],
  ]);
  await expect(page).toHaveURL(/seed=3/);
  // The page reported each kill as the worker's error; nothing else went wrong.
  expect(consoleErrors.filter((e) => !e.includes('killed (on request'))).toEqual([]);
});

test('a WebGPU device lost in the middle of a step moves the run to the next backend, curves kept', async ({
  page,
}) => {
  // One small method: software WebGPU is slow.
  await page.goto('./?backend=webgpu&hidden=32,32&methods=sgd&protocol=split-mnist&scenario=domain&epochs=0');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForStep(page, 20);
  await injectFault(page, 'loseDevice', 'step');
  await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('status-bar')).toContainText('WebGPU device lost');
  await expect(page.getByTestId('skipped-webgpu')).toContainText('device lost');
  await expect(page.getByTestId('restored')).toContainText('The run was restored', { timeout: 90_000 });
  const before = await results(page);
  expect(before.evaluations.at(-1)!.step).toBeGreaterThanOrEqual(20);
  await page.getByRole('button', { name: 'Resume' }).click();
  await waitForStep(page, before.evaluations.at(-1)!.step + 10);
  expect((await results(page)).errors).toEqual([]);
});

test('the data file failing on the second fetch is reported, and Retry brings the run back', async ({
  page,
}) => {
  let fetches = 0;
  // The first fetch succeeds; the one after the restart finds the network gone; then it is back.
  await page.route('**/mnist-v1.bin', (route) =>
    ++fetches === 2 ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.goto(`${RUN}&methods=sgd`);
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForStep(page, 20);
  await injectFault(page, 'crash');
  await page.getByTestId('error-worker').getByRole('button', { name: 'Restart worker' }).click();
  const dataError = page.getByTestId('error-data');
  await expect(dataError).toContainText('could not be fetched');
  await dataError.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('restored')).toContainText('matches the recorded curves exactly');
  expect(fetches).toBe(3);
  await page.getByRole('button', { name: 'Resume' }).click();
  await waitForStep(page, (await lastStep(page)) + 10);
});
