import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { results } from './helpers';
import { measureLegibility, problemsOf } from './legibility';
import { exported, settled, shortRun, showPanel, stepBy } from './panelHelpers';

/**
 * The "A-GEM & LwF" figure on a class-incremental split MNIST run with both methods, tasks switched
 * by hand: after task 2 A-GEM has projected some of its updates (the share the figure shows, and
 * the page's own diagnostics agree with it), LwF's old and current answers are drawn, and the
 * figure reads at 1280×720 in projector mode, at 1920×1080 and does not break at 412×915.
 */

const RUN = 'backend=wasm&hidden=32,32&epochs=0&protocol=split-mnist&scenario=class&methods=sgd,lwf,agem';
const ARTIFACTS = 'e2e/artifacts/step-hooks';

/** The pooled share of projected steps since the first switch, from the store's own diagnostics. */
function storeShare(page: Page): Promise<number> {
  return page.evaluate(() => {
    type Hook = { results: () => Record<string, unknown> };
    const hook = (globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }).__FORGETTING_PLAYGROUND__;
    const s = hook.results() as unknown as {
      evaluations: { step: number; diagnostics: (Record<string, number> | null)[] }[];
      switches: { step: number }[];
    };
    let n = 0;
    let projected = 0;
    for (const e of s.evaluations) {
      const d = e.diagnostics[2];
      if (!d || e.step <= s.switches[0].step) continue;
      n += d.references;
      projected += d.projected;
    }
    return n > 0 ? projected / n : Number.NaN;
  });
}

test('the A-GEM & LwF figure shows projected updates after task 2, and what LwF keeps', async ({ page }) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.goto(`./?${RUN}&theme=projector`);
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  await showPanel(page, 'A-GEM and LwF at work');
  const figure = page.getByTestId('agem-lwf');
  await stepBy(page, 1);
  // Task 1: A-GEM's memory and LwF's frozen copy are still empty, and the plots say so.
  await expect(figure.locator('.cell-empty tspan').first()).toBeVisible();
  await shortRun(page, ['2', '3'], 12);
  await settled(page);

  const cell = figure.locator('[data-cell="projected"]');
  const shown = Number(await cell.getAttribute('data-projected-share'));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeCloseTo(await storeShare(page), 6);
  // The share in the plot's title, as the room reads it.
  await expect(cell.locator('.cell-title')).toContainText(`${Math.round(shown * 100)} %`);
  await expect(figure.locator('[data-cell="angle"] path.band')).toHaveCount(1);
  await expect(figure.locator('[data-cell="frozen"] path.curve[data-method="lwf"]')).toHaveCount(2);
  await expect(figure.locator('.cell-empty tspan')).toHaveCount(0);

  for (const [name, viewport, theme, minPx] of [
    ['projector-1280', { width: 1280, height: 720 }, 'projector', 14],
    ['light-1920', { width: 1920, height: 1080 }, 'light', 0],
    ['phone-412', { width: 412, height: 915 }, 'light', 0],
  ] as const) {
    // The theme first: the resize then redraws the figure in the theme's font sizes.
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    await page.setViewportSize(viewport);
    await settled(page);
    await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
    if (name === 'phone-412') continue; // not lecture-sized: looked at, not measured
    const problems = problemsOf(name, await measureLegibility(page, minPx), viewport, theme === 'projector');
    expect(problems).toEqual([]);
  }

  const csv = await exported(page, /^CSV.*A-GEM/);
  const rows = csv.bytes.toString('utf8').trim().split('\n');
  expect(rows[0]).toMatch(/^method,lane,from_step,to_step,reference_steps,projected_share/);
  expect(rows.length).toBeGreaterThan(1);
});

test('the A-GEM scene shows its figure, and after the reveal A-GEM’s projections in it', async ({ page }) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // One epoch a task on a tiny network: the scene's whole automatic run takes seconds.
  await page.goto('./?scene=agem&backend=wasm&hidden=32,32&epochs=1&theme=projector');
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-scene', 'agem');
  await expect(page.getByTestId('network-panels').locator('.panel-body')).toHaveAttribute(
    'data-panel',
    'agem-lwf',
  );
  await page
    .getByTestId('lesson-predict')
    .getByRole('button', { name: /reveal/i })
    .click();
  await expect.poll(async () => (await results(page)).phase, { timeout: 120_000 }).toBe('paused');
  await settled(page);
  const shares = await page
    .getByTestId('agem-lwf')
    .locator('[data-cell="projected"]')
    .getAttribute('data-projected-share');
  expect(Number(shares)).toBeGreaterThan(0);
  await page.screenshot({ path: `${ARTIFACTS}/scene-agem-revealed-1280.png` });
  expect(
    problemsOf('scene-agem', await measureLegibility(page, 14), { width: 1280, height: 720 }, true),
  ).toEqual([]);
});
