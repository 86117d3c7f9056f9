import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { SCENES } from '../src/lesson/scenes';
import { results } from './helpers';
import { measureLegibility, problemsOf } from './legibility';
import { settled, shortRun } from './panelHelpers';

/**
 * Can the room read it? Every view the way a lecture shows it — the network view with every figure
 * tab after two task switches, the ellipse lab, every lesson scene before and after its reveal — at
 * 1280×720 in projector mode and at 1920×1080 in the light theme, measured from the rendered page by
 * e2e/legibility.ts: no overlapping or cut text, nothing under 14 px on the projector, and a figure
 * of at least 45 % × 35 % of the screen. Tabs are found by their role, so a new figure is covered
 * without touching this file. Screenshots of every view go to e2e/artifacts/legibility/.
 */

const SETUPS = [
  { name: 'projector-1280', viewport: { width: 1280, height: 720 }, theme: 'projector', minPx: 14 },
  { name: 'light-1920', viewport: { width: 1920, height: 1080 }, theme: 'light', minPx: 0 },
] as const;
type Setup = (typeof SETUPS)[number];

const ARTIFACTS = 'e2e/artifacts/legibility';
// A tiny network on WASM: each step takes milliseconds, so the runs below are quick.
const SMALL = 'backend=wasm&hidden=32,32';
// Tasks switched by hand (the keys below), not by the automatic schedule.
const BY_HAND = `${SMALL}&epochs=0`;

async function look(page: Page, setup: Setup, view: string, problems: string[]): Promise<void> {
  await settled(page);
  const l = await measureLegibility(page, setup.minPx);
  problems.push(...problemsOf(view, l, setup.viewport, setup.theme === 'projector'));
  const dir = setup.theme === 'projector' ? ARTIFACTS : `${ARTIFACTS}/${setup.name}`;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${view}.png` });
}

/** A short run with two task switches (keys 2 and 3 unless told), then every figure tab in turn. */
async function everyTab(
  page: Page,
  setup: Setup,
  query: string,
  label: string,
  problems: string[],
  keys = ['2', '3'],
) {
  await page.goto(`./?${query}&theme=${setup.theme}`);
  await expect(page.getByTestId('phase')).toHaveText('Ready');
  await shortRun(page, keys);
  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  // A strength sweep shows its own figure only.
  expect(count).toBeGreaterThan(query.includes('sweep=') ? 0 : 1);
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i);
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const name = ((await tab.getAttribute('aria-label')) ?? (await tab.innerText())).trim();
    await look(page, setup, `${label}-${name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`, problems);
  }
}

for (const setup of SETUPS) {
  test.describe(`${setup.name}`, () => {
    test.use({ viewport: setup.viewport });

    test(`the network view, every figure after two task switches, reads at ${setup.name}`, async ({
      page,
    }) => {
      const problems: string[] = [];
      await everyTab(page, setup, BY_HAND, 'network', problems);
      expect(problems).toEqual([]);
    });

    test(`the lab and every lesson scene, before and after its reveal, read at ${setup.name}`, async ({
      page,
    }) => {
      // Ten scenes, five of them with a run to its end.
      test.setTimeout(600_000);
      const problems: string[] = [];
      await page.goto(`./?view=lab&theme=${setup.theme}`);
      await expect(page.locator('.katex').first()).toBeVisible();
      await look(page, setup, 'lab', problems);
      for (let n = 1; n <= SCENES.length; n++) {
        const scene = SCENES[n - 1]!;
        // One epoch a task: the scene's whole automatic run takes seconds.
        await page.goto(`./?scene=${scene.id}&${SMALL}&epochs=1&theme=${setup.theme}`);
        await expect(page.getByTestId('lesson')).toHaveAttribute('data-scene', scene.id);
        await expect(page.locator('.lesson .katex').first()).toBeVisible();
        await look(page, setup, `scene-${n}-${scene.id}`, problems);
        const reveal = page.getByTestId('lesson-predict').getByRole('button', { name: /reveal/i });
        if ((await reveal.count()) === 0) continue;
        await reveal.click();
        await expect(page.getByTestId('lesson-answer')).toBeVisible();
        if (scene.view === 'network')
          await expect.poll(async () => (await results(page)).phase, { timeout: 120_000 }).toBe('paused');
        await look(page, setup, `scene-${n}-${scene.id}-revealed`, problems);
      }
      expect(problems).toEqual([]);
    });
  });
}

test.describe('runs of other shapes', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  const projector = SETUPS[0];
  for (const [label, query, keys] of [
    ['one-method', `${BY_HAND}&methods=si`, ['2', '3']],
    // Two tasks: task 1, task 2 (key 2), then back to task 1 (key 1) for a second boundary.
    ['joint-2-tasks', `${BY_HAND}&protocol=permuted-mnist&tasks=2&methods=sgd,l2,ewc,si,joint`, ['2', '1']],
    ['10-tasks', `${BY_HAND}&protocol=permuted-mnist&tasks=10`, ['2', '3']],
    // The A-GEM & LwF figure with both of its methods (its plots are empty hints without them).
    ['agem-lwf', `${BY_HAND}&protocol=split-mnist&scenario=class&methods=sgd,lwf,agem`, ['2', '3']],
    ['si-sweep-8-lanes', `${BY_HAND}&protocol=split-mnist&sweep=si&sweepLanes=8`, ['2', '3']],
  ] as const) {
    test(`a ${label} run reads at 1280×720 in projector mode`, async ({ page }) => {
      const problems: string[] = [];
      await everyTab(page, projector, query, label, problems, [...keys]);
      expect(problems).toEqual([]);
    });
  }
});
