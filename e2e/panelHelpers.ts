import { expect, type Page } from '@playwright/test';
import { lastStep, results } from './helpers';

export async function waitForStep(page: Page, step: number): Promise<void> {
  await expect.poll(() => lastStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(step);
}

/** S presses (one step each), then waits until the worker has done them all. */
export async function stepBy(page: Page, n: number): Promise<void> {
  const target = (await lastStep(page)) + n;
  for (let i = 0; i < n; i++) await page.keyboard.press('s');
  await waitForStep(page, target);
}

/** A short run by keys: `steps` S presses, then each task key in turn followed by as many steps. */
export async function shortRun(page: Page, keys: readonly string[], steps = 6): Promise<void> {
  for (const key of keys) {
    await stepBy(page, steps);
    const before = (await results(page)).switches.length;
    await page.keyboard.press(key);
    await expect.poll(async () => (await results(page)).switches.length).toBe(before + 1);
  }
  await stepBy(page, steps);
}

/** The page has drawn what it has: no figure says it is still busy, and two frames have passed. */
export async function settled(page: Page): Promise<void> {
  await page.mouse.move(1, 1); // no hover read-outs
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

/** Shows one figure of the network view by its tab. */
export async function showPanel(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
}

/** Opens the figure's export menu, clicks the entry that starts with `entry`, returns the file's name and bytes. */
export async function exported(
  page: Page,
  entry: 'SVG' | 'PNG' | 'CSV' | RegExp,
): Promise<{ name: string; bytes: Buffer }> {
  const menu = page.getByTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const name = typeof entry === 'string' ? new RegExp(`^${entry}`) : entry;
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('button', { name }).first().click(),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}
