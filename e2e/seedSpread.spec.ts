import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { measureLegibility, problemsOf } from './legibility';
import { exported, settled, shortRun, showPanel } from './panelHelpers';

/**
 * Spread over seeds: a run of three methods on three seeds each (nine lanes), tasks switched by
 * hand. Once trained, the forgetting curves draw one band per method and task under its mean line,
 * of a width the room can see, and say what the band is; the accuracy table shows each method's
 * mean with its min–max; the matrix says what its cells are; the CSV carries every seed's lane. The
 * figures read at 1280×720 in projector mode and at 1920×1080, and are looked at on a phone.
 */

const METHODS = ['sgd', 'ewc', 'si'];
const K = 3;
const SEED = 5;
const RUN = `backend=wasm&hidden=32,32&epochs=0&methods=${METHODS.join(',')}&seed=${SEED}&seedLanes=${K}`;
const SHOTS = '/work/shots/bands';

/** The widest vertical extent (px) of each band in the task-1 chart: top edge minus bottom edge at one x. */
function bandWidths(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    const cell = document.querySelector('[data-testid="forgetting-curves"] g.task-cell[data-task="0"]');
    for (const band of cell?.querySelectorAll('path.band') ?? []) {
      // d3.area writes each piece as its top edge left to right, then its bottom edge right to left.
      let widest = 0;
      for (const piece of (band.getAttribute('d') ?? '').split('M').filter(Boolean)) {
        const xy = piece
          .replace(/[LZ]/g, ' ')
          .trim()
          .split(/[\s,]+/)
          .map(Number);
        const n = xy.length / 4;
        for (let i = 0; i < n; i++)
          widest = Math.max(widest, Math.abs(xy[2 * i + 1] - xy[2 * (2 * n - 1 - i) + 1]));
      }
      out[band.getAttribute('data-method') ?? '?'] = widest;
    }
    return out;
  });
}

test('every curve with its spread over three seeds: bands, the table, the matrix, the CSV', async ({
  page,
}) => {
  test.setTimeout(300_000);
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`./?${RUN}&theme=projector`);
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  // The option, labelled and set from the link, with what it costs next to it.
  await expect(page.getByLabel('Spread over seeds')).toHaveValue(String(K));
  await expect(page.getByTestId('seed-lanes-cost')).toContainText(`Seeds ${SEED}–${SEED + K - 1}`);
  await expect(page.getByTestId('seed-lanes-cost')).toContainText(`${METHODS.length * K} lanes`);

  await showPanel(page, 'Forgetting curves');
  await shortRun(page, ['2', '3'], 10);
  await settled(page);

  const figure = page.getByTestId('forgetting-curves');
  // One band per method in each of the three trained tasks' charts, under the mean lines; one legend entry per method.
  await expect(figure.locator('path.band')).toHaveCount(3 * METHODS.length);
  await expect(figure.locator('path.curve')).toHaveCount(3 * METHODS.length);
  await expect(figure.locator('.legend-item[data-method]')).toHaveCount(METHODS.length);
  await expect(figure.locator('text.band-note')).toHaveText(`band: min–max over ${K} seeds`);
  const widths = await bandWidths(page);
  expect(Object.keys(widths).sort()).toEqual([...METHODS].sort());
  // Seeds differ in their initial weights and minibatches: every method's band is visibly wide somewhere.
  for (const m of METHODS) expect.soft(widths[m], `${m}'s band on task 1`).toBeGreaterThan(1);

  // The table: the mean, its min–max under it, and the caption says so.
  const table = page.getByTestId('accuracy-table');
  await expect(page.locator('.accuracy-toggle')).toContainText(`mean over ${K} seeds and their min–max`);
  await expect(table.locator('tbody tr')).toHaveCount(METHODS.length);
  for (const m of METHODS) await expect(page.getByTestId(`range-${m}-0`)).toHaveText(/^\(\d+\.\d–\d+\.\d\)$/);

  const shoot = async (name: string, viewport: { width: number; height: number }, theme: string) => {
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    await page.setViewportSize(viewport);
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
    if (name.includes('phone')) return []; // not lecture-sized: looked at, not measured
    return problemsOf(
      name,
      await measureLegibility(page, theme === 'projector' ? 14 : 0),
      viewport,
      theme === 'projector',
    );
  };
  const problems: string[] = [];
  const views = [
    ['projector-1280', { width: 1280, height: 720 }, 'projector'],
    ['light-1920', { width: 1920, height: 1080 }, 'light'],
    ['phone-412', { width: 412, height: 915 }, 'light'],
  ] as const;
  for (const [name, viewport, theme] of views)
    problems.push(...(await shoot(`curves-${name}`, viewport, theme)));

  await showPanel(page, 'Accuracy matrix');
  const matrix = page.getByTestId('accuracy-matrix');
  await expect(matrix.locator('g.matrix')).toHaveCount(METHODS.length);
  // The note's lines are separate texts: a wrap may fall anywhere in it.
  await expect(matrix.locator('g.note')).toContainText(new RegExp(`mean\\s*over\\s*${K}\\s*seeds`));
  await expect(matrix.locator('g.cell title').first()).toContainText(`mean over ${K} seeds (min–max`);
  for (const [name, viewport, theme] of views)
    problems.push(...(await shoot(`matrix-${name}`, viewport, theme)));
  expect(problems).toEqual([]);

  // The other figures with nine lanes: looked at, not measured (they draw every lane).
  await page.evaluate(() => {
    document.documentElement.dataset.theme = 'projector';
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  const tabs = page.getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await settled(page);
    const name = ((await tabs.nth(i).getAttribute('aria-label')) ?? `tab${i}`).replace(/[^A-Za-z0-9]+/g, '-');
    await page.screenshot({ path: `${SHOTS}/tab-${name.toLowerCase()}-projector-1280.png` });
  }
  // Every seed's lane in the run's CSV, with its seed.
  await page.locator('summary', { hasText: 'Share & export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Run data (CSV)' }).click(),
  ]);
  const csv: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) csv.push(chunk as Buffer);
  const [header, ...rows] = Buffer.concat(csv).toString('utf8').trim().split('\n');
  const cols = header.split(',');
  const seeds = new Set(rows.map((r) => r.split(',')[cols.indexOf('seed')]));
  expect(seeds).toEqual(new Set(Array.from({ length: K }, (_, k) => String(SEED + k))));
  expect(rows.length % (METHODS.length * K)).toBe(0);
  await page.locator('summary', { hasText: 'Share & export' }).click();
  // And the figure's own CSV.
  await showPanel(page, 'Forgetting curves');
  const own = (await exported(page, 'CSV')).bytes.toString('utf8').split('\n')[0];
  expect(own).toMatch(/^step,training_task,test_set,method,seed,/);

  await page.setViewportSize({ width: 412, height: 915 });

  // The phone: the option is reachable in the settings column.
  await page.getByLabel('Spread over seeds').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/control-phone-412.png` });
});
