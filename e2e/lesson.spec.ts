import { expect, type Page, test } from '@playwright/test';
import { SCENES } from '../src/lesson/scenes';
import type { Scene } from '../src/lesson/sceneTypes';
import { collectConsoleErrors, noPageScroll, seriousA11yViolations } from './helpers';

/**
 * The guided lesson, walked with the clicker's keys only. Each scene is checked against its own
 * entry in src/lesson/scenes.ts, so reordering or editing the scenes needs no change here. Network
 * scenes are checked from their settings, never from training results (no waiting for a run).
 */

const ARTIFACTS = 'e2e/artifacts';

/** The page's settings and lab state, as plain data (see src/debugHook.ts). */
function state(page: Page): Promise<{ settings: Record<string, unknown>; lab: LabState }> {
  return page.evaluate(() => {
    type Hook = { settings: () => object; lab: () => object };
    const hook = (globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }).__FORGETTING_PLAYGROUND__;
    // JSON drops the stores' functions; the test sees data only.
    return JSON.parse(JSON.stringify({ settings: hook.settings(), lab: hook.lab() }));
  });
}

interface LabState {
  preset: string;
  params: Record<string, unknown>;
  visible: Record<string, boolean>;
}

/**
 * The smallest font size of any visible text in the lesson strip: KaTeX's hidden MathML and the
 * zero-width spaces it uses for vertical alignment aside.
 */
const smallestText = (page: Page) =>
  page.getByTestId('lesson').evaluate((root) => {
    const sizes = [...root.querySelectorAll('*')]
      .filter((el) => !el.closest('.katex-mathml'))
      .filter((el) =>
        [...el.childNodes].some(
          (n) => n.nodeType === Node.TEXT_NODE && /[^\s\u200b]/.test(n.textContent ?? ''),
        ),
      )
      .map((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    return Math.min(...sizes);
  });

/** Scene n is on screen and set up as its entry says. */
async function expectScene(page: Page, n: number): Promise<void> {
  const scene: Scene = SCENES[n - 1]!;
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toHaveAttribute('data-scene', scene.id);
  await expect(lesson).toContainText(`Scene ${n} of ${SCENES.length}`);
  // The page writes the scene's id; its number is only its place in the lesson.
  await expect(page).toHaveURL(new RegExp(`[?&]scene=${scene.id}(&|$)`));
  const { settings, lab } = await state(page);
  expect(settings).toMatchObject({ scene: scene.id, view: scene.view, ...scene.run });
  if (scene.view === 'network') {
    await expect(page.getByTestId('network-panels').locator('.panel-body')).toHaveAttribute(
      'data-panel',
      scene.panel ?? 'forgetting-curves',
    );
  } else {
    await expect(page.getByTestId('ellipse-lab')).toBeVisible();
    expect(lab.preset).toBe(scene.lab?.preset);
    expect(lab.params).toMatchObject(scene.lab?.params ?? {});
    for (const [method, shown] of Object.entries(lab.visible))
      expect(shown, method).toBe(
        (scene.lab?.show as readonly string[] | undefined)?.includes(method) ?? true,
      );
  }
  // The formula is typeset, not left as TeX.
  await expect(lesson.locator('.lesson-formula .katex').first()).toBeVisible();
}

/** Makes the prediction (if the scene has one), checks the prompt and that Reveal shows the answer. */
async function predictAndReveal(page: Page, scene: Scene): Promise<void> {
  const prompt = page.getByTestId('lesson-predict');
  if (!scene.predict) {
    await expect(prompt).toHaveCount(0);
    return;
  }
  await expect(prompt).toContainText(scene.predict.question);
  const choices = scene.predict.choices ?? [];
  for (const choice of choices) await expect(prompt.getByRole('button', { name: choice })).toBeVisible();
  if (choices[0]) await prompt.getByRole('button', { name: choices[0] }).click();
  await prompt.getByRole('button', { name: /reveal/i }).click();
  await expect(page.getByTestId('lesson-answer')).toContainText(scene.predict.reveal);
  // A network scene's reveal starts its run (its results are not waited for).
  if (scene.view === 'network') await expect(page.getByTestId('phase')).toHaveText('Training');
  const show = scene.predict.labAtReveal?.show;
  if (show)
    expect((await state(page)).lab.visible).toMatchObject(Object.fromEntries(show.map((m) => [m, true])));
}

test('the whole lesson with PageDown only, in projector mode at 1280×720, and PageUp goes back', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('./?theme=projector');
  await page.getByRole('button', { name: 'Lesson' }).click();
  for (let n = 1; n <= SCENES.length; n++) {
    const scene = SCENES[n - 1]!;
    if (n > 1) await page.keyboard.press('PageDown');
    await expectScene(page, n);
    // A lab scene pauses the run the network scene before it started.
    if (scene.view === 'lab' && SCENES[n - 2]?.view === 'network')
      await expect(page.getByTestId('phase')).toHaveText('Paused');
    expect(await noPageScroll(page), `scene ${n} fits without scrolling`).toBe(true);
    expect(await smallestText(page), `scene ${n}: nothing under 16 px`).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: `${ARTIFACTS}/lesson-${n}-${scene.id}.png` });
    await predictAndReveal(page, scene);
    await page.screenshot({ path: `${ARTIFACTS}/lesson-${n}-${scene.id}-revealed.png` });
  }
  // The last scene stays the last.
  await page.keyboard.press('PageDown');
  await expectScene(page, SCENES.length);
  await page.keyboard.press('PageUp');
  await expectScene(page, SCENES.length - 1);
  expect(consoleErrors).toEqual([]);
});

test('every scene fits one screen at 1920×1080', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./?theme=projector&scene=1');
  for (let n = 1; n <= SCENES.length; n++) {
    if (n > 1) await page.keyboard.press('PageDown');
    await expectScene(page, n);
    expect(await noPageScroll(page), `scene ${n}`).toBe(true);
  }
});

test('a link to a scene sets it up; arrows on a slider stay with the slider; Exit leaves the lesson', async ({
  page,
}) => {
  const labScene = SCENES.findIndex((s) => s.view === 'lab') + 1;
  await page.goto(`./?scene=${SCENES[labScene - 1]!.id}`);
  await expectScene(page, labScene);

  const slider = page.getByTestId('ellipse-lab').locator('input[type=range]').first();
  const before = await slider.inputValue();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).not.toHaveValue(before);
  expect((await state(page)).settings.scene).toBe(SCENES[labScene - 1]!.id);

  await page.getByRole('button', { name: 'Exit lesson' }).click();
  await expect(page.getByTestId('lesson')).toHaveCount(0);
  await expect(page).not.toHaveURL(/scene=/);
  // Outside a lesson the scene keys do nothing.
  await page.keyboard.press('PageDown');
  expect((await state(page)).settings.scene).toBe('');
});

test('a copied scene link keeps its own settings; an old numbered link opens its scene; a scene the lesson lacks is a notice', async ({
  page,
}) => {
  await page.goto(`./?scene=${SCENES[0]!.id}&c=0.7`);
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-scene', SCENES[0]!.id);
  expect((await state(page)).settings).toMatchObject({ ...SCENES[0]!.run, scene: SCENES[0]!.id, c: 0.7 });

  // Shared before scenes had ids, `?scene=6` opened the first click's scene; it still does, whatever its number now.
  await page.goto('./?scene=6');
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-scene', 'first-click');
  await expect(page).toHaveURL(/[?&]scene=first-click(&|$)/);

  for (const missing of [String(SCENES.length + 1), 'no-such-scene']) {
    await page.goto(`./?scene=${missing}`);
    await expect(page.getByTestId('url-notice')).toContainText(`scene=${missing}`);
    await expect(page.getByTestId('lesson')).toHaveCount(0);
  }
});

for (const theme of ['light', 'dark', 'projector']) {
  test(`the lesson strip has no serious accessibility violation: ${theme} theme`, async ({ page }) => {
    await page.goto(`./?scene=1&theme=${theme}`);
    await expect(page.getByTestId('lesson').locator('.katex').first()).toBeVisible();
    expect(await seriousA11yViolations(page, '[data-testid=lesson]')).toEqual([]);
  });
}
