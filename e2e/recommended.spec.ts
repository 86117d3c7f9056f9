import { expect, type Page, test } from '@playwright/test';
import { recommendedParams } from '../src/engine/methods/registry';
import { SCENARIO_STORIES } from '../src/engine/stories';

/** The centre of the recommended notch and of the slider's thumb, in page pixels. */
async function markAndThumb(page: Page, testId: string): Promise<{ mark: number; thumb: number }> {
  const slider = page.getByTestId(testId);
  const box = (await slider.boundingBox())!;
  const mark = (await page.getByTestId(`${testId}-mark`).boundingBox())!;
  const at = await slider.evaluate(
    (el: HTMLInputElement) => (Number(el.value) - Number(el.min)) / (Number(el.max) - Number(el.min)),
  );
  // Chromium's thumb is 16 px wide; its centre travels the track less one thumb.
  return { mark: mark.x + mark.width / 2, thumb: box.x + 8 + (box.width - 16) * at };
}

test('sliders mark the recommended value, go back to it, and follow the scenario unless the user set them', async ({
  page,
}) => {
  await page.goto('./?theme=projector');
  // At the recommendation the notch sits under the thumb, and nothing about it is in the link.
  const { mark, thumb } = await markAndThumb(page, 'slider-lambda-ewc');
  expect(Math.abs(mark - thumb)).toBeLessThan(3);
  await expect(page.getByTestId('slider-lambda-ewc-recommended')).toHaveCount(0);

  // Moved away: the link keeps the user's value, and the keyboard brings it back.
  const c = page.getByTestId('slider-c');
  await c.focus();
  for (let i = 0; i < 10; i++) await c.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]c=/);
  const back = page.getByTestId('slider-c-recommended');
  await back.focus();
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/[?&]c=/);
  await expect(back).toHaveCount(0);

  // A value the user set stays through a change of scenario; the others take the new scenario's.
  await page.getByTestId('slider-lambda-l2').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/[?&]lambdaL2=/);
  const l2 = new URL(page.url()).searchParams.get('lambdaL2');
  await page.getByLabel('Protocol').selectOption('split-mnist');
  await page.getByRole('combobox', { name: /^Setting/ }).selectOption('class');
  await expect(page.getByTestId('scenario-story')).toHaveText(SCENARIO_STORIES['split-class'].line);
  const link = new URL(page.url()).searchParams;
  expect(link.get('lambdaL2')).toBe(l2);
  expect(link.has('lambdaEwc')).toBe(false);
  const settings = await page.evaluate(() => {
    type Hook = { settings: () => Record<string, unknown> };
    return JSON.parse(
      JSON.stringify(
        (globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }).__FORGETTING_PLAYGROUND__.settings(),
      ),
    );
  });
  expect(settings.lambdaEwc).toBe(recommendedParams('split-class').lambdaEwc);
  expect(settings.lambdaL2).toBe(Number(l2));
  const moved = await markAndThumb(page, 'slider-lambda-ewc');
  expect(Math.abs(moved.mark - moved.thumb)).toBeLessThan(3);
});
