import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { collectConsoleErrors } from './helpers';
import { measureLegibility, problemsOf } from './legibility';
import { exported, settled } from './panelHelpers';

/**
 * The strength sweep from a link: four SI lanes (c = 0, 0.01, 1, 100) on task-incremental split
 * MNIST, one epoch a task on WASM, through all five tasks by the automatic schedule. What the
 * sweep is for must show in the page's own numbers and in the drawn figure: task 1's accuracy rises
 * with c (stability), and the newest task's falls at the largest c (plasticity). Seed 2: on seeds 0
 * and 1 task 1 (0 against 1, the easiest pair) is barely forgotten even without a penalty, so
 * there is little to rise (docs/defaults.md: task-incremental SGD forgets by seed).
 */
const SWEEP =
  './?backend=wasm&protocol=split-mnist&scenario=task&sweep=si&sweepLanes=4&epochs=1&hidden=100,100&seed=2';
const ARTIFACTS = 'e2e/artifacts/sweep';

interface Row {
  strength: number;
  first: number;
  newest: number;
  average: number;
}
interface View {
  rows: Row[];
  final: boolean;
  task: number;
  recommended: number;
}

const sweep = (page: Page) =>
  page.evaluate(() => {
    type Hook = { sweep: () => unknown };
    return (globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }).__FORGETTING_PLAYGROUND__.sweep();
  }) as Promise<View | null>;

/** The drawn points of one curve, left to right: strength and height on screen (larger: higher). */
const drawn = (page: Page, metric: string) =>
  page
    .getByTestId('strength-sweep')
    .locator(`.sweep-point[data-metric="${metric}"]`)
    .evaluateAll((els) =>
      els
        .map((el) => {
          const box = el.getBoundingClientRect();
          return { strength: Number(el.getAttribute('data-strength')), height: -(box.top + box.height / 2) };
        })
        .sort((a, b) => a.strength - b.strength),
    );

async function shoot(page: Page, name: string, problems: string[]): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const [size, viewport, theme] of [
    ['1280-projector', { width: 1280, height: 720 }, 'projector'],
    ['1920', { width: 1920, height: 1080 }, 'light'],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.evaluate((t) => {
      type Hook = { settings: () => { set: (p: { theme: string }) => void } };
      (globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }).__FORGETTING_PLAYGROUND__
        .settings()
        .set({ theme: t });
    }, theme);
    await settled(page);
    const l = await measureLegibility(page, theme === 'projector' ? 14 : 0);
    problems.push(...problemsOf(`${name}-${size}`, l, viewport, theme === 'projector'));
    await page.screenshot({ path: `${ARTIFACTS}/${name}-${size}.png` });
  }
}

test('a four-lane SI sweep from a link: task 1 rises with c, the newest task falls at the largest c', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = collectConsoleErrors(page);
  await page.goto(SWEEP);
  await expect(page.getByTestId('url-notice')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Strength sweep' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('sweep-strengths')).toHaveText('c = 0, 0.01, 1, 100');
  await page.getByRole('button', { name: 'Start' }).click();
  // Live while it trains: the curves fill in task by task.
  await expect
    .poll(async () => (await sweep(page))?.task ?? 0, { timeout: 120_000 })
    .toBeGreaterThanOrEqual(2);
  await expect.poll(async () => (await sweep(page))?.final, { timeout: 240_000 }).toBe(true);

  const view = (await sweep(page))!;
  const pts = (f: (r: Row) => number) => view.rows.map((r) => Number((100 * f(r)).toFixed(1)));
  const first = pts((r) => r.first);
  const newest = pts((r) => r.newest);
  const summary = `c ${view.rows.map((r) => r.strength).join(', ')}: task 1 ${first.join(', ')}; newest ${newest.join(', ')}`;
  console.log(summary);
  expect(view.rows.map((r) => r.strength)).toEqual([0, 0.01, 1, 100]);
  // Stability: task 1 at the largest c well above c = 0, and never lower from one lane to the next.
  expect(first[3] - first[0], `task 1 should rise with c (${summary})`).toBeGreaterThanOrEqual(10);
  for (let i = 1; i < 4; i++)
    expect(first[i], `task 1 should not fall from lane ${i} to ${i + 1} (${summary})`).toBeGreaterThanOrEqual(
      first[i - 1] - 1,
    );
  // Plasticity: at the largest c the newest task is learned worse than by the best lane.
  expect(
    Math.max(...newest) - newest[3],
    `newest task should fall at the largest c (${summary})`,
  ).toBeGreaterThanOrEqual(5);

  // The figure shows the same: task 1's point at the largest c above its point at 0; the newest
  // task's point at the largest c the lowest of its curve.
  const firstDrawn = await drawn(page, 'first');
  const newestDrawn = await drawn(page, 'newest');
  expect(firstDrawn.map((p) => p.strength)).toEqual([0, 0.01, 1, 100]);
  expect(firstDrawn[3].height).toBeGreaterThan(firstDrawn[0].height);
  expect(newestDrawn[3].height).toBe(Math.min(...newestDrawn.map((p) => p.height)));
  // Each lane is named by its strength in the table.
  await expect(page.getByTestId('accuracy-table').locator('tbody th')).toHaveText([
    'SI c=0',
    'SI c=0.01',
    'SI c=1',
    'SI c=100',
  ]);

  // The table exports as CSV, one row per strength.
  const csv = await exported(page, 'CSV');
  expect(csv.name).toMatch(/^strength-sweep_split-mnist-task_seed2.*\.csv$/);
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  expect(lines[0]).toContain('first_task_accuracy');
  expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['0', '0.01', '1', '100']);
  await page.keyboard.press('Escape');

  // The link reproduces the sweep.
  await expect(page).toHaveURL(/[?&]sweep=si(&|$)/);

  const problems: string[] = [];
  await shoot(page, 'si-sweep', problems);
  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});

test('the lesson scene “How strong should the penalty be?” runs its sweep and its claims hold', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = collectConsoleErrors(page);
  await page.goto('./?scene=how-strong&backend=wasm');
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-scene', 'how-strong');
  await expect(page.getByRole('tab', { name: 'Strength sweep' })).toHaveAttribute('aria-selected', 'true');
  await page
    .getByTestId('lesson-predict')
    .getByRole('button', { name: /reveal/i })
    .click();
  await expect.poll(async () => (await sweep(page))?.final, { timeout: 240_000 }).toBe(true);
  const claims = page.getByTestId('lesson-claims');
  await expect(claims).toContainText('all hold in this run');
  await expect(claims.locator('li[data-holds="true"]')).toHaveCount(3);
  const problems: string[] = [];
  await shoot(page, 'scene-how-strong', problems);
  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});

test('a finished sweep stays as its method’s curve beside the next method’s sweep', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectConsoleErrors(page);
  await page.goto('./?backend=wasm&protocol=split-mnist&sweep=si&epochs=1&hidden=32,32&theme=projector');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(async () => (await sweep(page))?.final, { timeout: 120_000 }).toBe(true);
  await page.getByTestId('sweep-method').selectOption('ewc');
  await page.getByRole('button', { name: 'Start new run' }).click();
  await expect(page.getByTestId('sweep-strengths')).toHaveText('λ = 0, 1000, 1e6, 1e9');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(async () => (await sweep(page))?.final, { timeout: 120_000 }).toBe(true);
  const figure = page.getByTestId('strength-sweep');
  // SI's average, kept, on an axis both methods share: strength ÷ each one's recommended value.
  await expect(figure.locator('path.other-sweep')).toHaveCount(1);
  await expect(figure.locator('path.other-sweep[data-method="si"]')).toHaveCount(1);
  await expect(figure.locator('.x-title')).toContainText('÷');
  await expect(figure.locator('.legend-item')).toContainText(['SI average (its sweep)']);
  const problems: string[] = [];
  await shoot(page, 'ewc-sweep-beside-si', problems);
  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});
