import { expect, type Page } from '@playwright/test';
import { lastStep } from './helpers';

export async function waitForStep(page: Page, step: number): Promise<void> {
  await expect.poll(() => lastStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(step);
}

/** Shows one figure of the network view by its tab. */
export async function showPanel(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
}

/** Clicks an export button and returns the downloaded file's name and text. */
export async function exported(
  page: Page,
  button: 'SVG' | 'PNG' | 'CSV',
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('toolbar', { name: 'Export' }).getByRole('button', { name: button }).click(),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}
