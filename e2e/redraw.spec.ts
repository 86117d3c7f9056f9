import { expect, type Page, test } from '@playwright/test';
import { collectConsoleErrors, results } from './helpers';
import { settled, shortRun, stepBy } from './panelHelpers';

/**
 * Every figure is drawn into layers created once and updated in place: redraws of the same data
 * (projector on and off, H, a resize, another tab and back, all of them in quick succession) leave
 * exactly the same elements, and a task switch adds data marks but never another axis. Figures are
 * found by their tabs, so a new one is covered without touching this file.
 */

/** Elements of the shown figure, counted by tag and class ("g.x-axis.axis": 1, "path.curve": 12, …). */
/** Figures drawn as images and tables, not on axes. */
const SYNAPSE_TABS = ['Importance maps', 'Digit gallery', 'Confusion matrices'];

const census = (page: Page, selector: string) =>
  page.locator(selector).evaluate((root) => {
    const counts: Record<string, number> = {};
    for (const el of root.querySelectorAll('*')) {
      const cls = el.getAttribute('class')?.trim().split(/\s+/).sort().join('.');
      const key = `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  });

/** The axis groups among them: every group whose class names an axis. */
const axes = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([k]) => /^g\..*axis/.test(k)));

/** Redraws without new data, as a lecturer causes them: theme, H, a resize, another tab; most mid-redraw. */
async function redrawMany(page: Page, tab: string): Promise<void> {
  await page.keyboard.press('p');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  // The next ones before the redraws of the ones before.
  for (const key of ['h', 'p', 'h']) await page.keyboard.press(key);
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('tab').first().click();
  await page.getByRole('tab', { name: tab }).click();
  await settled(page);
}

test('figures redraw in place: no duplicated axis or mark across redraws, themes, H, resizes and task switches', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  // LwF and A-GEM too, for the figure that shows them.
  await page.goto(
    './?backend=wasm&hidden=32,32&protocol=split-mnist&scenario=domain&epochs=0&methods=sgd,l2,ewc,si,lwf,agem',
  );
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  await shortRun(page, ['2', '3']);
  const body = '[data-testid="network-panels"] .panel-body';
  const names = await page
    .getByRole('tab')
    .evaluateAll((tabs) => tabs.map((t) => t.getAttribute('aria-label')!));
  expect(names.length).toBeGreaterThan(1);
  const axesBefore: Record<string, Record<string, number>> = {};
  for (const name of names) {
    await page.getByRole('tab', { name }).click();
    await settled(page);
    const before = await census(page, body);
    // A plot has two axes; the synapse figures (maps, digits, confusion) draw marks without axes.
    if (!SYNAPSE_TABS.includes(name))
      expect(Object.keys(axes(before)).length, `${name} has axes`).toBeGreaterThanOrEqual(2);
    expect(Object.keys(before).length, `${name} draws something`).toBeGreaterThan(0);
    await redrawMany(page, name);
    expect(await census(page, body), name).toEqual(before);
    axesBefore[name] = axes(before);
  }

  // A task switch brings new data: marks change, axes do not multiply.
  await page.keyboard.press('4');
  await expect.poll(async () => (await results(page)).switches.length).toBe(3);
  await stepBy(page, 6);
  for (const name of names) {
    await page.getByRole('tab', { name }).click();
    await settled(page);
    expect(axes(await census(page, body)), name).toEqual(axesBefore[name]);
  }

  // The lab's plot, likewise.
  await page.goto('./?view=lab');
  await expect(page.getByTestId('ellipse-plot').locator('path').first()).toBeVisible();
  await settled(page);
  const lab = await census(page, '[data-testid="ellipse-lab"]');
  await redrawLab(page);
  expect(await census(page, '[data-testid="ellipse-lab"]')).toEqual(lab);
  expect(consoleErrors).toEqual([]);
});

test('the strength sweep redraws in place, and a task switch adds no axis', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  // A sweep shows only its own figure, so the test above never meets it.
  await page.goto('./?backend=wasm&hidden=32,32&protocol=split-mnist&epochs=0&sweep=si&sweepLanes=5');
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  await shortRun(page, ['2', '3']);
  const body = '[data-testid="network-panels"] .panel-body';
  await settled(page);
  const before = await census(page, body);
  expect(Object.keys(axes(before)).length).toBeGreaterThanOrEqual(2);
  await redrawMany(page, 'Strength sweep');
  expect(await census(page, body)).toEqual(before);
  await page.keyboard.press('4');
  await expect.poll(async () => (await results(page)).switches.length).toBe(3);
  await stepBy(page, 6);
  await settled(page);
  expect(axes(await census(page, body))).toEqual(axes(before));
  expect(consoleErrors).toEqual([]);
});

async function redrawLab(page: Page): Promise<void> {
  for (const key of ['p', 'h', 'h', 'p']) await page.keyboard.press(key);
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await settled(page);
}
