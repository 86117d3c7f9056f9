/**
 * Finds a Chromium for the end-to-end tests: CHROMIUM_PATH, else Debian's /usr/bin/chromium,
 * else Playwright's own browser. Returns null when there is none.
 */
import { existsSync } from 'node:fs';

export const INSTALL_HINT =
  'No Chromium found for the end-to-end tests. Install one: on Debian/Ubuntu `sudo apt-get install chromium`, ' +
  'elsewhere `npx playwright install chromium` (or set CHROMIUM_PATH to a Chromium binary).';

/** @returns {Promise<{ path: string | undefined, source: string } | null>} */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv, source: 'CHROMIUM_PATH' } : null;
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', source: 'Debian chromium' };
  try {
    const { chromium } = await import('@playwright/test');
    const own = chromium.executablePath();
    // undefined path: Playwright launches its own browser.
    if (own && existsSync(own)) return { path: undefined, source: "Playwright's chromium" };
  } catch {
    // Playwright not installed yet: fall through to the hint.
  }
  return null;
}

// As a command: exit non-zero with one clear line when there is no browser.
if (import.meta.url === `file://${process.argv[1]}`) {
  const found = await findChromium();
  if (!found) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
}
