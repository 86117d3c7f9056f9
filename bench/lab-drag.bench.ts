/**
 * The 2D lab's frame interval while a handle is dragged, in headless Chromium against the built
 * site. Target: median requestAnimationFrame interval at most 17 ms. Needs `vite build` first.
 */
import { pathToFileURL } from 'node:url';
import { type FrameStats, openSite, startFrameRecording, stopFrameRecording } from './browser';

const PORT = 4391;
const DRAG_MS = 3000;

export async function main(): Promise<FrameStats> {
  const site = await openSite(PORT);
  try {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${site.url}?view=lab`);
    const handle = page.locator('[data-testid="ellipse-plot"] [data-handle="centre1"]');
    await handle.waitFor();
    const box = (await handle.boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await startFrameRecording(page);
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const start = Date.now();
    for (let i = 0; Date.now() - start < DRAG_MS; i++) {
      const a = i / 20; // a slow circle of radius 60 px, one pointer event per loop
      await page.mouse.move(cx + 60 * Math.sin(a), cy + 60 * (1 - Math.cos(a)));
    }
    await page.mouse.up();
    const result = await stopFrameRecording(page);
    console.log(
      `lab-drag: frame interval while dragging: median ${result.medianMs.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms ` +
        `(${result.frames} frames over ${DRAG_MS} ms, target median ≤ 17 ms)`,
    );
    return result;
  } finally {
    await site.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
