import { expect, test } from '@playwright/test';
import { lastStep, noPageScroll, results, seriousA11yViolations, settings } from './helpers';

test('every shortcut does what the overlay says, and none fires while typing', async ({ page }) => {
  await page.goto('./?hidden=32,32&methods=sgd,si&protocol=split-mnist&scenario=domain&epochs=0');
  await expect(page.getByTestId('phase')).toHaveText('Ready');

  await page.keyboard.press('?');
  const overlay = page.getByTestId('shortcuts');
  await expect(overlay).toBeVisible();
  for (const key of ['Space', 'S', 'R', '1–9', 'P', 'H', '?'])
    await expect(overlay.getByText(key, { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);

  await page.keyboard.press('s'); // one step
  await expect.poll(() => lastStep(page)).toBe(1);
  await page.keyboard.press(' '); // play
  await expect(page.getByTestId('phase')).toHaveText('Training');
  await page.keyboard.press('2'); // task 2
  await expect.poll(async () => (await results(page)).switches.map((s) => s.to)).toEqual([1]);
  await page.keyboard.press(' '); // pause
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  await page.keyboard.press('r'); // reset: a fresh run, same seed
  await expect.poll(async () => (await results(page)).switches.length).toBe(0);

  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
  await expect(page).toHaveURL(/theme=projector/);
  await page.keyboard.press('P');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'projector');
  await page.keyboard.press('h');
  await expect(page.locator('.run-settings')).toBeHidden();
  await page.keyboard.press('h');
  await expect(page.locator('.run-settings')).toBeVisible();

  // Typing a digit into a field is typing, not a task switch.
  await page.getByText('Per-method learning rates').click();
  await page.getByTestId('lr-sgd').focus();
  await page.keyboard.type('3');
  await page.keyboard.press('p');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'projector');
  expect((await results(page)).switches).toHaveLength(0);
});

test('a copied link reproduces the settings in a fresh page', async ({ page, browser }) => {
  await page.goto('./');
  await page.getByLabel('Protocol').selectOption('split-mnist');
  await page.getByTestId('slider-c').focus();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('checkbox', { name: 'Joint' }).check();
  await page.getByLabel('Theme').selectOption('dark');
  const link = page.url();
  const before = await settings(page);

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link);
  const after = await settings(fresh);
  for (const key of ['protocol', 'c', 'methods', 'theme', 'seed', 'lambdaEwc', 'view'])
    expect(after[key]).toEqual(before[key]);
  expect(after.protocol).toBe('split-mnist');
  expect(after.methods).toEqual(['sgd', 'l2', 'ewc', 'si', 'joint']);
  await expect(fresh.getByTestId('url-notice')).toHaveCount(0);
  await fresh.close();
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`each view fits one screen at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    for (const query of ['./', './?view=lab', './?theme=projector', './?view=lab&theme=projector']) {
      await page.goto(query);
      await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', '');
      if (query.includes('lab')) await expect(page.getByTestId('ellipse-plot')).toBeVisible();
      expect(await noPageScroll(page), query).toBe(true);
    }
  });
}

for (const view of ['network', 'lab']) {
  for (const theme of ['light', 'dark', 'projector']) {
    test(`no serious accessibility violation: ${view} view, ${theme} theme`, async ({ page }) => {
      await page.goto(`./?view=${view}&theme=${theme}`);
      await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', '');
      if (view === 'lab') await expect(page.locator('.katex').first()).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  }
}

test('embedded in a course page, the view shows without the chrome', async ({ page }) => {
  await page.goto('./?embed=1&view=lab');
  await expect(page.getByTestId('ellipse-plot')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Forgetting Playground' })).toHaveCount(0);
  await expect(page.getByTestId('status-bar')).toHaveCount(0);
});

test('the lab’s handles move with the arrow keys, like a drag', async ({ page }) => {
  await page.goto('./?view=lab');
  const path = page.locator('[data-testid="ellipse-plot"] path.trajectory[data-method="sgd"]').first();
  await expect(path).toHaveAttribute('d', /.+/);
  const before = await path.getAttribute('d');
  const centreB = page.locator('[data-testid="ellipse-plot"] [data-handle="centre1"]');
  await centreB.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect(path).not.toHaveAttribute('d', before!);
  await expect(page).toHaveURL(/labPreset=custom/);
  // The arrows moved the handle, not the lesson or anything else on the page.
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'projector');
});
