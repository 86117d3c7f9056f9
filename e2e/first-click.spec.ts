import { expect, test } from '@playwright/test';
import { checkClaims, type MethodMatrix } from '../src/engine/claims';
import { FIRST_CLICK_CLAIMS, SCENARIO_STORIES } from '../src/engine/stories';
import { collectConsoleErrors } from './helpers';

/**
 * The first click: the built site with no parameters, Start, and the default automatic schedule
 * plays through (the rule's backend, the recommended network: nothing made smaller). The page's own
 * numbers must tell the story `npm run experiment` checks: SGD forgets task 1, EWC and SI keep it.
 */
test('with no parameters, Start shows the story: SGD forgets task 1, EWC and SI keep it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('./');
  // The scenario says what it will show before anything runs.
  await expect(page.getByTestId('scenario-story')).toHaveText(SCENARIO_STORIES['permuted-4'].line);
  await page.getByRole('button', { name: 'Start' }).click();
  const finished = () =>
    page.evaluate(() => {
      type Hook = { finishedRuns: () => MethodMatrix[] | null };
      return (
        globalThis as unknown as { __FORGETTING_PLAYGROUND__: Hook }
      ).__FORGETTING_PLAYGROUND__.finishedRuns();
    });
  await expect.poll(finished, { timeout: 200_000, intervals: [2000] }).not.toBeNull();
  const runs = (await finished()) as MethodMatrix[];
  expect(runs.map((r) => r.method)).toEqual(['sgd', 'l2', 'ewc', 'si']);
  const outcomes = checkClaims(FIRST_CLICK_CLAIMS, runs);
  expect(outcomes).toHaveLength(FIRST_CLICK_CLAIMS.length);
  // SGD forgot task 1, EWC and SI kept it, and the rest of the story holds.
  expect(outcomes.filter((o) => !o.holds).map((o) => o.line)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
