import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { settled, shortRun, showPanel } from './panelHelpers';

/**
 * The synapse figures as the room sees them, after two task switches: every importance map lit,
 * a digit SGD got right and has forgotten (highlighted with its step), and in class-incremental
 * learning SGD's answers for the first pair's digits gone to the last pair. Screenshots of each
 * new figure on split and on permuted MNIST go to e2e/artifacts/synapses/.
 */
const ARTIFACTS = 'e2e/artifacts/synapses';
// A tiny network on WASM: each step takes milliseconds.
const SMALL = 'backend=wasm&hidden=32,32&theme=projector';
const FIGURES = ['Importance maps', 'Digit gallery', 'Confusion matrices'] as const;

async function shoot(page: Page, name: string): Promise<void> {
  await settled(page);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** Each figure's screenshot, by its tab. */
async function everyFigure(page: Page, run: string): Promise<void> {
  for (const figure of FIGURES) {
    await showPanel(page, figure);
    await shoot(page, `${run}-${figure.replace(/ /g, '-').toLowerCase()}`);
  }
}

test('split MNIST, class-incremental: maps lit, a forgotten SGD digit, answers collapsed onto the last pair', async ({
  page,
}) => {
  await page.goto(`./?${SMALL}&protocol=split-mnist&scenario=class&methods=sgd,l2,ewc,si,mas`);
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  await shortRun(page, ['2', '3'], 20);

  await showPanel(page, 'Importance maps');
  const maps = page.getByTestId('importance-maps');
  // L2, EWC, SI, MAS: one row each, two boundaries each, SI's live ω besides.
  await expect(maps.locator('g.map-row')).toHaveCount(4);
  await expect(maps.locator('g.map-row[data-method="si"] g.map')).toHaveCount(3);
  const lit = await maps
    .locator('g.map')
    .evaluateAll((gs) =>
      gs.map(
        (g) =>
          `${g.closest('.map-row')?.getAttribute('data-method')} ${g.getAttribute('data-title')} ${g.getAttribute('data-lit')}`,
      ),
    );
  // Every map shows importance somewhere: more than 2 % of its pixels visibly lit.
  for (const line of lit) expect(Number(line.split(' ').at(-1)), line).toBeGreaterThan(0.02);
  await everyFigure(page, 'split-class');

  await showPanel(page, 'Digit gallery');
  const sgdFlips = page.getByTestId('digit-gallery').locator('g.answer[data-method="sgd"][data-flipped]');
  expect(await sgdFlips.count()).toBeGreaterThan(0);
  await expect(sgdFlips.first().locator('text')).toHaveText(/^SGD \d @\d+$/);
  // A digit opens every method's distribution (keyboard too).
  await page.getByTestId('digit-gallery').locator('g.digit').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('gallery-distributions')).toBeVisible();
  await shoot(page, 'split-class-digit-gallery-open');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('gallery-distributions')).toHaveCount(0);

  await showPanel(page, 'Confusion matrices');
  const sgd = page.getByTestId('confusion-matrix').locator('g.confusion[data-method="sgd"]');
  // Counted at the switch to task 3: the last pair trained is 2/3.
  await expect(sgd.locator('.confusion-summary')).toHaveText(/^0\/1 → 2\/3: \d+ %$/);
  expect(Number(await sgd.getAttribute('data-summary'))).toBeGreaterThan(0.5);
});

test('permuted MNIST: the maps unscramble per task; every figure reads', async ({ page }) => {
  await page.goto(`./?${SMALL}&protocol=permuted-mnist&tasks=3&methods=sgd,ewc,si`);
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  await shortRun(page, ['2', '3'], 10);
  await everyFigure(page, 'permuted');
  await showPanel(page, 'Importance maps');
  await page.getByRole('button', { name: 'Undo permutation' }).click();
  await expect(page.getByRole('button', { name: 'Undo permutation' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page).toHaveURL(/unscramble=1/);
  await expect(page.getByTestId('importance-maps').locator('.map-note')).toContainText('unscrambled');
  await shoot(page, 'permuted-importance-maps-unscrambled');
});
