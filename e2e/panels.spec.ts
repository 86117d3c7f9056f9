import { expect, test } from '@playwright/test';
import { collectConsoleErrors, results } from './helpers';
import { exported, showPanel, waitForStep } from './panelHelpers';

// Split MNIST (domain), the default backend (WASM headless) and a small network: quick steps.
const RUN = './?hidden=32,32&protocol=split-mnist&scenario=domain&epochs=0';

test('a short run with two task switches fills every panel, and the panels export', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto(RUN);
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForStep(page, 30);
  // The status bar says how fast it trains; the tensor count is for ?debug=1 only.
  await expect(page.getByTestId('speed')).toHaveText(/^[\d.]+ steps\/s$/);
  await expect(page.getByTestId('tensors')).toHaveCount(0);
  await page.keyboard.press('2');
  await expect.poll(async () => (await results(page)).switches.length).toBe(1);
  await waitForStep(page, (await results(page)).switches[0].step + 30);
  await page.keyboard.press('3');
  await expect.poll(async () => (await results(page)).switches.length).toBe(2);
  await waitForStep(page, (await results(page)).switches[1].step + 20);
  await page.getByRole('button', { name: 'Pause' }).click();

  const r = await results(page);
  const M = r.methods.length;
  const T = r.taskNames.length;

  // Forgetting curves: one line per method in each of the three trained tasks' charts.
  for (const task of [0, 1, 2])
    await expect(
      page.locator(`[data-testid="forgetting-curves"] [data-task="${task}"] path.curve`),
    ).toHaveCount(M);
  await expect(page.locator('[data-testid="forgetting-curves"] .legend-item[data-method]')).toHaveCount(M);
  const curves = page.getByTestId('forgetting-curves');
  const box = (await curves.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await expect(curves.locator('.hover-value').first()).toContainText('step');
  await page.screenshot({ path: 'e2e/artifacts/panels-curves-1280.png' });
  // Zoom fits the accuracy axis to the data, and the link keeps it.
  await expect(curves).toHaveAttribute('data-y-domain', '0,1');
  await page.getByRole('button', { name: 'Zoom the accuracy axis to the data' }).click();
  await expect(page).toHaveURL(/[?&]zoom=1(&|$)/);
  await expect(curves).not.toHaveAttribute('data-y-domain', '0,1');
  await page.getByRole('button', { name: 'Zoom the accuracy axis to the data' }).click();
  await expect(curves).toHaveAttribute('data-y-domain', '0,1');
  const svg = await exported(page, 'SVG');
  expect(svg.name).toBe('forgetting-curves_split-mnist-domain_seed0.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror') !== null,
      root: doc.documentElement.nodeName,
      paths: doc.querySelectorAll('path.curve').length,
      // The exported figure carries its title.
      title: (doc.querySelector('.export-title')?.textContent ?? '').startsWith('Forgetting curves'),
    };
  }, svg.bytes.toString('utf8'));
  expect(parsed).toEqual({ error: false, root: 'svg', paths: 3 * M, title: true });
  const png = await exported(page, 'PNG');
  expect(png.name).toMatch(/\.png$/);
  expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(png.bytes.length).toBeGreaterThan(2000);
  const csv = await exported(page, 'CSV');
  expect(csv.bytes.toString().split('\n')[0]).toMatch(/^step,training_task,test_set,method,seed,task_1/);

  // Accuracy matrix: two finished rows and the one in progress × every task, per method.
  await showPanel(page, 'Accuracy matrix');
  await expect(page.locator('[data-testid="accuracy-matrix"] g.matrix')).toHaveCount(M);
  await expect(page.locator('[data-testid="accuracy-matrix"] g.cell')).toHaveCount(M * 3 * T);
  await expect(page.locator('[data-testid="accuracy-matrix"] g.cell[data-now]')).toHaveCount(M * T);
  await page.screenshot({ path: 'e2e/artifacts/panels-matrix-1280.png' });
  // One table per CSV, every row as wide as its header: the cells in long format, then the scores.
  const cells = (await exported(page, /^CSV: every cell/)).bytes.toString().trim().split('\n');
  expect(cells[0]).toBe('method,seed,after_task,visit,step,row,task,accuracy');
  expect(cells).toHaveLength(1 + M * 3 * T);
  expect(new Set(cells.map((line) => line.split(',').length))).toEqual(new Set([8]));
  const scores = (await exported(page, /^CSV: average/)).bytes.toString().trim().split('\n');
  expect(scores[0]).toBe('method,seed,tasks_scored,average_accuracy,bwt,fwt');
  expect(scores).toHaveLength(1 + M);

  // ω vs Fisher: a point per consolidated parameter, drawn on the canvas.
  await showPanel(page, 'ω vs Fisher');
  await expect
    .poll(async () =>
      Number(await page.locator('[data-testid="omega-vs-fisher"] svg').getAttribute('data-points')),
    )
    .toBeGreaterThan(1000);
  await expect(page.getByTestId('omega-vs-fisher')).toContainText('Spearman');
  const scatterSvg = await exported(page, 'SVG');
  expect(scatterSvg.bytes.toString()).toContain('<image');
  // The per-parameter CSV says its rows and size before the download, and comes as a sample too.
  const menu = page.getByTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  await expect(
    menu.getByRole('button', { name: /^CSV: all layers, every parameter · [\d,]+ rows · [\d.]+ [kM]B$/ }),
  ).toBeVisible();
  const sample = (await exported(page, /^CSV: all layers, every \d+th parameter/)).bytes
    .toString()
    .trim()
    .split('\n');
  // One column per importance measure the registry declares (every learner reports every measure).
  expect(sample[0]).toBe('layer,index,fisher,omega,Omega,mas');
  expect(sample.length).toBeGreaterThan(5000);
  expect(sample.length).toBeLessThanOrEqual(20_001);

  // Importance distributions: Ω and F for each of the three layers, with bars.
  await showPanel(page, 'Importances');
  await expect(page.locator('[data-testid="importance-distributions"] g.hist')).toHaveCount(6);
  expect(await page.locator('[data-testid="importance-distributions"] rect.bar').count()).toBeGreaterThan(60);

  // Path integral: one point per method and finished task.
  await showPanel(page, 'Path integral');
  await expect(page.locator('[data-testid="path-integral"] g.point')).toHaveCount(2 * M);
  await page.screenshot({ path: 'e2e/artifacts/panels-path-integral-1280.png' });

  // The loss landscape: computed in the worker as soon as it is shown, contours of both losses and a path per method.
  await showPanel(page, 'Loss landscape');
  await expect(page.locator('[data-testid="loss-landscape"] g.trajectory')).toHaveCount(M, {
    timeout: 60_000,
  });
  expect(
    await page.locator('[data-testid="loss-landscape"] [data-loss="a"] path.contour').count(),
  ).toBeGreaterThan(3);
  expect(
    await page.locator('[data-testid="loss-landscape"] [data-loss="b"] path.contour').count(),
  ).toBeGreaterThan(3);
  await page.screenshot({ path: 'e2e/artifacts/panels-landscape-1280.png' });

  await page.setViewportSize({ width: 1920, height: 1080 });
  await showPanel(page, 'ω vs Fisher');
  await page.screenshot({ path: 'e2e/artifacts/panels-scatter-1920.png' });
  // The whole view fits the window: no page scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
  expect(consoleErrors).toEqual([]);
});
