import { expect, test } from '@playwright/test';
import { lastStep, results } from './helpers';

const settings = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    type Hook = { settings: () => { methods: string[] } };
    return (globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }).__FORGETTING_PLAYGROUND__.settings()
      .methods;
  });

// At 1280×720 in projector mode the settings column scrolls; the question can sit below its fold.
test('while "Start a new run?" waits, the run controls say why and the question answers to the keyboard', async ({
  page,
}) => {
  await page.goto(
    './?hidden=32,32&methods=sgd&theme=projector&protocol=split-mnist&scenario=domain&epochs=0',
  );
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  const paused = await lastStep(page);

  await page.getByRole('checkbox', { name: 'Joint' }).click();
  const question = page.getByTestId('new-run-question');
  await expect(question).toBeInViewport();
  await page.keyboard.press('h'); // the lecturer hides the controls: the question goes with them

  const refused = page.getByTestId('refused');
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(refused).toHaveText(/^Resume waits: first answer “Start a new run\?”/);
  await expect(question).toBeInViewport();
  await expect(question.getByRole('button', { name: 'Start new run' })).toBeFocused();
  // Focus is on "Start new run" now, yet an impatient Space is still refused, not taken as a yes.
  for (const [key, what] of [
    [' ', 'Start'],
    ['s', 'Step'],
    ['2', 'Task 2'],
    ['r', 'Reset'],
  ]) {
    await page.keyboard.press(key);
    await expect(refused).toHaveText(new RegExp(`^${what} waits`));
  }
  // Nothing was sent to the run meanwhile.
  expect(await lastStep(page)).toBe(paused);
  expect((await results(page)).switches).toHaveLength(0);

  // Esc keeps this run…
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(refused).toHaveCount(0);
  expect(await settings(page)).toEqual(['sgd']);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('phase')).toHaveText('Training');
  await page.keyboard.press(' ');

  // …and Enter, on the focused answer, starts the new one.
  await page.getByRole('checkbox', { name: 'Joint' }).click();
  await page.keyboard.press('2');
  await expect(refused).toHaveText(/^Task 2 waits/);
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  expect(await settings(page)).toEqual(['sgd', 'joint']);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await results(page)).methods).toEqual(['sgd', 'joint']);
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);

  // A task key past the last task says so too (it once did nothing; before a run, it stopped training).
  await page.keyboard.press('9');
  await expect(refused).toHaveText('Task 9: this run has 5 tasks.');
  await expect(page.getByTestId('phase')).toHaveText('Training');
});
