import { expect, test } from '@playwright/test';
import { collectConsoleErrors, settings as settingsNow } from './helpers';
import { badFiles, badLinks } from './hostileInput';

test('generated bad links open the app with a notice of what was ignored, never an error', async ({
  page,
}) => {
  // Two hundred page loads: about a second each on a 2-core machine, more when it is busy.
  test.setTimeout(600_000);
  const links = badLinks();
  expect(links.length).toBeGreaterThanOrEqual(200);
  const consoleErrors = collectConsoleErrors(page);
  // An HTML fragment that ran would open a dialog.
  page.on('dialog', (d) => {
    consoleErrors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  // Links are read on the page's thread; the worker only ever gets the settings read from them.
  // A stand-in worker keeps 200 page loads from each starting TensorFlow.js; the last link gets
  // the real one, which must start on what the link left.
  await page.route('**/training.worker-*.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => {};' }),
  );
  const notice = page.getByTestId('url-notice');
  for (const [i, { query, mentions, applied }] of links.entries()) {
    if (i === links.length - 1) await page.unroute('**/training.worker-*.js');
    await page.goto(`./?${query}`);
    await expect(notice, query.slice(0, 200)).toContainText(mentions);
    if (applied) expect((await settingsNow(page))[applied[0]], query.slice(0, 200)).toEqual(applied[1]);
  }
  await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', '');
  expect(consoleErrors).toEqual([]);
});

test('generated bad settings files load with a notice of what was ignored, never an error', async ({
  page,
}) => {
  const files = badFiles();
  expect(files.length).toBeGreaterThanOrEqual(50);
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('./?hidden=32,32&protocol=split-mnist&scenario=domain&epochs=0');
  const input = page.getByTestId('load-settings');
  const status = page.locator('.share-menu output');
  const notice = page.getByTestId('url-notice');
  for (const file of files) {
    await input.setInputFiles({
      name: file.name,
      mimeType: 'application/json',
      buffer: Buffer.from(file.content),
    });
    if (file.expect === 'refused') {
      await expect(status, file.name).toContainText(`${file.name}: This is not`);
      await expect(status, file.name).toContainText('Nothing was changed');
    } else {
      await expect(status, file.name).toHaveText(
        `Loaded ${file.name}, with some settings ignored (see the notice).`,
      );
      await expect(notice, file.name).toContainText(`Some settings in ${file.name} were ignored`);
      await expect(notice, file.name).toContainText(file.expect.mentions);
    }
  }
  await expect(page.getByRole('heading', { name: 'Forgetting Playground' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
