import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { SCENES } from '../src/lesson/scenes';
import { lastStep, results } from './helpers';
import { measureLegibility, PHONE, problemsOf } from './legibility';
import { settled, shortRun } from './panelHelpers';

/**
 * A student's phone (Pixel 7, 412×915, touch): every view lays itself out at the phone's width —
 * no sideways scrolling, text at 12 px or more, 44×44 px touch targets, the figure full width and
 * tall — the settings open in a drawer by tap and close again (button, Esc, a tap outside), and a
 * run started by tap trains on the phone's own backend; its steps/s is logged. Screenshots of every
 * view go to e2e/artifacts/phone/.
 */

const { name: _name, minPx, touchPx, ...device } = PHONE;
// A tap that cannot land fails in 30 s with its reason, not at the test's timeout.
test.use({ ...device, actionTimeout: 30_000 });

const ARTIFACTS = 'e2e/artifacts/phone';
// A tiny network on WASM: each step takes milliseconds, so the runs below are quick.
const SMALL = 'backend=wasm&hidden=32,32';

async function look(page: Page, view: string, problems: string[], root?: string): Promise<void> {
  await settled(page);
  const l = await measureLegibility(page, minPx, touchPx, root);
  problems.push(...problemsOf(view, l, PHONE.viewport, false, true));
  mkdirSync(ARTIFACTS, { recursive: true });
  // The whole page, which scrolls; a drawer as the screen shows it.
  await page.screenshot({ path: `${ARTIFACTS}/${view}.png`, fullPage: !root, scale: 'css' });
}

test('the network view, every figure tab after two task switches, fits a phone', async ({ page }) => {
  const problems: string[] = [];
  await page.goto(`./?${SMALL}&epochs=0`);
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  await shortRun(page, ['2', '3']);
  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i);
    await tab.tap();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const name = ((await tab.getAttribute('aria-label')) ?? '').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
    await look(page, `network-${name}`, problems);
  }
  expect(problems).toEqual([]);
});

test('the settings drawer opens by tap, moves a slider, and closes by its button, Esc and a tap outside', async ({
  page,
}) => {
  await page.goto(`./?${SMALL}`);
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  const opener = page.getByRole('button', { name: 'Settings', exact: true });
  const drawer = page.getByRole('dialog', { name: 'Run settings' });
  await expect(drawer).toBeHidden();
  await opener.tap();
  await expect(drawer).toBeVisible();
  await expect(opener).toHaveAttribute('aria-expanded', 'true');
  // Focus moves into the drawer, so a keyboard or screen reader is there too.
  await expect.poll(() => drawer.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  const problems: string[] = [];
  // The drawer alone: the page under it is covered.
  await look(page, 'network-settings-drawer', problems, '[role="dialog"]');
  expect(problems).toEqual([]);

  const rate = drawer.getByRole('slider', { name: /learning rate/i });
  const before = await rate.inputValue();
  const box = (await rate.boundingBox())!;
  await rate.tap({ position: { x: box.width * 0.9, y: box.height / 2 } });
  await expect.poll(() => rate.inputValue()).not.toBe(before);

  await drawer.getByRole('button', { name: 'Close settings' }).tap();
  await expect(drawer).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.tap();
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await opener.tap();
  await expect(drawer).toBeVisible();
  // Outside the drawer: its right edge leaves a strip of the page under a dimmed backdrop.
  await page.touchscreen.tap(PHONE.viewport.width - 10, PHONE.viewport.height / 2);
  await expect(drawer).toBeHidden();
});

test('a run started by tap trains on the phone at the first click’s size, and says its steps/s', async ({
  page,
}) => {
  // The first click's settings: the defaults, the backend the page picks for itself.
  await page.goto('./');
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  await page.getByRole('button', { name: 'Start' }).tap();
  await expect(page.getByTestId('phase')).toHaveText('Training');
  const start = await lastStep(page);
  await expect.poll(() => lastStep(page), { timeout: 120_000 }).toBeGreaterThan(start + 100);
  const speed = await page.getByTestId('speed').innerText();
  expect(speed).toMatch(/^[\d.]+ steps\/s$/);
  const { backend } = await results(page);
  console.log(`phone 412×915: ${speed} on ${backend?.backend} at step ${await lastStep(page)}`);
  await page.getByRole('button', { name: 'Pause' }).tap();
  await expect(page.getByTestId('phase')).toHaveText('Paused');
});

test('the ellipse lab reads on a phone', async ({ page }) => {
  const problems: string[] = [];
  await page.goto('./?view=lab');
  await expect(page.locator('.katex').first()).toBeVisible();
  await look(page, 'lab', problems);
  expect(problems).toEqual([]);
});

for (const [k, scene] of SCENES.entries()) {
  const n = k + 1;
  test(`lesson scene ${n} (${scene.id}) reads on a phone, before and after its reveal by tap`, async ({
    page,
  }) => {
    const problems: string[] = [];
    // One epoch a task: the scene's whole automatic run takes seconds.
    await page.goto(`./?scene=${scene.id}&${SMALL}&epochs=1`);
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-scene', scene.id);
    await expect(page.locator('.lesson .katex').first()).toBeVisible();
    await look(page, `scene-${n}-${scene.id}`, problems);
    const predict = page.getByTestId('lesson-predict');
    const reveal = predict.getByRole('button', { name: /reveal/i });
    if ((await reveal.count()) > 0) {
      const choice = predict.locator('.lesson-choices button:not(.lesson-reveal)').first();
      if ((await choice.count()) > 0) {
        await choice.tap();
        await expect(choice).toHaveAttribute('aria-pressed', 'true');
      }
      await reveal.tap();
      await expect(page.getByTestId('lesson-answer')).toBeVisible();
      // The scene's run to its end, so the view is read as the room sees it after the reveal.
      if (scene.view === 'network')
        await expect.poll(async () => (await results(page)).phase, { timeout: 120_000 }).toBe('paused');
      await look(page, `scene-${n}-${scene.id}-revealed`, problems);
    }
    expect(problems).toEqual([]);
  });
}
