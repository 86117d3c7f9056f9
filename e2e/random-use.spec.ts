import { writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { collectConsoleErrors, lastStep, results } from './helpers';

/**
 * A seeded stream of random user actions, then: no page error, no console error, and the run still
 * trains. RANDOM_ACTIONS sets how many (300 by default), RANDOM_SEED reproduces a failure (the seed is
 * printed at the start).
 */
const ACTIONS = Number(process.env.RANDOM_ACTIONS ?? 300);
const SEED = Number(process.env.RANDOM_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, pick: <T>(items: readonly T[]) => items[int(items.length)] };
}
type Rng = ReturnType<typeof rng>;

const KEYS = [
  '1',
  '2',
  '3',
  '5',
  '9',
  ' ',
  's',
  'r',
  'p',
  'h',
  '?',
  'Escape',
  'PageDown',
  'PageUp',
  'Enter',
  'Tab',
];
const SLIDER_KEYS = ['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'];
const TYPED = ['', '3', '-1', '1e9', 'abc', '0.5', '1e-3'];
const CLICKABLE = 'button, input[type=checkbox], summary, [role=tab]';

/**
 * In the page: one of the visible, enabled elements matching `selector`, chosen by `pick`, scrolled
 * into view, marked data-random-target; its centre and label. One round trip per choice keeps a
 * few hundred actions quick.
 */
function choose(page: Page, selector: string, pick: number) {
  return page.evaluate(
    ([sel, k]) => {
      for (const old of document.querySelectorAll('[data-random-target]'))
        old.removeAttribute('data-random-target');
      const all = [...document.querySelectorAll<HTMLElement>(sel)].filter(
        (el) => el.checkVisibility() && !(el as HTMLButtonElement).disabled,
      );
      if (all.length === 0) return null;
      const el = all[k % all.length];
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      el.setAttribute('data-random-target', '');
      const box = el.getBoundingClientRect();
      return {
        x: box.x + box.width / 2,
        y: box.y + box.height / 2,
        label: (el.textContent ?? '').trim().slice(0, 30),
      };
    },
    [selector, pick] as const,
  );
}
const target = (page: Page) => page.locator('[data-random-target]');

/** One random action; what it did, for the log. */
async function act(page: Page, r: Rng): Promise<string> {
  const roll = r.int(100);
  const pick = r.int(1e9);
  if (roll < 40) {
    // A click where a person would click: whatever is on top there gets it.
    const c = await choose(page, roll < 35 ? CLICKABLE : 'header nav button, header button', pick);
    if (c) await page.mouse.click(c.x, c.y);
    return `click ${c?.label}`;
  }
  if (roll < 55) {
    const key = r.pick(SLIDER_KEYS);
    if (await choose(page, 'input[type=range]', pick)) await target(page).press(key, { timeout: 1000 });
    return `slider ${key}`;
  }
  if (roll < 65) {
    if (!(await choose(page, 'select', pick))) return 'no select';
    const values = await target(page)
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const value = r.pick(values);
    await target(page).selectOption(value, { timeout: 1000 });
    return `select ${value}`;
  }
  if (roll < 70) {
    const text = r.pick(TYPED);
    if (await choose(page, 'input[type=number]', pick)) await target(page).fill(text, { timeout: 1000 });
    return `type ${text}`;
  }
  if (roll < 95) {
    const key = r.pick(KEYS);
    await page.keyboard.press(key);
    return `key ${key}`;
  }
  const size =
    r.int(3) === 0 ? { width: 1280, height: 720 } : { width: 390 + r.int(1531), height: 720 + r.int(361) };
  await page.setViewportSize(size);
  return `resize ${size.width}×${size.height}`;
}

/** Back to a state where the run can be started: no overlay, no pending question, the network view. */
async function settle(page: Page) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');
  const network = page.getByRole('button', { name: 'Network run', exact: true });
  if (await network.isVisible()) await network.click();
}

test(`${ACTIONS} random actions leave no error and a run that trains`, async ({ page }) => {
  test.setTimeout(240_000 + ACTIONS * 500);
  console.log(`random-use: RANDOM_SEED=${SEED} RANDOM_ACTIONS=${ACTIONS}`);
  test.info().annotations.push({ type: 'seed', description: String(SEED) });
  const r = rng(SEED);
  const errors = collectConsoleErrors(page);
  page.on('dialog', (d) => void d.dismiss()); // "Copy link" falls back to a prompt without clipboard access
  await page.goto('./?hidden=32,32&methods=sgd,si&samples=100&protocol=split-mnist&scenario=domain&epochs=0');
  const log: string[] = [];
  const t0 = Date.now();
  for (let i = 0; i < ACTIONS; i++) {
    try {
      log.push(await act(page, r));
    } catch (err) {
      // The control went away under the action (a view changed, a menu closed): a no-op, as for a person.
      log.push(`skipped: ${(err as Error).message.split('\n')[0].slice(0, 80)}`);
    }
    expect(errors, `after action ${i + 1} (${log.at(-1)}), seed ${SEED}`).toEqual([]);
  }
  const loopMs = Date.now() - t0;
  await settle(page);
  const before = await results(page);
  expect(
    before.errors.filter((e) => e.scope !== 'data'),
    `seed ${SEED}`,
  ).toEqual([]);
  if (before.phase !== 'training') await page.getByRole('button', { name: /^(Start|Resume)$/ }).click();
  const from = await lastStep(page);
  await expect
    .poll(() => lastStep(page), { timeout: 180_000, message: `the run trains, seed ${SEED}` })
    .toBeGreaterThan(from);
  expect(errors, `seed ${SEED}`).toEqual([]);
  console.log(
    `random-use: ${log.filter((l) => l.startsWith('skipped')).length} of ${ACTIONS} actions found nothing to act on; actions took ${Math.round(loopMs / 1000)} s, the check ${Math.round((Date.now() - t0 - loopMs) / 1000)} s`,
  );
  // RANDOM_LOG=file keeps every action, to see what a seed did.
  if (process.env.RANDOM_LOG) writeFileSync(process.env.RANDOM_LOG, `${log.join('\n')}\n`);
});
